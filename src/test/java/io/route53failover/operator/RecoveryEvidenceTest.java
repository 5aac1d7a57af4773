package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evidence as an operator reads it (text) and as a script reads it (JSON). */
class RecoveryEvidenceTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:03:30Z");
  private static final RecoveryWindow WINDOW = RecoveryWindow.lastWholeMinutes(NOW, 3);

  private static RecoveryEvidence failing() {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Stack", "s1");
    NodeAlarm alarm =
        new NodeAlarm("s1-node1-availability", "ALARM", new WatchedMetric("NS", "node1_availability", dimensions));
    Map<Instant, Double> data =
        Map.of(WINDOW.periodStarts().get(0), 1.0, WINDOW.periodStarts().get(1), 0.0);
    return RecoveryRule.evaluate(alarm, WINDOW, data, NOW);
  }

  @Test
  void textShowsStateMetricWindowEachMinuteAndWhy() {
    assertThat(failing().toText())
        .isEqualTo(
            """
            failback guard: FAIL
              alarm   s1-node1-availability: ALARM (must be OK)
              metric  NS node1_availability {Stack=s1}, Minimum per 60 s
              window  last 3 whole minutes, 2026-12-03T12:00:00Z to 2026-12-03T12:03:00Z, checked at 2026-12-03T12:03:30Z
                2026-12-03T12:00:00Z  1       healthy
                2026-12-03T12:01:00Z  0       UNHEALTHY
                2026-12-03T12:02:00Z  -       MISSING
              why     alarm s1-node1-availability is ALARM, not OK; 1 of the last 3 minutes had Minimum below 1 (a failed probe); 1 of the last 3 minutes had no datapoint
            """);
  }

  @Test
  void textOfAPassHasNoWhy() {
    NodeAlarm ok = new NodeAlarm("a", "OK", new WatchedMetric("NS", "m", Map.of()));
    Map<Instant, Double> data = new java.util.HashMap<>();
    WINDOW.periodStarts().forEach(s -> data.put(s, 1.0));

    RecoveryEvidence e = RecoveryRule.evaluate(ok, WINDOW, data, NOW);

    assertThat(e.toText())
        .startsWith("failback guard: PASS\n  alarm   a: OK\n  metric  NS m, Minimum per 60 s\n")
        .doesNotContain("why");
    assertThat(e.summary())
        .isEqualTo("PASS: alarm a is OK and NS m had Minimum 1 in each of the last 3 whole minutes");
  }

  @Test
  void jsonHasEveryFieldAndNullForAMissingMinute() throws Exception {
    JsonNode expected =
        new ObjectMapper()
            .readTree(
                """
                {"verdict":"FAIL",
                 "alarm":{"name":"s1-node1-availability","state":"ALARM"},
                 "metric":{"namespace":"NS","metricName":"node1_availability","dimensions":{"Stack":"s1"}},
                 "stat":"Minimum","periodSeconds":60,"healthyMinutes":3,
                 "windowStart":"2026-12-03T12:00:00Z","windowEnd":"2026-12-03T12:03:00Z",
                 "checkedAt":"2026-12-03T12:03:30Z",
                 "periods":[
                   {"start":"2026-12-03T12:00:00Z","minimum":1.0,"status":"HEALTHY"},
                   {"start":"2026-12-03T12:01:00Z","minimum":0.0,"status":"UNHEALTHY"},
                   {"start":"2026-12-03T12:02:00Z","minimum":null,"status":"MISSING"}],
                 "reasons":["alarm s1-node1-availability is ALARM, not OK",
                            "1 of the last 3 minutes had Minimum below 1 (a failed probe)",
                            "1 of the last 3 minutes had no datapoint"]}
                """);

    assertThat(failing().toJson()).isEqualTo(expected);
  }

  @Test
  void valuesPrintWithoutATrailingZeroOnlyWhenWhole() {
    assertThat(RecoveryEvidence.format(1.0)).isEqualTo("1");
    assertThat(RecoveryEvidence.format(0.0)).isEqualTo("0");
    assertThat(RecoveryEvidence.format(0.5)).isEqualTo("0.5");
  }
}
