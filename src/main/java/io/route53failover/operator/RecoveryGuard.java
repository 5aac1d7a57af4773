package io.route53failover.operator;

import io.route53failover.failover.FailbackGuard;
import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.failover.HealthCheckState;
import java.util.function.Consumer;

/**
 * The guarded failback as a {@link FailbackGuard}: refuses unless {@link RecoveryCheck} passes for
 * the protected node's availability alarm.
 *
 * <p>{@link FailbackGuard#check} receives the health check and the value to restore, but not the
 * node alarm, so this guard is built for one alarm (the gate's {@code route53-failover:alarm-name}
 * tag or {@code --alarm-name}, resolved by the command) and ignores both arguments. Before it
 * decides, it hands the evidence to {@code evidence} (for example a printer), pass or fail.
 */
public final class RecoveryGuard implements FailbackGuard {
  private final RecoveryCheck check;
  private final String alarmName;
  private final int healthyMinutes;
  private final Consumer<RecoveryEvidence> evidence;

  /**
   * @param check reads and decides
   * @param alarmName the protected node's availability alarm
   * @param healthyMinutes N: the whole minutes that must all be healthy
   * @param evidence receives the evidence of every check, whatever the verdict
   */
  public RecoveryGuard(
      RecoveryCheck check,
      String alarmName,
      int healthyMinutes,
      Consumer<RecoveryEvidence> evidence) {
    this.check = check;
    this.alarmName = alarmName;
    this.healthyMinutes = healthyMinutes;
    this.evidence = evidence;
  }

  /**
   * @throws FailbackRefusedException with {@link RecoveryEvidence#summary()} when the verdict is
   *     FAIL, or naming the error when the evidence cannot be read (a guard that cannot see
   *     refuses)
   */
  @Override
  public void check(HealthCheckState locked, String restorePath) {
    RecoveryEvidence seen;
    try {
      seen = check.check(alarmName, healthyMinutes);
    } catch (RecoveryEvidenceException e) {
      throw new FailbackRefusedException(
          "failback guard cannot read its evidence, so it refuses: " + e.getMessage());
    }
    evidence.accept(seen);
    if (!seen.passed()) {
      throw new FailbackRefusedException(
          "failback guard: "
              + seen.summary()
              + ". Wait until the node is healthy (--wait), or skip the guard with --force"
              + " --reason TEXT.");
    }
  }
}
