package io.route53failover.healthcheck;

import java.util.Objects;

/**
 * A TCP target: healthy when a connection to {@code host:port} is established within the timeout.
 *
 * @param name unique target name
 * @param host host name or IP literal
 * @param port TCP port, 1 to 65535
 * @param timeoutMs connect timeout in milliseconds
 * @param metricName availability metric name
 */
public record TcpTarget(String name, String host, int port, int timeoutMs, String metricName)
    implements Target {

  public TcpTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(metricName, "metricName");
  }

  @Override
  public String type() {
    return "tcp";
  }
}
