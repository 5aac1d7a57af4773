package io.route53failover.operator;

/** STS could not say who the caller is (no credentials, expired credentials, no network). */
public class CallerIdentityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CallerIdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
