package io.route53failover.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Minimum, median and maximum of a benchmark row's samples. The median of an even number of
 * samples is the mean of the two middle ones.
 */
record Stats(int n, double min, double median, double max) {

  /**
   * @throws IllegalArgumentException when {@code samples} is empty or holds NaN
   */
  static Stats of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (Arrays.stream(sorted).anyMatch(Double::isNaN)) {
      throw new IllegalArgumentException("NaN among the samples " + samples);
    }
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Stats(n, sorted[0], median, sorted[n - 1]);
  }

  /** {@code min / median / max} with {@code decimals} decimals, e.g. {@code 1.02 / 1.05 / 1.10}. */
  String format(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " / " + f + " / " + f, min, median, max);
  }
}
