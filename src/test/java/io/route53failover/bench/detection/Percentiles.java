package io.route53failover.bench.detection;

import java.util.Arrays;
import java.util.Locale;

/**
 * p50, p95 and maximum of a sample of durations, by the nearest-rank method: the p-th percentile
 * of n sorted values is the value at rank ⌈p/100 · n⌉ (1-based). So it is always one of the
 * values, and p100 is the maximum.
 *
 * @param n how many values
 * @param p50 the median by nearest rank, seconds
 * @param p95 seconds
 * @param max seconds
 */
public record Percentiles(int n, double p50, double p95, double max) {

  /**
   * @throws IllegalArgumentException when {@code values} is empty or holds NaN or an infinity
   */
  public static Percentiles of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
      throw new IllegalArgumentException("values must be finite");
    }
    return new Percentiles(
        sorted.length, rank(sorted, 50), rank(sorted, 95), sorted[sorted.length - 1]);
  }

  /** The nearest-rank p-th percentile of sorted values, 0 &lt; p ≤ 100. */
  static double rank(double[] sorted, double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    int r = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(r, 1) - 1];
  }

  /** {@code 62 / 71 / 88} (whole seconds). */
  public String format() {
    return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p50, p95, max);
  }
}
