package io.route53failover.healthcheck;

/**
 * One endpoint to probe, as configured in the {@code TARGETS} environment variable.
 *
 * <p>Each target yields, per run, one availability metric datum ({@link #metricName()}, 1 or 0,
 * unit {@code Count}) and, when it answered, one latency datum ({@link #latencyMetricName()}, unit
 * {@code Milliseconds}).
 */
public sealed interface Target permits TcpTarget, HttpTarget {

  /** Unique name, matching {@code [A-Za-z0-9_.-]+}. */
  String name();

  /** Upper bound on connect plus the full response, in milliseconds; positive. */
  int timeoutMs();

  /** Availability metric name; {@code <name>_availability} unless overridden by {@code metricName}. */
  String metricName();

  /** Latency metric name: {@code <name>_latency}. */
  default String latencyMetricName() {
    return name() + "_latency";
  }

  /** The configured {@code type}: {@code tcp}, {@code http} or {@code https}. */
  String type();
}
