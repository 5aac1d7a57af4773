package io.route53failover.failover;

/**
 * What FailoverFunction did with one SNS record; {@link #label()} is the value in logs and reports.
 */
public enum FailoverAction {
  /** This invocation locked the health check. */
  LOCKED("locked"),
  /** The health check already was locked; nothing changed. */
  ALREADY_LOCKED("already-locked"),
  /**
   * The {@code ALARM}'s {@code StateChangeTime} is not after the health check's last failback (tag
   * {@code route53-failover:last-failback}): a late or repeated notification; nothing changed.
   */
  SKIPPED_STALE("skipped-stale"),
  /** The alarm went to {@code OK} or {@code INSUFFICIENT_DATA}; nothing to do. */
  SKIPPED_STATE("skipped-state"),
  /** The health check is not in {@code ALLOWED_HEALTH_CHECK_IDS}; left alone on purpose. */
  REFUSED_NOT_ALLOWED("refused-not-allowed"),
  /** The record could not be handled; the invocation fails so Lambda keeps the event. */
  FAILED("failed");

  private final String label;

  FailoverAction(String label) {
    this.label = label;
  }

  /** The lower-case, hyphenated name used in logs and reports, e.g. {@code already-locked}. */
  public String label() {
    return label;
  }
}
