package io.route53failover.failover;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HealthCheckVersionMismatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.ResettableElementName;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.UpdateHealthCheckRequest;

/**
 * {@link HealthCheckStore} on the Route 53 API: GetHealthCheck, GetHealthCheckStatus,
 * UpdateHealthCheck (with {@code HealthCheckVersion}), ListTagsForResource and ChangeTagsForResource (resource type {@code
 * healthcheck}). Throttling, {@code PriorRequestNotComplete} and 5xx answers are retried by the
 * client's retry strategy (see {@link Route53Clients}); other errors surface as the SDK's {@code
 * Route53Exception}.
 */
public final class Route53HealthCheckStore implements HealthCheckStore {
  private final Route53Client route53;

  /**
   * @param route53 a Route 53 client; not closed by this store
   */
  public Route53HealthCheckStore(Route53Client route53) {
    this.route53 = route53;
  }

  @Override
  public HealthCheckState get(String healthCheckId) {
    HealthCheck hc;
    try {
      hc = route53.getHealthCheck(r -> r.healthCheckId(healthCheckId)).healthCheck();
    } catch (NoSuchHealthCheckException e) {
      throw new HealthCheckNotFoundException(healthCheckId, e);
    }
    HealthCheckConfig c = hc.healthCheckConfig();
    return new HealthCheckState(
        hc.id(),
        c.typeAsString(),
        c.resourcePath(),
        c.healthThreshold(),
        c.childHealthChecks(),
        hc.healthCheckVersion());
  }

  @Override
  public Map<String, String> tags(String healthCheckId) {
    try {
      Map<String, String> tags = new LinkedHashMap<>();
      route53
          .listTagsForResource(
              r -> r.resourceType(TagResourceType.HEALTHCHECK).resourceId(healthCheckId))
          .resourceTagSet()
          .tags()
          .forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
      return tags;
    } catch (NoSuchHealthCheckException e) {
      throw new HealthCheckNotFoundException(healthCheckId, e);
    }
  }

  @Override
  public long updateResourcePath(String healthCheckId, String resourcePath, long expectedVersion) {
    UpdateHealthCheckRequest.Builder request =
        UpdateHealthCheckRequest.builder()
            .healthCheckId(healthCheckId)
            .healthCheckVersion(expectedVersion);
    if (resourcePath == null) {
      request.resetElements(ResettableElementName.RESOURCE_PATH);
    } else {
      request.resourcePath(resourcePath);
    }
    return update(request.build());
  }

  @Override
  public long updateHealthThreshold(
      String healthCheckId,
      int healthThreshold,
      List<String> childHealthChecks,
      long expectedVersion) {
    UpdateHealthCheckRequest.Builder request =
        UpdateHealthCheckRequest.builder()
            .healthCheckId(healthCheckId)
            .healthCheckVersion(expectedVersion)
            .healthThreshold(healthThreshold);
    if (!childHealthChecks.isEmpty()) {
      // the same list: a no-op on AWS, and moto empties the children of an update without it
      request.childHealthChecks(childHealthChecks);
    }
    return update(request.build());
  }

  private long update(UpdateHealthCheckRequest request) {
    try {
      return route53.updateHealthCheck(request).healthCheck().healthCheckVersion();
    } catch (HealthCheckVersionMismatchException e) {
      throw new VersionMismatchException(
          request.healthCheckId(), request.healthCheckVersion(), e);
    } catch (NoSuchHealthCheckException e) {
      throw new HealthCheckNotFoundException(request.healthCheckId(), e);
    }
  }

  @Override
  public Optional<String> lastReportedStatus(String healthCheckId) {
    try {
      return route53
          .getHealthCheckStatus(r -> r.healthCheckId(healthCheckId))
          .healthCheckObservations()
          .stream()
          .filter(o -> o.statusReport() != null && o.statusReport().status() != null)
          .max(
              Comparator.comparing(
                  (HealthCheckObservation o) -> o.statusReport().checkedTime(),
                  Comparator.nullsFirst(Comparator.naturalOrder())))
          .map(o -> o.statusReport().status());
    } catch (NoSuchHealthCheckException e) {
      throw new HealthCheckNotFoundException(healthCheckId, e);
    }
  }

  @Override
  public void putTag(String healthCheckId, String key, String value) {
    route53.changeTagsForResource(
        r ->
            r.resourceType(TagResourceType.HEALTHCHECK)
                .resourceId(healthCheckId)
                .addTags(Tag.builder().key(key).value(value).build()));
  }

  @Override
  public void removeTag(String healthCheckId, String key) {
    route53.changeTagsForResource(
        r ->
            r.resourceType(TagResourceType.HEALTHCHECK)
                .resourceId(healthCheckId)
                .removeTagKeys(key));
  }
}
