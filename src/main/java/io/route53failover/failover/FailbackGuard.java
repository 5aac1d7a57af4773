package io.route53failover.failover;

/**
 * A check that runs just before a failback changes anything, for example "the primary answered N
 * probes in a row". {@link HealthCheckLock#failback} asks it after reading the locked health check
 * and choosing the path to restore; a refusal changes nothing.
 *
 * <p>Production uses {@link #NONE} today: the operator's deliberate {@code failback} command is the
 * guard. This interface is where the guarded failback (a later issue) plugs in, through {@link
 * HealthCheckLock}'s package-private constructor; tests already use that seam.
 */
@FunctionalInterface
public interface FailbackGuard {

  /** Allows every failback: the operator's command is the only guard. */
  FailbackGuard NONE = (locked, restorePath) -> {};

  /**
   * @param locked the locked health check as just read
   * @param restorePath the {@code ResourcePath} the failback will set, {@code null} for none
   * @throws FailbackRefusedException to stop the failback, saying why
   */
  void check(HealthCheckState locked, String restorePath);
}
