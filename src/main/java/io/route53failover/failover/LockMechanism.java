package io.route53failover.failover;

import java.util.Optional;
import java.util.Set;

/**
 * One way to lock a Route 53 health check: which field of which health check types it sets so
 * that Route 53 keeps the check unhealthy, and how the field's original value is recorded in a
 * tag. {@link HealthCheckLock} chooses the mechanism from the type GetHealthCheck returns and does
 * the rest (read, record, update with {@code HealthCheckVersion}, retry on mismatch, failback)
 * the same way for every mechanism. Values are text: a {@code ResourcePath}, or a {@code
 * HealthThreshold} in decimal; {@code null} means "the field is absent".
 *
 * <p>Implementations: {@link ResourcePathLock} ({@code HTTP}, {@code HTTPS}, {@code
 * HTTP_STR_MATCH}, {@code HTTPS_STR_MATCH}) and {@link HealthThresholdLock} ({@code CALCULATED}).
 * A new mechanism is one class, added to the list {@link HealthCheckLock} is built with.
 */
public interface LockMechanism {

  /** The health check types this mechanism locks, as GetHealthCheck names them. */
  Set<String> types();

  /** The field it sets, e.g. {@code ResourcePath} or {@code HealthThreshold}. */
  String field();

  /** The failback option that overrides the recorded original, e.g. {@code --path}. */
  String option();

  /** The tag that records the field's original value. */
  String originalTag();

  /** The field's value in {@code s}, {@code null} when absent. */
  String currentValue(HealthCheckState s);

  /** Whether {@code s} is locked: Route 53 keeps it unhealthy whatever its target does. */
  boolean isLocked(HealthCheckState s);

  /** The value the lock sets on {@code s}. */
  String lockedValue(HealthCheckState s);

  /** Why {@code s} is locked or not, in words, e.g. {@code HealthThreshold 2 > 1 child}. */
  String describeLock(HealthCheckState s);

  /**
   * The tag value that records {@code value}, or empty when it cannot be recorded (too long for a
   * tag).
   */
  Optional<String> encode(String value);

  /**
   * The value a tag records.
   *
   * @throws IllegalArgumentException when {@code tagValue} is not one {@link #encode} writes
   */
  String decode(String tagValue);

  /**
   * What is wrong with restoring {@code value} on {@code s} (for example, it is the locked value
   * itself), or empty when a failback may set it.
   */
  Optional<String> restoreProblem(HealthCheckState s, String value);

  /**
   * Sets the field to {@code value} with {@code s.version()} as the expected {@code
   * HealthCheckVersion}.
   *
   * @return the new {@code HealthCheckVersion}
   * @throws VersionMismatchException when the check changed since {@code s} was read
   */
  long update(HealthCheckStore store, HealthCheckState s, String value);
}
