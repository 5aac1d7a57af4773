package io.route53failover.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Reads the failback guard's evidence for one node alarm right now and decides ({@link
 * RecoveryRule}): the alarm first (DescribeAlarms), then its metric over the last N whole minutes
 * (GetMetricData). Used by {@code failback} (through {@link RecoveryGuard}), by {@code failback
 * --wait} (call it again until it passes) and by {@code status}.
 *
 * <p>CloudWatch takes a little while to ingest a datapoint, so right after a minute ends its
 * datapoint may still be missing; that minute then fails the check, and a later check passes.
 */
public final class RecoveryCheck {

  /** The default N, {@code --healthy-minutes}. */
  public static final int DEFAULT_HEALTHY_MINUTES = 5;

  /** The largest N: one day of minutes. */
  public static final int MAX_HEALTHY_MINUTES = 1440;

  private final RecoverySource source;
  private final Clock clock;

  /**
   * @param source where the alarm and its datapoints are read
   * @param clock gives "now", which fixes the window
   */
  public RecoveryCheck(RecoverySource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * The evidence about {@code alarmName} over the last {@code healthyMinutes} whole minutes.
   *
   * @throws IllegalArgumentException when {@code healthyMinutes} is not within 1 to {@value
   *     #MAX_HEALTHY_MINUTES}
   * @throws RecoveryEvidenceException when the evidence cannot be read
   */
  public RecoveryEvidence check(String alarmName, int healthyMinutes) {
    if (healthyMinutes < 1 || healthyMinutes > MAX_HEALTHY_MINUTES) {
      throw new IllegalArgumentException(
          "--healthy-minutes: must be 1 to " + MAX_HEALTHY_MINUTES + ", was " + healthyMinutes);
    }
    Instant now = clock.instant();
    RecoveryWindow window = RecoveryWindow.lastWholeMinutes(now, healthyMinutes);
    NodeAlarm alarm = source.alarm(alarmName);
    Map<Instant, Double> minimums =
        source.minimumPerMinute(alarm.metric(), window.start(), window.end());
    return RecoveryRule.evaluate(alarm, window, minimums, now);
  }
}
