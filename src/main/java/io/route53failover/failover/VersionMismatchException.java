package io.route53failover.failover;

/**
 * Route 53 refused an UpdateHealthCheck with {@code HealthCheckVersionMismatch} (HTTP 409): the
 * health check changed after it was read. The caller re-reads and decides again.
 */
public class VersionMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String healthCheckId;
  private final long expectedVersion;

  public VersionMismatchException(String healthCheckId, long expectedVersion, Throwable cause) {
    super(
        "health check " + healthCheckId + " changed since it was read: HealthCheckVersion "
            + expectedVersion + " is no longer current (HealthCheckVersionMismatch)",
        cause);
    this.healthCheckId = healthCheckId;
    this.expectedVersion = expectedVersion;
  }

  public String healthCheckId() {
    return healthCheckId;
  }

  /** The {@code HealthCheckVersion} the refused update expected. */
  public long expectedVersion() {
    return expectedVersion;
  }
}
