package io.route53failover.failover;

/**
 * A check that runs just before a failback changes anything, for example "the primary answered N
 * probes in a row". The default, {@link #NONE}, allows every failback; the operator's deliberate
 * command is the guard.
 */
@FunctionalInterface
public interface FailbackGuard {

  /** Allows every failback. */
  FailbackGuard NONE = (locked, restorePath) -> {};

  /**
   * @param locked the locked health check as just read
   * @param restorePath the {@code ResourcePath} the failback will set, {@code null} for none
   * @throws FailbackRefusedException to stop the failback, saying why
   */
  void check(HealthCheckState locked, String restorePath);
}
