package io.route53failover.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code n} whole one-minute periods before a moment: the minute in progress is not
 * whole, so it is left out. At 12:05:30 (or at 12:05:00 exactly) the last 5 whole minutes start at
 * 12:00, 12:01, 12:02, 12:03 and 12:04, and the window is [12:00, 12:05).
 *
 * @param start the first period's start, inclusive (a whole minute, UTC)
 * @param end the end of the last period, exclusive (a whole minute, UTC)
 * @param periodStarts the start of each period, oldest first; {@code n} of them
 */
public record RecoveryWindow(Instant start, Instant end, List<Instant> periodStarts) {

  /** The length of one period, and CloudWatch's {@code Period} in the query: 60 s. */
  public static final Duration PERIOD = Duration.ofMinutes(1);

  public RecoveryWindow {
    periodStarts = List.copyOf(periodStarts);
  }

  /**
   * The last {@code n} whole minutes before {@code now}.
   *
   * @throws IllegalArgumentException when {@code n} is below 1
   */
  public static RecoveryWindow lastWholeMinutes(Instant now, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("healthy minutes must be 1 or more, was " + n);
    }
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(PERIOD.multipliedBy(n));
    List<Instant> starts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      starts.add(start.plus(PERIOD.multipliedBy(i)));
    }
    return new RecoveryWindow(start, end, starts);
  }
}
