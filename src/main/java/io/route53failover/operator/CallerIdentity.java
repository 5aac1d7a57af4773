package io.route53failover.operator;

/**
 * Who runs a command: recorded as the actor of disarm, arm, lock and failback. The AWS adapter is
 * {@link StsCallerIdentity}.
 */
@FunctionalInterface
public interface CallerIdentity {

  /**
   * The caller's ARN, for example {@code arn:aws:sts::123456789012:assumed-role/oncall/jane}.
   *
   * @throws CallerIdentityException when it cannot be found out
   */
  String arn();
}
