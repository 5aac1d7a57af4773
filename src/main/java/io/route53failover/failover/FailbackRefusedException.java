package io.route53failover.failover;

/**
 * A failback was refused and nothing was changed: the health check is not locked, no original
 * {@code ResourcePath} is recorded and none was given, the given path is invalid, or a {@link
 * FailbackGuard} said no. The message says which and what to do.
 */
public class FailbackRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FailbackRefusedException(String message) {
    super(message);
  }
}
