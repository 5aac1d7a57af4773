package io.route53failover.failover;

import java.util.Map;

/**
 * Reads and changes Route 53 health checks: the small part of the Route 53 API the lock needs. The
 * AWS adapter is {@link Route53HealthCheckStore}; tests use mocks.
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

  /** Adds or replaces one tag (see Route 53 API ChangeTagsForResource, {@code AddTags}). */
  void putTag(String healthCheckId, String key, String value);

  /** Removes one tag (see Route 53 API ChangeTagsForResource, {@code RemoveTagKeys}). */
  void removeTag(String healthCheckId, String key);
}
