package io.route53failover.metrics;

import java.util.Objects;

/**
 * One CloudWatch metric datum to publish, without dimensions (the metric name identifies the
 * target, as in the widely used Python version).
 *
 * @param metricName CloudWatch metric name, for example {@code web-1_availability}
 * @param value the value: 1 or 0 for availability, milliseconds for latency
 * @param unit the CloudWatch unit
 */
public record MetricDatum(String metricName, double value, Unit unit) {

  /** The CloudWatch units this project publishes. */
  public enum Unit {
    /** CloudWatch {@code Count}. */
    COUNT("Count"),
    /** CloudWatch {@code Milliseconds}. */
    MILLISECONDS("Milliseconds"),
    /** CloudWatch {@code Seconds}: a DNS answer's TTL. */
    SECONDS("Seconds"),
    /** CloudWatch {@code None}: days until a certificate expires, a fraction. */
    NONE("None");

    private final String cloudWatchName;

    Unit(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }

    /** The unit's name in the CloudWatch API, for example {@code Count}. */
    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  public MetricDatum {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(unit, "unit");
  }
}
