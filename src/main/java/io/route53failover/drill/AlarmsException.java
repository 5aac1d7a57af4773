package io.route53failover.drill;

/** A CloudWatch call failed; the message names the operation, the AWS error code and status. */
public final class AlarmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AlarmsException(String message, Throwable cause) {
    super(message, cause);
  }
}
