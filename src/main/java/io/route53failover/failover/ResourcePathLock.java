package io.route53failover.failover;

import java.util.Optional;
import java.util.Set;

/**
 * The lock of endpoint health checks ({@code HTTP}, {@code HTTPS}, {@code HTTP_STR_MATCH}, {@code
 * HTTPS_STR_MATCH}): {@code ResourcePath} → the failed-over path, which must never answer 2xx/3xx,
 * so Route 53's checkers see the primary fail. The original path is kept in {@value
 * OriginalPathTag#KEY} (see {@link OriginalPathTag} for the encoding).
 */
public final class ResourcePathLock implements LockMechanism {

  /** The health check types that have a {@code ResourcePath}. */
  public static final Set<String> TYPES =
      Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH");

  private final String failedOverPath;

  /**
   * @param failedOverPath the locked {@code ResourcePath}, e.g. {@code /lb-check-failed-over}
   */
  public ResourcePathLock(String failedOverPath) {
    this.failedOverPath = failedOverPath;
  }

  @Override
  public Set<String> types() {
    return TYPES;
  }

  @Override
  public String field() {
    return "ResourcePath";
  }

  @Override
  public String option() {
    return "--path";
  }

  @Override
  public String originalTag() {
    return OriginalPathTag.KEY;
  }

  @Override
  public String currentValue(HealthCheckState s) {
    return s.resourcePath();
  }

  @Override
  public boolean isLocked(HealthCheckState s) {
    return failedOverPath.equals(s.resourcePath());
  }

  @Override
  public String lockedValue(HealthCheckState s) {
    return failedOverPath;
  }

  @Override
  public String describeLock(HealthCheckState s) {
    return isLocked(s)
        ? "ResourcePath is the failed-over path"
        : "failed-over path is " + failedOverPath;
  }

  @Override
  public Optional<String> encode(String value) {
    return OriginalPathTag.encode(value);
  }

  @Override
  public String decode(String tagValue) {
    return OriginalPathTag.decode(tagValue);
  }

  @Override
  public Optional<String> restoreProblem(HealthCheckState s, String value) {
    if (value == null) {
      return Optional.empty(); // the original had no ResourcePath: failback removes it
    }
    if (value.equals(failedOverPath)) {
      return Optional.of("\"" + value + "\" is the failed-over path itself");
    }
    return ResourcePath.problem(value);
  }

  @Override
  public long update(HealthCheckStore store, HealthCheckState s, String value) {
    return store.updateResourcePath(s.id(), value, s.version());
  }
}
