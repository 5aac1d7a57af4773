package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.failover.FailbackGuard;
import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.failover.HealthCheckState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RecoveryCheck} and {@link RecoveryGuard} on a hand-built {@link RecoverySource}. */
class RecoveryGuardTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:05:30Z");
  private static final WatchedMetric METRIC =
      new WatchedMetric("LambdaCustomHC", "node1_availability", Map.of());
  private static final HealthCheckState GATE = new HealthCheckState("hc-1", "CALCULATED", null, 1, List.of("child-1"), 3);

  /** Answers with {@code state} and {@code minimums}; remembers what it was asked. */
  private static class Source implements RecoverySource {
    final String state;
    final Map<Instant, Double> minimums;
    final List<String> asked = new ArrayList<>();

    Source(String state, Map<Instant, Double> minimums) {
      this.state = state;
      this.minimums = minimums;
    }

    @Override
    public NodeAlarm alarm(String alarmName) {
      asked.add("alarm " + alarmName);
      return new NodeAlarm(alarmName, state, METRIC);
    }

    @Override
    public Map<Instant, Double> minimumPerMinute(WatchedMetric metric, Instant start, Instant end) {
      asked.add("data " + metric + " " + start + " " + end);
      return minimums;
    }
  }

  private static Map<Instant, Double> healthyMinutes(int n) {
    Map<Instant, Double> m = new HashMap<>();
    RecoveryWindow.lastWholeMinutes(NOW, n).periodStarts().forEach(s -> m.put(s, 1.0));
    return m;
  }

  private static RecoveryCheck check(RecoverySource source) {
    return new RecoveryCheck(source, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void theCheckReadsTheAlarmThenItsMetricOverTheWindowOfTheClock() {
    Source source = new Source("OK", healthyMinutes(5));

    RecoveryEvidence e = check(source).check("node1-alarm", 5);

    assertThat(source.asked)
        .containsExactly(
            "alarm node1-alarm",
            "data LambdaCustomHC node1_availability 2026-12-03T12:00:00Z 2026-12-03T12:05:00Z");
    assertThat(e.passed()).isTrue();
    assertThat(e.checkedAt()).isEqualTo(NOW);
  }

  @Test
  void healthyMinutesMustBeWithinOneToADay() {
    Source source = new Source("OK", Map.of());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> check(source).check("a", 0))
        .withMessage("--healthy-minutes: must be 1 to 1440, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> check(source).check("a", 1441))
        .withMessage("--healthy-minutes: must be 1 to 1440, was 1441");
    assertThat(check(new Source("OK", healthyMinutes(1440))).check("a", 1440).passed()).isTrue();
    assertThat(source.asked).isEmpty();
  }

  @Test
  void aPassingGuardAllowsTheFailbackAndStillHandsOverItsEvidence() {
    List<RecoveryEvidence> printed = new ArrayList<>();
    FailbackGuard guard =
        new RecoveryGuard(check(new Source("OK", healthyMinutes(5))), "node1-alarm", 5, printed::add);

    assertThatNoException().isThrownBy(() -> guard.check(GATE, null));
    assertThat(printed).singleElement().satisfies(e -> assertThat(e.passed()).isTrue());
  }

  @Test
  void aFailingGuardRefusesWithTheSummaryAfterHandingOverItsEvidence() {
    List<RecoveryEvidence> printed = new ArrayList<>();
    Map<Instant, Double> fourOfFive = healthyMinutes(5);
    fourOfFive.put(Instant.parse("2026-12-03T12:04:00Z"), 0.0);
    FailbackGuard guard =
        new RecoveryGuard(check(new Source("OK", fourOfFive)), "node1-alarm", 5, printed::add);

    assertThatThrownBy(() -> guard.check(GATE, "/health"))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessage(
            "failback guard: FAIL: 1 of the last 5 minutes had Minimum below 1 (a failed probe)."
                + " Wait until the node is healthy (--wait), or skip the guard with --force"
                + " --reason TEXT.");
    assertThat(printed).singleElement().satisfies(e -> assertThat(e.passed()).isFalse());
  }

  @Test
  void aGuardThatCannotReadItsEvidenceRefuses() {
    RecoverySource broken =
        new Source("OK", Map.of()) {
          @Override
          public NodeAlarm alarm(String alarmName) {
            throw new RecoveryEvidenceException("CloudWatch DescribeAlarms Throttling (HTTP 400): x");
          }
        };
    List<RecoveryEvidence> printed = new ArrayList<>();
    FailbackGuard guard = new RecoveryGuard(check(broken), "node1-alarm", 5, printed::add);

    assertThatThrownBy(() -> guard.check(GATE, null))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessage(
            "failback guard cannot read its evidence, so it refuses: CloudWatch DescribeAlarms"
                + " Throttling (HTTP 400): x");
    assertThat(printed).isEmpty();
  }
}
