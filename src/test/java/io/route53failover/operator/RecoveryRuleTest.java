package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.route53failover.operator.RecoveryEvidence.PeriodStatus;
import io.route53failover.operator.RecoveryEvidence.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard's decision and its window, on hand-built datapoints. */
class RecoveryRuleTest {
  static final WatchedMetric METRIC = new WatchedMetric("LambdaCustomHC", "node1_availability", Map.of());
  static final NodeAlarm OK = new NodeAlarm("stack-node1-availability", "OK", METRIC);
  static final Instant NOW = Instant.parse("2026-12-03T12:05:30Z");
  static final RecoveryWindow WINDOW = RecoveryWindow.lastWholeMinutes(NOW, 5);

  static Map<Instant, Double> minutes(double... values) {
    Map<Instant, Double> m = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        m.put(WINDOW.periodStarts().get(i), values[i]);
      }
    }
    return m;
  }

  @ParameterizedTest(name = "at {0}: [{1}, {2})")
  @CsvSource({
    "2026-12-03T12:05:30Z,     2026-12-03T12:00:00Z, 2026-12-03T12:05:00Z",
    "2026-12-03T12:05:00Z,     2026-12-03T12:00:00Z, 2026-12-03T12:05:00Z",
    "2026-12-03T12:05:59.999Z, 2026-12-03T12:00:00Z, 2026-12-03T12:05:00Z",
    "2026-12-03T12:04:59.999Z, 2026-12-03T11:59:00Z, 2026-12-03T12:04:00Z",
    "2026-12-03T00:02:00Z,     2026-12-02T23:57:00Z, 2026-12-03T00:02:00Z"
  })
  void theWindowIsTheLastNWholeMinutesBeforeNow(Instant now, Instant start, Instant end) {
    RecoveryWindow w = RecoveryWindow.lastWholeMinutes(now, 5);

    assertThat(w.start()).isEqualTo(start);
    assertThat(w.end()).isEqualTo(end);
    assertThat(w.periodStarts())
        .containsExactly(
            start, start.plusSeconds(60), start.plusSeconds(120), start.plusSeconds(180),
            start.plusSeconds(240));
  }

  @Test
  void oneMinuteIsAWindowAndZeroIsRefused() {
    assertThat(RecoveryWindow.lastWholeMinutes(NOW, 1).periodStarts())
        .containsExactly(Instant.parse("2026-12-03T12:04:00Z"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RecoveryWindow.lastWholeMinutes(NOW, 0))
        .withMessageContaining("was 0");
  }

  @Test
  void fiveHealthyMinutesAndOkPass() {
    RecoveryEvidence e = RecoveryRule.evaluate(OK, WINDOW, minutes(1, 1, 1, 1, 1), NOW);

    assertThat(e.verdict()).isEqualTo(Verdict.PASS);
    assertThat(e.reasons()).isEmpty();
    assertThat(e.periods()).extracting(RecoveryEvidence.Period::status).containsOnly(PeriodStatus.HEALTHY);
    assertThat(e.checkedAt()).isEqualTo(NOW);
  }

  @Test
  void fourHealthyMinutesOfFiveFail() {
    RecoveryEvidence e = RecoveryRule.evaluate(OK, WINDOW, minutes(1, 1, 1, 1, 0), NOW);

    assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(e.periods().get(4))
        .isEqualTo(new RecoveryEvidence.Period(WINDOW.periodStarts().get(4), 0.0, PeriodStatus.UNHEALTHY));
    assertThat(e.reasons())
        .containsExactly("1 of the last 5 minutes had Minimum below 1 (a failed probe)");
  }

  @Test
  void aMinimumBetweenZeroAndOneIsUnhealthy() {
    RecoveryEvidence e = RecoveryRule.evaluate(OK, WINDOW, minutes(1, 0.99, 1, 1, 1), NOW);

    assertThat(e.periods().get(1).status()).isEqualTo(PeriodStatus.UNHEALTHY);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void aMissingMinuteFails() {
    RecoveryEvidence e = RecoveryRule.evaluate(OK, WINDOW, minutes(1, Double.NaN, 1, 1, 1), NOW);

    assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(e.periods().get(1).status()).isEqualTo(PeriodStatus.MISSING);
    assertThat(e.periods().get(1).minimum()).isNull();
    assertThat(e.reasons()).containsExactly("1 of the last 5 minutes had no datapoint");
  }

  @Test
  void noDataAtAllFailsWithEveryMinuteMissing() {
    RecoveryEvidence e = RecoveryRule.evaluate(OK, WINDOW, Map.of(), NOW);

    assertThat(e.periods()).extracting(RecoveryEvidence.Period::status).containsOnly(PeriodStatus.MISSING);
    assertThat(e.reasons()).containsExactly("5 of the last 5 minutes had no datapoint");
  }

  @Test
  void anAlarmNotOkFailsEvenWithFiveHealthyMinutes() {
    for (String state : List.of("ALARM", "INSUFFICIENT_DATA")) {
      NodeAlarm alarm = new NodeAlarm("stack-node1-availability", state, METRIC);

      RecoveryEvidence e = RecoveryRule.evaluate(alarm, WINDOW, minutes(1, 1, 1, 1, 1), NOW);

      assertThat(e.verdict()).as(state).isEqualTo(Verdict.FAIL);
      assertThat(e.reasons())
          .containsExactly("alarm stack-node1-availability is " + state + ", not OK");
    }
  }

  @Test
  void datapointsOutsideTheWindowOrOffTheMinuteDoNotCount() {
    Map<Instant, Double> data = minutes(1, 1, 1, 1, Double.NaN);
    data.put(WINDOW.end(), 1.0); // the minute in progress
    data.put(WINDOW.start().minusSeconds(60), 1.0); // the minute before
    data.put(WINDOW.periodStarts().get(4).plusSeconds(5), 1.0); // not a period start

    RecoveryEvidence e = RecoveryRule.evaluate(OK, WINDOW, data, NOW);

    assertThat(e.periods()).hasSize(5);
    assertThat(e.periods().get(4).status()).isEqualTo(PeriodStatus.MISSING);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void everyReasonIsGiven() {
    NodeAlarm alarm = new NodeAlarm("a", "ALARM", METRIC);

    RecoveryEvidence e = RecoveryRule.evaluate(alarm, WINDOW, minutes(0, Double.NaN, 0, 1, 1), NOW);

    assertThat(e.reasons())
        .containsExactly(
            "alarm a is ALARM, not OK",
            "2 of the last 5 minutes had Minimum below 1 (a failed probe)",
            "1 of the last 5 minutes had no datapoint");
    assertThat(e.summary())
        .isEqualTo(
            "FAIL: alarm a is ALARM, not OK; 2 of the last 5 minutes had Minimum below 1 (a"
                + " failed probe); 1 of the last 5 minutes had no datapoint");
  }
}
