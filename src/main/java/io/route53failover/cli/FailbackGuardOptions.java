package io.route53failover.cli;

import io.route53failover.failover.FailbackGuard;
import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.operator.RecoveryCheck;
import io.route53failover.operator.RecoveryEvidence;
import io.route53failover.operator.RecoveryEvidenceException;
import io.route53failover.operator.RecoveryGuard;
import io.route53failover.operator.RecoveryWait;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Mixin of {@code failback}: the guard ({@link RecoveryGuard}) and how to get past it. Without
 * {@code --force} the failback goes ahead only when the node alarm is OK and its metric had
 * Minimum = 1 in each of the last {@code --healthy-minutes} one-minute periods; {@code --wait}
 * checks again until then. {@code --force --reason TEXT} skips the guard and records why.
 */
final class FailbackGuardOptions {

  @Option(
      names = "--healthy-minutes",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "Whole minutes, each with a datapoint of Minimum 1, the node needs before failback"
              + " (default: ${DEFAULT-VALUE}).")
  int healthyMinutes;

  @Option(
      names = "--wait",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Check the guard every 20 s until it passes or DURATION is up (e.g. 10m), then fail back"
              + " (or refuse).")
  Duration wait;

  @Option(
      names = "--force",
      description = "Skip the guard (needs --reason; recorded in tags and in the event).")
  boolean force;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why the failback is forced, with --force (at most 256 characters).")
  String reason;

  /** Every evidence the guard read, in order; the last one decided. */
  final List<RecoveryEvidence> evidence = new ArrayList<>();

  /**
   * The guard for {@code alarmName}, waiting first with {@code --wait}; progress lines go to
   * {@code progress}. With {@code --force}: {@link FailbackGuard#NONE}.
   *
   * @throws CommandRefusedException when the evidence cannot be read while waiting; nothing
   *     changed (a guard without a known alarm refuses when asked)
   */
  FailbackGuard guard(RecoveryCheck check, String alarmName, PrintWriter progress)
      throws InterruptedException {
    if (force) {
      return FailbackGuard.NONE;
    }
    if (alarmName == null) {
      // asked only once the check is known to be locked with a path to restore
      return (locked, restorePath) -> {
        throw new FailbackRefusedException(
            "failback guard: no node alarm known (pass --alarm-name, or tag the health check with"
                + " route53-failover:alarm-name), so it refuses; or skip the guard with --force"
                + " --reason TEXT; nothing changed");
      };
    }
    if (wait != null) {
      try {
        new RecoveryWait(check, Clock.systemUTC(), Thread::sleep)
            .await(
                alarmName,
                healthyMinutes,
                wait,
                RecoveryWait.DEFAULT_INTERVAL,
                e ->
                    progress.printf(
                        "waiting for the guard: %s%n", e.passed() ? "PASS" : e.summary()));
      } catch (RecoveryEvidenceException e) {
        throw new CommandRefusedException(
            "failback guard cannot read its evidence, so it refuses: "
                + e.getMessage()
                + "; nothing changed");
      }
    }
    return new RecoveryGuard(check, alarmName, healthyMinutes, evidence::add);
  }
}
