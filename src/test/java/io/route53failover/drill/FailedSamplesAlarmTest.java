package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.template.CfnYaml;
import io.route53failover.template.TemplateTools;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * template.yaml's node alarms express "k failed samples of the n a minute holds" ({@code
 * FailedSamplesToAlarm} k, n = 60 / {@code SampleIntervalSeconds}): for every allowed pair, the
 * deployed alarm's Statistic and Threshold, applied by {@link AlarmOracle} to the minute's
 * statistic over n samples of 1 and 0 (a failed sample is 0, never 1), say OK with k − 1 failed
 * samples and ALARM with k, wherever in the minute they fall.
 */
class FailedSamplesAlarmTest {

  static Stream<Arguments> intervalAndK() {
    List<Arguments> pairs = new ArrayList<>();
    for (int interval : List.of(60, 30, 20, 15, 10)) {
      for (int k = 1; k <= 60 / interval; k++) {
        pairs.add(Arguments.of(interval, k));
      }
    }
    return pairs.stream();
  }

  private static MetricAlarm deployedAlarm(int interval, int k, String logicalId) throws Exception {
    StackTemplate stack =
        StackTemplate.load(
            "s",
            Map.of(
                "SampleIntervalSeconds", Integer.toString(interval),
                "FailedSamplesToAlarm", Integer.toString(k)));
    JsonNode p = stack.properties(logicalId);
    return MetricAlarm.builder()
        .alarmName(stack.resolve(p.get("AlarmName")))
        .metricName(stack.resolve(p.get("MetricName")))
        .namespace(stack.resolve(p.get("Namespace")))
        .statistic(stack.resolve(p.get("Statistic")))
        .threshold(Double.valueOf(stack.resolve(p.get("Threshold"))))
        .comparisonOperator(stack.resolve(p.get("ComparisonOperator")))
        .period(Integer.valueOf(stack.resolve(p.get("Period"))))
        .evaluationPeriods(Integer.valueOf(stack.resolve(p.get("EvaluationPeriods"))))
        .datapointsToAlarm(Integer.valueOf(stack.resolve(p.get("DatapointsToAlarm"))))
        .treatMissingData(stack.resolve(p.get("TreatMissingData")))
        .build();
  }

  /** What CloudWatch computes for the minute: the alarm's statistic over its samples. */
  private static double minuteValue(MetricAlarm alarm, List<Double> samples) {
    return switch (alarm.statisticAsString()) {
      case "Minimum" -> Collections.min(samples);
      case "Average" -> samples.stream().mapToDouble(Double::doubleValue).sum() / samples.size();
      default -> throw new AssertionError("unexpected statistic " + alarm.statisticAsString());
    };
  }

  private static List<Double> minute(int n, int failed, Random random) {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      samples.add(i < failed ? 0.0 : 1.0);
    }
    Collections.shuffle(samples, random);
    return samples;
  }

  /** One period's value, in a list the oracle may search for null. */
  private static List<Double> one(Double value) {
    List<Double> values = new ArrayList<>();
    values.add(value);
    return values;
  }

  @ParameterizedTest(name = "interval {0} s, k = {1}")
  @MethodSource("intervalAndK")
  void kFailedSamplesOfTheMinuteAlarmAndKMinusOneDoNot(int interval, int k) throws Exception {
    int n = 60 / interval;
    Random random = new Random(1000L * interval + k);
    for (String node : List.of("PrimaryNodeAlarm", "SecondaryNodeAlarm")) {
      MetricAlarm alarm = deployedAlarm(interval, k, node);
      assertThat(alarm.statisticAsString()).isEqualTo(k == 1 ? "Minimum" : "Average");
      for (int trial = 0; trial < 5; trial++) {
        List<Double> below = minute(n, k - 1, random);
        List<Double> at = minute(n, k, random);
        assertThat(AlarmOracle.evaluate(alarm, one(minuteValue(alarm, below))).state())
            .as("%s with %d failed of %d: %s", node, k - 1, n, below)
            .isEqualTo("OK");
        assertThat(AlarmOracle.evaluate(alarm, one(minuteValue(alarm, at))).state())
            .as("%s with %d failed of %d: %s", node, k, n, at)
            .isEqualTo("ALARM");
      }
      // and every count of failures from k up alarms
      for (int failed = k; failed <= n; failed++) {
        assertThat(AlarmOracle.evaluate(alarm, one(minuteValue(alarm, minute(n, failed, random)))).state())
            .isEqualTo("ALARM");
      }
      // a minute the function published nothing for is breaching, as before
      List<Double> missing = new ArrayList<>();
      missing.add(null);
      assertThat(AlarmOracle.evaluate(alarm, missing).state()).isEqualTo("ALARM");
    }
  }

  @Test
  void theDefaultsKeepTheAlarmOfOneProbeAMinute() throws Exception {
    MetricAlarm alarm = deployedAlarm(60, 1, "PrimaryNodeAlarm");

    assertThat(AlarmOracle.evaluate(alarm, one(0.0)).describe())
        .isEqualTo("ALARM from datapoints [0.0] (Minimum < 1 for 1 of 1)");
  }

  /** The template's Rules allow exactly k = 1..n for each interval (10 s: every allowed k). */
  @Test
  void rulesAllowFailedSamplesUpToTheSamplesOfAMinute() throws Exception {
    JsonNode template = CfnYaml.read(TemplateTools.template());
    for (int interval : List.of(60, 30, 20, 15)) {
      JsonNode rule = template.at("/Rules/FailedSamplesWithinOneMinuteAt" + interval);
      assertThat(rule.at("/RuleCondition/Fn::Equals/1").asText()).isEqualTo(Integer.toString(interval));
      List<String> allowed = new ArrayList<>();
      rule.at("/Assertions/0/Assert/Fn::Contains/0").forEach(v -> allowed.add(v.asText()));
      List<String> expected = new ArrayList<>();
      for (int k = 1; k <= 60 / interval; k++) {
        expected.add(Integer.toString(k));
      }
      assertThat(allowed).as("interval %d", interval).isEqualTo(expected);
    }
    List<String> ks = new ArrayList<>();
    template.at("/Parameters/FailedSamplesToAlarm/AllowedValues").forEach(v -> ks.add(v.asText()));
    assertThat(ks).containsExactly("1", "2", "3", "4", "5", "6");
  }
}
