package io.route53failover.failover;

/**
 * The invocation had too little time left to start a lock attempt, so the lock stopped before it;
 * the attempt not started changed nothing. Thrown before the first attempt, or after {@code
 * HealthCheckVersionMismatch} instead of another attempt.
 */
public class LockDeadlineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param attemptsMade attempts already made, each refused with {@code
   *     HealthCheckVersionMismatch}; 0 when the lock did not start
   * @param lastMismatch the last refusal, or {@code null}
   */
  public LockDeadlineException(String healthCheckId, int attemptsMade, Throwable lastMismatch) {
    super(
        attemptsMade == 0
            ? "lock of health check " + healthCheckId + " not started; nothing changed"
            : "health check "
                + healthCheckId
                + " changed under "
                + attemptsMade
                + " attempt(s) (HealthCheckVersionMismatch) and no time is left for another;"
                + " gave up, nothing changed",
        lastMismatch);
  }
}
