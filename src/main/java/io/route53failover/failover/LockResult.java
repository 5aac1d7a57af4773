package io.route53failover.failover;

import java.time.Instant;

/**
 * What {@link HealthCheckLock#lock} did.
 *
 * @param healthCheckId the health check
 * @param outcome see {@link Outcome}
 * @param field the field the lock sets: {@code ResourcePath} or {@code HealthThreshold}
 * @param oldValue the field's value found, {@code null} for none
 * @param newValue the field's value now (the locked value, unless skipped as stale)
 * @param oldVersion the {@code HealthCheckVersion} found
 * @param newVersion the {@code HealthCheckVersion} after the call (equal to {@code oldVersion} when
 *     nothing changed)
 * @param attempts how many times the health check was read (1 unless {@code
 *     HealthCheckVersionMismatch} forced a re-read)
 * @param lastFailback the time in the tag {@value LastFailbackTag#KEY}, {@code null} when absent
 * @param warning why the original value could not be recorded, or {@code null} when it was (or
 *     already had been); a warning never stops the lock
 */
public record LockResult(
    String healthCheckId,
    Outcome outcome,
    String field,
    String oldValue,
    String newValue,
    long oldVersion,
    long newVersion,
    int attempts,
    Instant lastFailback,
    String warning) {

  /** What a lock that did not fail did. */
  public enum Outcome {
    /** This call set the locked value. */
    LOCKED,
    /** The check already was locked; nothing changed. */
    ALREADY_LOCKED,
    /**
     * The triggering {@code ALARM} changed state no later than the last failback; nothing changed.
     */
    SKIPPED_STALE
  }
}
