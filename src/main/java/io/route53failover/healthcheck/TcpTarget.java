package io.route53failover.healthcheck;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * A TCP target: healthy when a connection to {@code host:port} is established within the timeout.
 *
 * @param name unique target name
 * @param host host name or IP literal, at most 255 characters; required
 * @param port TCP port, 1 to 65535; required
 * @param timeoutMs connect timeout in milliseconds, 1 to 60,000; default 3,000
 * @param metricName availability metric name; default {@code <name>_availability}
 * @param maxLatencyMs a connect slower than this (milliseconds, 1 to {@code timeoutMs}) is
 *     unhealthy with reason {@code slow}; or {@code null} for no limit
 * @param retries further tries after a failed probe, 0 to 3; default 0
 */
@JsonIgnoreProperties(value = "type", allowGetters = true) // the type id, read by Target
public record TcpTarget(
    String name,
    String host,
    Integer port,
    Integer timeoutMs,
    String metricName,
    Integer maxLatencyMs,
    Integer retries)
    implements Target {

  /** A target without a latency limit or retries. */
  public TcpTarget(String name, String host, Integer port, Integer timeoutMs, String metricName) {
    this(name, host, port, timeoutMs, metricName, null, null);
  }

  public TcpTarget {
    Objects.requireNonNull(name, "name");
    host = TargetRules.host(host);
    port = TargetRules.inRange("port", TargetRules.required("port", port), 1, 65_535);
    timeoutMs = TargetRules.timeoutMs(timeoutMs);
    metricName = TargetRules.metricName(name, metricName);
    maxLatencyMs = TargetRules.maxLatencyMs(maxLatencyMs, timeoutMs);
    retries = TargetRules.retries(retries);
  }

  @Override
  public String type() {
    return "tcp";
  }
}
