package io.route53failover.events;

/**
 * What an operator or FailoverFunction did to a health check (or, for {@link #TARGETS_REJECTED},
 * to its configuration), as one EventBridge event. {@link #detailType()} is the event's {@code
 * detail-type}, for example {@code Failover Locked}; {@link #label()} is the {@code action} field
 * of its {@code detail}, the same value logs and reports use, for example {@code already-locked}.
 */
public enum Action {
  /** FailoverFunction (or the {@code lock} command) took the lock. */
  LOCKED("locked", "Failover Locked"),
  /** The health check already was locked; nothing changed. */
  ALREADY_LOCKED("already-locked", "Failover Already Locked"),
  /** An ALARM arrived while the health check was disarmed; nothing changed. */
  SKIPPED_DISARMED("skipped-disarmed", "Failover Skipped Disarmed"),
  /** An ALARM older than the last failback arrived (a redelivery); nothing changed. */
  SKIPPED_STALE("skipped-stale", "Failover Skipped Stale"),
  /** A lock, failback or arm was refused (for example the guard said no); nothing changed. */
  REFUSED("refused", "Failover Refused"),
  /** A lock or failback could not be completed (for example Route 53 kept failing). */
  FAILED("failed", "Failover Failed"),
  /** An operator failed back: the lock was lifted and the original value restored. */
  FAILBACK("failback", "Failover Lifted"),
  /** The health check was armed: the next ALARM locks it. */
  ARMED("armed", "Failover Armed"),
  /** The health check was disarmed until a time: ALARMs are skipped until then. */
  DISARMED("disarmed", "Failover Disarmed"),
  /** HealthCheckFunction rejected its target configuration. */
  TARGETS_REJECTED("targets-rejected", "Targets Rejected");

  private final String label;
  private final String detailType;

  Action(String label, String detailType) {
    this.label = label;
    this.detailType = detailType;
  }

  /** The lower-case, hyphenated name in the event's {@code detail.action}, e.g. {@code armed}. */
  public String label() {
    return label;
  }

  /** The EventBridge {@code detail-type}, e.g. {@code Failover Lifted}. */
  public String detailType() {
    return detailType;
  }
}
