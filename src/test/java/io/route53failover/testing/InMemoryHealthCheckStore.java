package io.route53failover.testing;

import io.route53failover.failover.HealthCheckNotFoundException;
import io.route53failover.failover.HealthCheckState;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.failover.VersionMismatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HealthCheckStore} in memory with Route 53's version semantics: every successful {@code
 * updateResourcePath} increments {@code HealthCheckVersion}; an update whose expected version is
 * not the current one is refused with {@link VersionMismatchException} and changes nothing; tag
 * changes do not touch the version (they are a separate API, ChangeTagsForResource). Unknown ids
 * are {@link HealthCheckNotFoundException}. Thread-safe; keeps every version's state, so a test
 * can ask what an update's expected version looked like.
 */
public final class InMemoryHealthCheckStore implements HealthCheckStore {

  /** One successful UpdateHealthCheck: who wrote, from which version, and the new path. */
  public record Write(String writer, String healthCheckId, long expectedVersion, String newPath) {}

  private static final class Check {
    final String type;
    final List<String> pathByVersion = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();

    Check(String type, String path) {
      this.type = type;
      pathByVersion.add(null); // versions start at 1
      pathByVersion.add(path);
    }

    long version() {
      return pathByVersion.size() - 1;
    }

    String path() {
      return pathByVersion.getLast();
    }
  }

  private final Map<String, Check> checks = new HashMap<>();
  private final List<Write> writes = new ArrayList<>();
  private final String autoCreateType;
  private int calls;
  private RuntimeException nextGetFailure;

  /** A store holding only the checks added with {@link #add}. */
  public InMemoryHealthCheckStore() {
    this(null);
  }

  /**
   * @param autoCreateType when not null, an unknown id is created on first use as a check of this
   *     type with {@code ResourcePath} {@code /health} (for fuzzing with arbitrary ids)
   */
  public InMemoryHealthCheckStore(String autoCreateType) {
    this.autoCreateType = autoCreateType;
  }

  /** Adds a health check at version 1, without tags. */
  public synchronized InMemoryHealthCheckStore add(String id, String type, String resourcePath) {
    checks.put(id, new Check(type, resourcePath));
    return this;
  }

  /** The next {@link #get} throws {@code failure}, once. */
  public synchronized void failNextGet(RuntimeException failure) {
    nextGetFailure = failure;
  }

  private Check check(String id) {
    calls++;
    Check c = checks.get(id);
    if (c == null && autoCreateType != null) {
      c = new Check(autoCreateType, "/health");
      checks.put(id, c);
    }
    if (c == null) {
      throw new HealthCheckNotFoundException(id, null);
    }
    return c;
  }

  @Override
  public synchronized HealthCheckState get(String healthCheckId) {
    if (nextGetFailure != null) {
      RuntimeException e = nextGetFailure;
      nextGetFailure = null;
      throw e;
    }
    Check c = check(healthCheckId);
    return new HealthCheckState(healthCheckId, c.type, c.path(), c.version());
  }

  @Override
  public synchronized Map<String, String> tags(String healthCheckId) {
    return new LinkedHashMap<>(check(healthCheckId).tags);
  }

  @Override
  public synchronized long updateResourcePath(
      String healthCheckId, String resourcePath, long expectedVersion) {
    Check c = check(healthCheckId);
    if (c.version() != expectedVersion) {
      throw new VersionMismatchException(healthCheckId, expectedVersion, null);
    }
    c.pathByVersion.add(resourcePath);
    writes.add(
        new Write(Thread.currentThread().getName(), healthCheckId, expectedVersion, resourcePath));
    return c.version();
  }

  @Override
  public synchronized void putTag(String healthCheckId, String key, String value) {
    check(healthCheckId).tags.put(key, value);
  }

  @Override
  public synchronized void removeTag(String healthCheckId, String key) {
    check(healthCheckId).tags.remove(key);
  }

  /** The current {@code ResourcePath}; not counted as a call. */
  public synchronized String path(String healthCheckId) {
    return checks.get(healthCheckId).path();
  }

  /** The {@code ResourcePath} the check had at {@code version}. */
  public synchronized String pathAt(String healthCheckId, long version) {
    return checks.get(healthCheckId).pathByVersion.get((int) version);
  }

  /** How many API calls the store answered (reads, updates and tag changes). */
  public synchronized int calls() {
    return calls;
  }

  /** Every successful update, in order; {@code writer} is the writing thread's name. */
  public synchronized List<Write> writes() {
    return List.copyOf(writes);
  }
}
