package io.route53failover.bench.detection;

import java.util.List;
import java.util.Locale;

/**
 * The availability alarm as the simulator evaluates it: a statistic over each 60 s period, {@code
 * LessThanThreshold}, {@code DatapointsToAlarm} M of {@code EvaluationPeriods} N, and {@code
 * TreatMissingData} {@code breaching} (the template's setting).
 *
 * <p>The decision follows "Evaluating an alarm" in the CloudWatch User Guide, as {@code
 * io.route53failover.drill.AlarmOracle} does: ALARM when at least M of the N values breach, a
 * missing value ({@code null}) counting as breaching; otherwise OK. A unit test checks it against
 * that oracle on hand-built datapoint series.
 *
 * @param statistic {@code Minimum} or {@code Average}
 * @param threshold the alarm's threshold; a value breaches when {@code value < threshold}
 * @param datapointsToAlarm M, 1 ≤ M ≤ N
 * @param evaluationPeriods N ≥ 1
 */
public record AlarmRule(
    String statistic, double threshold, int datapointsToAlarm, int evaluationPeriods) {

  /**
   * @throws IllegalArgumentException for another statistic or an M/N out of range
   */
  public AlarmRule {
    if (!statistic.equals("Minimum") && !statistic.equals("Average")) {
      throw new IllegalArgumentException("statistic must be Minimum or Average: " + statistic);
    }
    if (evaluationPeriods < 1 || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
      throw new IllegalArgumentException(
          "need 1 <= DatapointsToAlarm <= EvaluationPeriods; got "
              + datapointsToAlarm
              + " of "
              + evaluationPeriods);
    }
  }

  /**
   * The alarm for {@code FailedSamplesToAlarm} k with n samples per minute, as issue 18 maps it.
   *
   * <ul>
   *   <li>k = 1: {@code Minimum < 1}, 1 of 1 (today's alarm; equivalent to {@code Average < 1 −
   *       0.5/n} when every minute holds n samples).
   *   <li>1 &lt; k ≤ n: {@code Average < 1 − (k − 0.5)/n}, 1 of 1: a minute of n samples with k or
   *       more zeros averages at most 1 − k/n, with k − 1 zeros at least 1 − (k − 1)/n; the
   *       threshold lies halfway.
   *   <li>k &gt; n (only n = 1, at SAMPLE_INTERVAL_SECONDS 60): one minute cannot hold k samples,
   *       so k failed samples are k failed minutes: {@code Minimum < 1}, k of k.
   * </ul>
   *
   * @throws IllegalArgumentException when k &lt; 1 or n &lt; 1
   */
  public static AlarmRule forFailedSamples(int k, int n) {
    if (k < 1 || n < 1) {
      throw new IllegalArgumentException("need k >= 1 and n >= 1; got k=" + k + ", n=" + n);
    }
    if (k == 1) {
      return new AlarmRule("Minimum", 1.0, 1, 1);
    }
    if (k <= n) {
      return new AlarmRule("Average", 1.0 - (k - 0.5) / n, 1, 1);
    }
    return new AlarmRule("Minimum", 1.0, k, k);
  }

  /** The period's value from its samples (each 0 or 1); {@code null} when there are none. */
  public Double periodValue(List<Double> samples) {
    if (samples.isEmpty()) {
      return null;
    }
    return statistic.equals("Minimum")
        ? samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow()
        : samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /**
   * The state for the N evaluated period values, oldest first; {@code null} is a missing period.
   *
   * @return {@code ALARM} or {@code OK}
   * @throws IllegalArgumentException when there are not exactly N values
   */
  public String state(List<Double> values) {
    if (values.size() != evaluationPeriods) {
      throw new IllegalArgumentException(
          "expected " + evaluationPeriods + " period values, got " + values.size());
    }
    int breaching = 0;
    for (Double v : values) {
      if (v == null || v < threshold) {
        breaching++;
      }
    }
    return breaching >= datapointsToAlarm ? "ALARM" : "OK";
  }

  /** {@code Average < 0.625, 1 of 1}. */
  public String describe() {
    String t =
        threshold == Math.rint(threshold)
            ? Long.toString((long) threshold)
            : String.format(Locale.ROOT, "%.4f", threshold).replaceFirst("0+$", "");
    return statistic + " < " + t + ", " + datapointsToAlarm + " of " + evaluationPeriods;
  }
}
