package io.route53failover.failover;

/**
 * What {@link HealthCheckLock#lock} did.
 *
 * @param healthCheckId the health check
 * @param outcome {@link Outcome#LOCKED} when this call set the locked path, {@link
 *     Outcome#ALREADY_LOCKED} when the path already was the locked path and nothing was changed
 * @param oldPath the {@code ResourcePath} found, {@code null} for none
 * @param newPath the {@code ResourcePath} now set (the locked path)
 * @param oldVersion the {@code HealthCheckVersion} found
 * @param newVersion the {@code HealthCheckVersion} after the call (equal to {@code oldVersion} when
 *     already locked)
 * @param attempts how many times the health check was read (1 unless {@code
 *     HealthCheckVersionMismatch} forced a re-read)
 * @param warning why the original path could not be recorded, or {@code null} when it was (or
 *     already had been); a warning never stops the lock
 */
public record LockResult(
    String healthCheckId,
    Outcome outcome,
    String oldPath,
    String newPath,
    long oldVersion,
    long newVersion,
    int attempts,
    String warning) {

  /** The two successful outcomes of a lock. */
  public enum Outcome {
    LOCKED,
    ALREADY_LOCKED
  }
}
