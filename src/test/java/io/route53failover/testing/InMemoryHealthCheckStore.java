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
import java.util.Optional;

/**
 * A {@link HealthCheckStore} in memory with Route 53's semantics: every successful update
 * increments {@code HealthCheckVersion}; an update whose expected version is not the current one
 * is refused with {@link VersionMismatchException} and changes nothing; tag changes do not touch
 * the version (they are a separate API, ChangeTagsForResource); an update of a {@code CALCULATED}
 * check sets the children it is given (AWS replaces the list; it does not mimic moto, which empties
 * the children of an update that omits them). Unknown ids are {@link HealthCheckNotFoundException}.
 * Thread-safe; keeps every version's state, so a test can ask what an update's expected version
 * looked like.
 */
public final class InMemoryHealthCheckStore implements HealthCheckStore {

  /**
   * One successful UpdateHealthCheck: who wrote, from which version, and the new value ({@code
   * ResourcePath}, or {@code HealthThreshold} in decimal).
   */
  public record Write(String writer, String healthCheckId, long expectedVersion, String newValue) {}

  private record Fields(String path, Integer threshold, List<String> children) {}

  private static final class Check {
    final String type;
    final List<Fields> byVersion = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    String reportedStatus;

    Check(String type, Fields first) {
      this.type = type;
      byVersion.add(null); // versions start at 1
      byVersion.add(first);
    }

    long version() {
      return byVersion.size() - 1;
    }

    Fields now() {
      return byVersion.getLast();
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
    checks.put(id, new Check(type, new Fields(resourcePath, null, List.of())));
    return this;
  }

  /** Adds a {@code CALCULATED} health check (a gate) at version 1, without tags. */
  public synchronized InMemoryHealthCheckStore addGate(
      String id, int healthThreshold, String... children) {
    checks.put(
        id, new Check("CALCULATED", new Fields(null, healthThreshold, List.of(children))));
    return this;
  }

  /** What GetHealthCheckStatus reports for {@code id} from now on. */
  public synchronized InMemoryHealthCheckStore reportStatus(String id, String status) {
    checks.get(id).reportedStatus = status;
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
      c = new Check(autoCreateType, new Fields("/health", null, List.of()));
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
    Fields f = c.now();
    return new HealthCheckState(
        healthCheckId, c.type, f.path(), f.threshold(), f.children(), c.version());
  }

  @Override
  public synchronized Map<String, String> tags(String healthCheckId) {
    return new LinkedHashMap<>(check(healthCheckId).tags);
  }

  @Override
  public synchronized long updateResourcePath(
      String healthCheckId, String resourcePath, long expectedVersion) {
    Check c = versioned(healthCheckId, expectedVersion);
    c.byVersion.add(new Fields(resourcePath, c.now().threshold(), c.now().children()));
    writes.add(
        new Write(Thread.currentThread().getName(), healthCheckId, expectedVersion, resourcePath));
    return c.version();
  }

  @Override
  public synchronized long updateHealthThreshold(
      String healthCheckId, int healthThreshold, List<String> children, long expectedVersion) {
    Check c = versioned(healthCheckId, expectedVersion);
    c.byVersion.add(new Fields(c.now().path(), healthThreshold, List.copyOf(children)));
    writes.add(
        new Write(
            Thread.currentThread().getName(),
            healthCheckId,
            expectedVersion,
            Integer.toString(healthThreshold)));
    return c.version();
  }

  private Check versioned(String healthCheckId, long expectedVersion) {
    Check c = check(healthCheckId);
    if (c.version() != expectedVersion) {
      throw new VersionMismatchException(healthCheckId, expectedVersion, null);
    }
    return c;
  }

  @Override
  public synchronized Optional<String> lastReportedStatus(String healthCheckId) {
    return Optional.ofNullable(check(healthCheckId).reportedStatus);
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
    return checks.get(healthCheckId).now().path();
  }

  /** The current {@code HealthThreshold}; not counted as a call. */
  public synchronized Integer threshold(String healthCheckId) {
    return checks.get(healthCheckId).now().threshold();
  }

  /** The current children; not counted as a call. */
  public synchronized List<String> children(String healthCheckId) {
    return checks.get(healthCheckId).now().children();
  }

  /** The current tags; not counted as a call. */
  public synchronized Map<String, String> tagsNow(String healthCheckId) {
    return Map.copyOf(checks.get(healthCheckId).tags);
  }

  /** The {@code ResourcePath} the check had at {@code version}. */
  public synchronized String pathAt(String healthCheckId, long version) {
    return checks.get(healthCheckId).byVersion.get((int) version).path();
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
