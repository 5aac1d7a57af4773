package io.route53failover.failover;

import java.time.Instant;
import java.util.List;

/**
 * A health check's lock state, for {@code status}, {@code failback} and {@code drill}.
 *
 * @param state the health check as GetHealthCheck returned it
 * @param field the field its lock sets ({@code ResourcePath}, {@code HealthThreshold}), {@code
 *     null} when its type cannot be locked
 * @param currentValue the field's value now, {@code null} when absent
 * @param lockedValue the value that means "locked", {@code null} when the type cannot be locked
 * @param locked whether Route 53 is kept from seeing the check healthy by the lock
 * @param lockDescription why it is locked or not, e.g. {@code HealthThreshold 2 > 1 child}
 * @param originalTag the tag that records the original value, {@code null} when not lockable
 * @param tagValue the raw value of that tag, {@code null} when absent
 * @param recordedOriginal the value the tag records ({@code null} when none is recorded, or when
 *     the recorded original {@code ResourcePath} was absent)
 * @param tagProblem why the tag value cannot be read, or {@code null}
 * @param children a {@code CALCULATED} check's children with their last reported status
 * @param lastFailback the time in the tag {@value LastFailbackTag#KEY}, {@code null} when absent
 */
public record LockStatus(
    HealthCheckState state,
    String field,
    String currentValue,
    String lockedValue,
    boolean locked,
    String lockDescription,
    String originalTag,
    String tagValue,
    String recordedOriginal,
    String tagProblem,
    List<Child> children,
    Instant lastFailback) {

  public LockStatus {
    children = List.copyOf(children);
  }

  /**
   * A child of a {@code CALCULATED} check.
   *
   * @param healthCheckId the child's id
   * @param lastReportedStatus its last reported status (GetHealthCheckStatus), or why it is unknown
   */
  public record Child(String healthCheckId, String lastReportedStatus) {}

  /** Whether the type can be locked at all. */
  public boolean lockable() {
    return field != null;
  }

  /** Whether the original-value tag is present and readable. */
  public boolean originalRecorded() {
    return tagValue != null && tagProblem == null;
  }
}
