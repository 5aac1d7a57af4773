package io.route53failover.cli;

import io.route53failover.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

import io.route53failover.failover.ArmState;
import io.route53failover.failover.GateTags;
import io.route53failover.operator.RecoveryCheck;
import io.route53failover.operator.RecoveryEvidence;
import io.route53failover.operator.RecoveryEvidenceException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator-control part of {@code status}: armed or disarmed (until when, why, by whom), the
 * manual lock's who and why, the last failback time and a forced failback's reason (when tagged),
 * and the failback guard's verdict right now (when a node alarm is known; {@link
 * RecoveryCheck#DEFAULT_HEALTHY_MINUTES} minutes). Reads only.
 */
final class ControlStatus {
  private final ArmState arm;
  private final Instant now;
  private final Map<String, String> tags;
  private final String alarm;
  private final RecoveryEvidence guard;
  private final String guardError;

  private ControlStatus(
      ArmState arm,
      Instant now,
      Map<String, String> tags,
      String alarm,
      RecoveryEvidence guard,
      String guardError) {
    this.arm = arm;
    this.now = now;
    this.tags = tags;
    this.alarm = alarm;
    this.guard = guard;
    this.guardError = guardError;
  }

  /** Reads the tags of {@code command}'s health check and, when an alarm is known, the guard. */
  static ControlStatus read(OperatorCommand command) {
    Map<String, String> tags = command.store.tags(command.healthCheck.healthCheckId);
    Instant now = Instant.now();
    String alarm = command.alarmName(tags);
    RecoveryEvidence guard = null;
    String error = null;
    if (alarm != null) {
      try {
        guard = command.recoveryCheck().check(alarm, RecoveryCheck.DEFAULT_HEALTHY_MINUTES);
      } catch (RecoveryEvidenceException | IllegalArgumentException e) {
        error = e.getMessage();
      } catch (SdkException e) {
        // no region known, say: status still shows the lock and the arm state
        error = AwsErrors.describe(AwsErrors.CLOUDWATCH, e);
      }
    }
    return new ControlStatus(ArmState.fromTags(tags), now, tags, alarm, guard, error);
  }

  /** The fields for {@code status --json}. */
  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("armed", arm.armedAt(now));
    m.put("arm", arm.describe(now));
    m.put("disarmedUntil", arm.initial() ? ArmState.INITIAL : arm.until() == null ? null : arm.until().toString());
    m.put("disarmReason", arm.reason());
    m.put("disarmedBy", arm.by());
    m.put("node", tags.get(GateTags.NODE));
    m.put("alarmName", alarm);
    m.put("lockedBy", tags.get(GateTags.LOCKED_BY));
    m.put("lockReason", tags.get(GateTags.LOCK_REASON));
    m.put("lastFailback", tags.get(GateTags.LAST_FAILBACK));
    m.put("forcedFailbackReason", tags.get(GateTags.FORCED_FAILBACK_REASON));
    m.put("guard", guard == null ? null : guard.toJson());
    m.put("guardError", guardError);
    return m;
  }

  /** The lines for {@code status}, after the lock's. */
  void print(PrintWriter out) {
    out.printf("arm            %s%n", arm.describe(now));
    if (tags.get(GateTags.LOCKED_BY) != null || tags.get(GateTags.LOCK_REASON) != null) {
      out.printf(
          "manual lock    by %s: %s%n",
          orDash(tags.get(GateTags.LOCKED_BY)), orDash(tags.get(GateTags.LOCK_REASON)));
    }
    out.printf("last failback  %s%n", orDash(tags.get(GateTags.LAST_FAILBACK)));
    if (tags.get(GateTags.FORCED_FAILBACK_REASON) != null) {
      out.printf(
          "forced         by %s: %s%n",
          orDash(tags.get(GateTags.FORCED_FAILBACK_BY)), tags.get(GateTags.FORCED_FAILBACK_REASON));
    }
    if (alarm == null) {
      out.printf(
          "guard          (no node alarm known: pass --alarm-name or tag %s)%n",
          GateTags.ALARM_NAME);
    } else if (guard == null) {
      out.printf("guard          cannot read its evidence: %s%n", guardError);
    } else {
      out.print(guard.toText());
    }
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
