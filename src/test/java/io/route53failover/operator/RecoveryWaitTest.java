package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code --wait}: a node that publishes a healthy datum every minute from 12:00 passes once five
 * whole minutes are in, on a clock that only the waits move.
 */
class RecoveryWaitTest {
  private static final WatchedMetric METRIC = new WatchedMetric("NS", "node1_availability", Map.of());

  private static final class MovingClock extends Clock {
    Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** Healthy from 12:00 on: a datapoint with Minimum 1 for every whole minute since. */
  private static RecoverySource healthySince(Instant since) {
    return new RecoverySource() {
      @Override
      public NodeAlarm alarm(String alarmName) {
        return new NodeAlarm(alarmName, "OK", METRIC);
      }

      @Override
      public Map<Instant, Double> minimumPerMinute(WatchedMetric metric, Instant start, Instant end) {
        Map<Instant, Double> m = new TreeMap<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
          if (!t.isBefore(since)) {
            m.put(t, 1.0);
          }
        }
        return m;
      }
    };
  }

  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T12:03:10Z"));
  private final List<Duration> slept = new ArrayList<>();
  private final List<RecoveryEvidence> seen = new ArrayList<>();

  private RecoveryWait waitFor(Instant healthySince) {
    return new RecoveryWait(
        new RecoveryCheck(healthySince(healthySince), clock),
        clock,
        d -> {
          slept.add(d);
          clock.now = clock.now.plus(d);
        });
  }

  @Test
  void waitsUntilFiveWholeHealthyMinutesAreIn() throws Exception {
    RecoveryEvidence e =
        waitFor(Instant.parse("2026-12-03T12:00:00Z"))
            .await("a", 5, Duration.ofMinutes(5), Duration.ofSeconds(30), seen::add);

    // 12:03:10 has 3 whole minutes; 12:05:10 the first with 5 (12:00 to 12:04)
    assertThat(e.passed()).isTrue();
    assertThat(e.checkedAt()).isEqualTo(Instant.parse("2026-12-03T12:05:10Z"));
    assertThat(seen).hasSize(5);
    assertThat(seen.subList(0, 4)).noneMatch(RecoveryEvidence::passed);
    assertThat(slept).containsOnly(Duration.ofSeconds(30)).hasSize(4);
  }

  @Test
  void givesUpWithTheLastEvidenceWhenNoFurtherCheckFits() throws Exception {
    RecoveryEvidence e =
        waitFor(Instant.parse("2026-12-03T12:00:00Z"))
            .await("a", 5, Duration.ofSeconds(90), Duration.ofSeconds(30), seen::add);

    // checks at 12:03:10, :40, 12:04:10, :40 (90 s later); the next would be after the deadline
    assertThat(e.passed()).isFalse();
    assertThat(e.checkedAt()).isEqualTo(Instant.parse("2026-12-03T12:04:40Z"));
    assertThat(seen).hasSize(4);
  }

  @Test
  void zeroChecksOnceAndAPassingNodeIsNotWaitedFor() throws Exception {
    RecoveryEvidence failing =
        waitFor(Instant.parse("2026-12-03T12:00:00Z"))
            .await("a", 5, Duration.ZERO, Duration.ofSeconds(30), seen::add);
    RecoveryEvidence passing =
        waitFor(Instant.parse("2026-12-03T11:00:00Z"))
            .await("a", 5, Duration.ofMinutes(10), Duration.ofSeconds(30), seen::add);

    assertThat(failing.passed()).isFalse();
    assertThat(passing.passed()).isTrue();
    assertThat(seen).hasSize(2);
    assertThat(slept).isEmpty();
  }

  @Test
  void aNegativeTimeoutOrANonPositiveIntervalIsRefused() {
    RecoveryWait wait = waitFor(Instant.EPOCH);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> wait.await("a", 5, Duration.ofSeconds(-1), Duration.ofSeconds(30), seen::add))
        .withMessageStartingWith("--wait: must not be negative");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> wait.await("a", 5, Duration.ofMinutes(1), Duration.ZERO, seen::add))
        .withMessageStartingWith("--wait interval: must be positive");
    assertThat(seen).isEmpty();
  }
}
