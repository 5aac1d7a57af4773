package io.route53failover.failover;

import java.util.Optional;

/**
 * The rules this project applies to a Route 53 health check's {@code ResourcePath}: Route 53 allows at
 * most 255 characters (see Route 53 API HealthCheckConfig); we also require a leading {@code '/'}
 * and no whitespace or control characters, which catches typos before they reach a health check.
 */
public final class ResourcePath {
  /** The longest {@code ResourcePath} Route 53 accepts, in characters. */
  public static final int MAX_LENGTH = 255;

  private ResourcePath() {}

  /**
   * What is wrong with {@code path}, or empty when it is a valid path.
   *
   * @param path a candidate {@code ResourcePath}, may be {@code null}
   */
  public static Optional<String> problem(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (!path.startsWith("/")) {
      return Optional.of("must start with '/', was \"" + path + "\"");
    }
    if (path.length() > MAX_LENGTH) {
      return Optional.of(
          "must be at most " + MAX_LENGTH + " characters (Route 53 limit), was " + path.length());
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of(
            "must not contain whitespace or control characters (index " + i + ")");
      }
    }
    return Optional.empty();
  }
}
