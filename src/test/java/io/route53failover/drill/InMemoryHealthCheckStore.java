package io.route53failover.drill;

import io.route53failover.failover.HealthCheckNotFoundException;
import io.route53failover.failover.HealthCheckState;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.failover.VersionMismatchException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health checks in memory with Route 53's version rule: an update with a stale {@code
 * HealthCheckVersion} is refused, a successful one increments it.
 */
public final class InMemoryHealthCheckStore implements HealthCheckStore {
  private final Map<String, HealthCheckState> checks = new HashMap<>();
  private final Map<String, Map<String, String>> tags = new HashMap<>();
  private RuntimeException nextGetFailure;

  /** Adds a health check at version 1, without tags. */
  public InMemoryHealthCheckStore add(String id, String type, String path) {
    checks.put(id, new HealthCheckState(id, type, path, 1));
    tags.put(id, new LinkedHashMap<>());
    return this;
  }

  /** The next {@link #get} throws {@code failure}, once. */
  public void failNextGet(RuntimeException failure) {
    nextGetFailure = failure;
  }

  public String path(String id) {
    return checks.get(id).resourcePath();
  }

  @Override
  public HealthCheckState get(String healthCheckId) {
    if (nextGetFailure != null) {
      RuntimeException e = nextGetFailure;
      nextGetFailure = null;
      throw e;
    }
    return require(healthCheckId);
  }

  @Override
  public Map<String, String> tags(String healthCheckId) {
    require(healthCheckId);
    return Map.copyOf(tags.get(healthCheckId));
  }

  @Override
  public long updateResourcePath(String healthCheckId, String resourcePath, long expectedVersion) {
    HealthCheckState s = require(healthCheckId);
    if (s.version() != expectedVersion) {
      throw new VersionMismatchException(healthCheckId, expectedVersion, null);
    }
    long version = s.version() + 1;
    checks.put(healthCheckId, new HealthCheckState(s.id(), s.type(), resourcePath, version));
    return version;
  }

  @Override
  public void putTag(String healthCheckId, String key, String value) {
    require(healthCheckId);
    tags.get(healthCheckId).put(key, value);
  }

  @Override
  public void removeTag(String healthCheckId, String key) {
    require(healthCheckId);
    tags.get(healthCheckId).remove(key);
  }

  private HealthCheckState require(String id) {
    HealthCheckState s = checks.get(id);
    if (s == null) {
      throw new HealthCheckNotFoundException(id, null);
    }
    return s;
  }
}
