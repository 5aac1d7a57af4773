package io.route53failover.failover;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/** Health checks in the emulator, set up and read straight through the SDK, for assertions. */
public final class MotoHealthChecks {
  private MotoHealthChecks() {}

  /** Creates an HTTPS health check on primary.example.com:443 with {@code path}; returns its id. */
  public static String createHttps(Route53Client r53, String path) {
    return r53.createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type(HealthCheckType.HTTPS)
                                .fullyQualifiedDomainName("primary.example.com")
                                .port(443)
                                .resourcePath(path)
                                .requestInterval(30)
                                .failureThreshold(3)))
        .healthCheck()
        .id();
  }

  /**
   * Creates a {@code CLOUDWATCH_METRIC} health check on alarm {@code alarmName} in us-east-1 (moto
   * keeps no alarm identifier; the check stands in for a node's metric check); returns its id.
   */
  public static String createMetricCheck(Route53Client r53, String alarmName) {
    return r53.createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type(HealthCheckType.CLOUDWATCH_METRIC)
                                .alarmIdentifier(a -> a.region("us-east-1").name(alarmName))
                                .insufficientDataHealthStatus("Unhealthy")))
        .healthCheck()
        .id();
  }

  /** Creates a {@code CALCULATED} gate on {@code children} with {@code threshold}; returns its id. */
  public static String createGate(Route53Client r53, int threshold, String... children) {
    return r53.createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type(HealthCheckType.CALCULATED)
                                .healthThreshold(threshold)
                                .childHealthChecks(children)))
        .healthCheck()
        .id();
  }

  /** The gate's {@code HealthThreshold} as GetHealthCheck returns it. */
  public static Integer threshold(Route53Client r53, String id) {
    return r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().healthThreshold();
  }

  /** The gate's {@code ChildHealthChecks} as GetHealthCheck returns them. */
  public static java.util.List<String> children(Route53Client r53, String id) {
    return r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().childHealthChecks();
  }

  /** The health check's {@code ResourcePath} as GetHealthCheck returns it. */
  public static String resourcePath(Route53Client r53, String id) {
    return r53.getHealthCheck(r -> r.healthCheckId(id))
        .healthCheck()
        .healthCheckConfig()
        .resourcePath();
  }

  /** The health check's {@code HealthCheckVersion}. */
  public static long version(Route53Client r53, String id) {
    return r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckVersion();
  }

  /** The health check's tags as ListTagsForResource returns them. */
  public static Map<String, String> tags(Route53Client r53, String id) {
    return r53
        .listTagsForResource(r -> r.resourceType(TagResourceType.HEALTHCHECK).resourceId(id))
        .resourceTagSet()
        .tags()
        .stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
