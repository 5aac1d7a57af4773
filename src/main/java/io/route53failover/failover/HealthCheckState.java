package io.route53failover.failover;

import java.util.List;

/**
 * What this project needs to know about a Route 53 health check, as GetHealthCheck returned it.
 *
 * @param id the health check id
 * @param type the health check type, e.g. {@code HTTPS}, {@code CALCULATED} or {@code
 *     CLOUDWATCH_METRIC}
 * @param resourcePath the {@code ResourcePath}, or {@code null} when the health check has none
 *     (Route 53 then omits the element)
 * @param healthThreshold a {@code CALCULATED} check's {@code HealthThreshold} (how many children
 *     must be healthy, 0 to 256), or {@code null} when the health check has none
 * @param childHealthChecks a {@code CALCULATED} check's {@code ChildHealthChecks} ids, in Route
 *     53's order; empty for other types
 * @param version the {@code HealthCheckVersion}, 1 or more
 */
public record HealthCheckState(
    String id,
    String type,
    String resourcePath,
    Integer healthThreshold,
    List<String> childHealthChecks,
    long version) {

  public HealthCheckState {
    childHealthChecks = childHealthChecks == null ? List.of() : List.copyOf(childHealthChecks);
  }
}
