package io.route53failover.failover;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and changes Route 53 health checks: the small part of the Route 53 API the lock needs. The
 * AWS adapter is {@link Route53HealthCheckStore}; tests use an in-memory double or mocks.
 */
public interface HealthCheckStore {

  /**
   * Reads a health check (see Route 53 API GetHealthCheck).
   *
   * @throws HealthCheckNotFoundException when no health check has this id
   */
  HealthCheckState get(String healthCheckId);

  /**
   * The health check's tags, key to value (see Route 53 API ListTagsForResource, resource type
   * {@code healthcheck}).
   */
  Map<String, String> tags(String healthCheckId);

  /**
   * Sets the health check's {@code ResourcePath}, only if its {@code HealthCheckVersion} is still
   * {@code expectedVersion} (see Route 53 API UpdateHealthCheck).
   *
   * @param resourcePath the new path, or {@code null} to remove the path (Route 53 {@code
   *     ResetElements=ResourcePath})
   * @return the new {@code HealthCheckVersion}
   * @throws VersionMismatchException when Route 53 answers {@code HealthCheckVersionMismatch}: the
   *     health check changed since it was read
   */
  long updateResourcePath(String healthCheckId, String resourcePath, long expectedVersion);

  /**
   * Sets a {@code CALCULATED} health check's {@code HealthThreshold}, only if its {@code
   * HealthCheckVersion} is still {@code expectedVersion} (see Route 53 API UpdateHealthCheck). The
   * request also carries {@code childHealthChecks}: on AWS the list replaces the old one, so it
   * must be the list just read; some emulators empty the children when it is omitted.
   *
   * @param healthThreshold the new {@code HealthThreshold}, 0 to 256
   * @param childHealthChecks the children as just read with the same {@code expectedVersion}
   * @return the new {@code HealthCheckVersion}
   * @throws VersionMismatchException when Route 53 answers {@code HealthCheckVersionMismatch}
   */
  long updateHealthThreshold(
      String healthCheckId, int healthThreshold, List<String> childHealthChecks, long expectedVersion);

  /**
   * The health check's last reported status (see Route 53 API GetHealthCheckStatus): the {@code
   * StatusReport.Status} of the newest {@code HealthCheckObservation}, e.g. {@code "Success: HTTP
   * Status Code 200, OK"}; empty when Route 53 reports no observation.
   */
  Optional<String> lastReportedStatus(String healthCheckId);

  /** Adds or replaces one tag (see Route 53 API ChangeTagsForResource, {@code AddTags}). */
  void putTag(String healthCheckId, String key, String value);

  /** Removes one tag (see Route 53 API ChangeTagsForResource, {@code RemoveTagKeys}). */
  void removeTag(String healthCheckId, String key);
}
