package io.route53failover.healthcheck;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One endpoint to probe, as configured in the {@code TARGETS} environment variable: a JSON object
 * whose {@code type} names the record it binds to ({@link TargetsParser}). Each record validates
 * its fields in its compact constructor with {@link TargetRules}; an absent optional field arrives
 * as {@code null} and takes its default there.
 *
 * <p>Each target yields, per run, one availability metric datum ({@link #metricName()}, 1 or 0,
 * unit {@code Count}) and, when it answered, one latency datum ({@link #latencyMetricName()}, unit
 * {@code Milliseconds}).
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = TcpTarget.class, name = "tcp"),
  @JsonSubTypes.Type(value = HttpTarget.class, names = {"http", "https"}),
  @JsonSubTypes.Type(value = DnsTarget.class, name = "dns")
})
public sealed interface Target permits TcpTarget, HttpTarget, DnsTarget {

  /** Unique name, matching {@code [A-Za-z0-9_.-]+}, at most 242 characters. */
  String name();

  /**
   * Upper bound on connect plus the full response, in milliseconds: 1 to 60,000, default 3,000;
   * never null.
   */
  Integer timeoutMs();

  /**
   * Further tries after a failed probe within one sample, each with its own {@code timeoutMs}: 0
   * to 3, default 0; never null. The sample fails only when every try failed.
   */
  Integer retries();

  /** Availability metric name; {@code <name>_availability} unless overridden by {@code metricName}. */
  String metricName();

  /** Latency metric name: {@code <name>_latency}. */
  default String latencyMetricName() {
    return name() + "_latency";
  }

  /** The configured {@code type}: {@code tcp}, {@code http}, {@code https} or {@code dns}. */
  String type();

  /**
   * Latency limit in milliseconds: a probe that passes but answers slower is unhealthy with reason
   * {@code slow}; {@code null} for none.
   */
  Integer maxLatencyMs();

  /** Every metric name the target may publish, for the parser's uniqueness check. */
  default java.util.List<String> metricNames() {
    return java.util.List.of(metricName(), latencyMetricName());
  }
}
