package io.route53failover.operator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The CloudWatch metric an availability alarm watches: its {@code Namespace}, {@code MetricName}
 * and {@code Dimensions}, as DescribeAlarms gives them (for a metric-math alarm, those of the one
 * {@code MetricStat} it evaluates).
 *
 * @param namespace for example {@code LambdaCustomHC}
 * @param metricName for example {@code node1_availability}
 * @param dimensions dimension name to value, in the alarm's order; empty for the metrics
 *     HealthCheckFunction publishes
 */
public record WatchedMetric(String namespace, String metricName, Map<String, String> dimensions) {

  /**
   * @throws NullPointerException when a field is null
   */
  public WatchedMetric {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(metricName, "metricName");
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  /** {@code <namespace> <metricName>}, then {@code [name=value, …]} when it has dimensions. */
  @Override
  public String toString() {
    return namespace + " " + metricName + (dimensions.isEmpty() ? "" : " " + dimensions);
  }
}
