package io.route53failover.failover;

/**
 * The health check kept changing: every UpdateHealthCheck of a bounded number of attempts was refused
 * with {@code HealthCheckVersionMismatch}. Nothing was changed by this call.
 */
public class LockContentionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LockContentionException(String healthCheckId, int attempts, Throwable lastMismatch) {
    super(
        "health check " + healthCheckId + " changed under every one of " + attempts
            + " attempts (HealthCheckVersionMismatch); gave up",
        lastMismatch);
  }
}
