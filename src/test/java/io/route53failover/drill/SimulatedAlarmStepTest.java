package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.bench.detection.AlarmRule;
import io.route53failover.bench.detection.AlarmStep;
import io.route53failover.bench.detection.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The detection-time simulator's alarm step ({@code bench/detection}) against {@link AlarmOracle}:
 * the same hand-built datapoint series go to both, and both must put the alarm in ALARM at the same
 * evaluation. Lives in this package because the oracle is package-private.
 */
class SimulatedAlarmStepTest {

  private static final double PHASE = 4; // evaluations at 60 j + 4 s

  private static MetricAlarm asMetricAlarm(AlarmRule rule) {
    return MetricAlarm.builder()
        .alarmName("sim-node1-availability")
        .namespace("LambdaCustomHC")
        .metricName("node1_availability")
        .statistic(rule.statistic().equals("Minimum") ? Statistic.MINIMUM : Statistic.AVERAGE)
        .period(60)
        .evaluationPeriods(rule.evaluationPeriods())
        .datapointsToAlarm(rule.datapointsToAlarm())
        .threshold(rule.threshold())
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
        .treatMissingData("breaching")
        .build();
  }

  /**
   * Samples every {@code interval} s from t = 0: 1 before {@code death}, 0 from then on, each
   * visible {@code delay} s after its timestamp, except the sample at {@code lateAt} which is
   * visible 30 s late.
   */
  private static List<Sample> series(int interval, double death, double delay, double lateAt) {
    List<Sample> out = new ArrayList<>();
    for (double t = 0; t < 900; t += interval) {
      out.add(new Sample(t, t < death ? 1 : 0, t + (t == lateAt ? 30 : delay)));
    }
    return out;
  }

  /**
   * The oracle's ALARM time: at each evaluation, the N newest closed minutes, each reduced by the
   * alarm's statistic over the datums visible then (computed here, not by the simulator).
   */
  private static OptionalDouble oracleAlarm(List<Sample> samples, AlarmRule rule) {
    MetricAlarm alarm = asMetricAlarm(rule);
    for (int j = 1; j < 15; j++) {
      double at = 60.0 * j + PHASE;
      List<Double> values = new ArrayList<>();
      for (int b = j - rule.evaluationPeriods(); b < j; b++) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        int n = 0;
        for (Sample s : samples) {
          if (s.timestamp() >= 60.0 * b && s.timestamp() < 60.0 * (b + 1) && s.available() <= at) {
            sum += s.value();
            min = Math.min(min, s.value());
            n++;
          }
        }
        values.add(b < 0 || n == 0 ? null : rule.statistic().equals("Minimum") ? min : sum / n);
      }
      if (values.contains(null)) {
        continue; // before the series has N minutes: not a case either model is built for
      }
      if (AlarmOracle.evaluate(alarm, values).state().equals("ALARM")) {
        return OptionalDouble.of(at);
      }
    }
    return OptionalDouble.empty();
  }

  @ParameterizedTest(name = "every {0} s, FailedSamplesToAlarm {1}, dies at {2} s, late sample at {3} s")
  @CsvSource({
    // interval, k, death, sample that arrives 30 s late (-1: none), expected ALARM time
    "60, 1, 130, -1, 244", // minute 2 holds 120 (1), minute 3 holds 180 (0): seen at 60·4 + 4
    "60, 2, 130, -1, 304", // 2 of 2: minutes 3 and 4
    "15, 1, 100, -1, 124", // minute 1: 60, 75, 90 (1), 105 (0) -> Minimum 0
    "15, 1, 100, 105, 184", // minute 1's only 0 arrives after 124: minute 1 reads 1
    "15, 1, 100, 90, 124", // a late 1 changes nothing
    "15, 2, 100, -1, 184", // minute 1: 1, 1, 1, 0 = 0.75, not < 0.625; minute 2: all 0
    "15, 2, 80, -1, 124", // minute 1: 1, 1, 0, 0 = 0.5 < 0.625
    "15, 2, 70, -1, 124", // minute 1: 1, 0, 0, 0 = 0.25
    "30, 2, 80, -1, 184", // minute 1: 1, 0 = 0.5, not < 0.25; minute 2: 0, 0
    "10, 2, 100, -1, 124", // minute 1: four 1s, two 0s = 0.667 < 0.75
    "10, 3, 100, -1, 184", // 0.667 is not < 1 − 2.5/6 = 0.583
  })
  void simulatorAndOracleAlarmAtTheSameEvaluation(
      int interval, int k, double death, double lateAt, double expected) {
    AlarmRule rule = AlarmRule.forFailedSamples(k, 60 / interval);
    List<Sample> samples = series(interval, death, 2, lateAt);

    OptionalDouble oracle = oracleAlarm(samples, rule);
    OptionalDouble simulated = AlarmStep.firstAlarm(samples, rule, PHASE, 1, 14);

    assertThat(oracle).hasValue(expected);
    assertThat(simulated).isEqualTo(oracle);
  }

  @Test
  void failedSamplesToAlarmThresholdCountsZerosThroughTheOracle() {
    // every pattern of n samples: Average < 1 − (k − 0.5)/n breaches exactly when k or more are 0
    for (int n : new int[] {2, 3, 4, 6}) {
      for (int k = 1; k <= n; k++) {
        AlarmRule avg = new AlarmRule("Average", 1 - (k - 0.5) / n, 1, 1);
        AlarmRule mapped = AlarmRule.forFailedSamples(k, n);
        for (int bits = 0; bits < (1 << n); bits++) {
          Double[] v = new Double[n];
          for (int i = 0; i < n; i++) {
            v[i] = ((bits >> i) & 1) == 1 ? 1.0 : 0.0;
          }
          int zeros = n - Integer.bitCount(bits);
          List<Double> one = Arrays.asList(avg.periodValue(Arrays.asList(v)));
          List<Double> oneMapped = Arrays.asList(mapped.periodValue(Arrays.asList(v)));
          String expected = zeros >= k ? "ALARM" : "OK";
          assertThat(AlarmOracle.evaluate(asMetricAlarm(avg), one).state())
              .as("n=%d k=%d pattern=%s", n, k, Arrays.toString(v))
              .isEqualTo(expected);
          assertThat(AlarmOracle.evaluate(asMetricAlarm(mapped), oneMapped).state())
              .as("mapped n=%d k=%d pattern=%s", n, k, Arrays.toString(v))
              .isEqualTo(expected);
          assertThat(mapped.state(oneMapped)).isEqualTo(expected);
        }
      }
    }
  }
}
