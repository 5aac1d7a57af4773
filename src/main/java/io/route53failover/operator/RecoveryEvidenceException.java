package io.route53failover.operator;

/**
 * The failback guard's evidence cannot be read: the alarm does not exist, is not a metric alarm on
 * one metric, or CloudWatch refused or could not be reached. The message names the alarm and the
 * CloudWatch call. A guard that cannot read its evidence refuses.
 */
public class RecoveryEvidenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecoveryEvidenceException(String message) {
    super(message);
  }

  public RecoveryEvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
