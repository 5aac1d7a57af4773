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
