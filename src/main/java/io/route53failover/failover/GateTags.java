package io.route53failover.failover;

/**
 * Tag keys on a health check that operator commands and FailoverFunction read or write, besides
 * the arm state ({@link ArmState}) and the recorded original path ({@link OriginalPathTag}). All
 * are written with ChangeTagsForResource, which takes no {@code HealthCheckVersion}.
 */
public final class GateTags {
  private GateTags() {}

  /** The protected node's name; set by the template on each gate. */
  public static final String NODE = "route53-failover:node";

  /** The protected node's availability alarm; set by the template on each gate. */
  public static final String ALARM_NAME = "route53-failover:alarm-name";

  /** When the last failback happened (ISO-8601 UTC); written by {@code failback}. */
  public static final String LAST_FAILBACK = "route53-failover:last-failback";

  /** The ARN of who took the lock by hand ({@code lock}). */
  public static final String LOCKED_BY = "route53-failover:locked-by";

  /** Why the lock was taken by hand ({@code lock --reason}). */
  public static final String LOCK_REASON = "route53-failover:lock-reason";

  /** Why the last failback skipped the guard ({@code failback --force --reason}). */
  public static final String FORCED_FAILBACK_REASON = "route53-failover:forced-failback-reason";

  /** The ARN of who forced the last failback. */
  public static final String FORCED_FAILBACK_BY = "route53-failover:forced-failback-by";
}
