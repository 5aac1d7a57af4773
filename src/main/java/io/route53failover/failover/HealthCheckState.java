package io.route53failover.failover;

/**
 * What this project needs to know about a Route 53 health check, as GetHealthCheck returned it.
 *
 * @param id the health check id
 * @param type the health check type, e.g. {@code HTTPS} or {@code CLOUDWATCH_METRIC}
 * @param resourcePath the {@code ResourcePath}, or {@code null} when the health check has none
 *     (Route 53 then omits the element)
 * @param version the {@code HealthCheckVersion}, 1 or more
 */
public record HealthCheckState(String id, String type, String resourcePath, long version) {}
