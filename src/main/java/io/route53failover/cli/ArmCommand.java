package io.route53failover.cli;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.Mechanism;
import io.route53failover.failover.ArmState;
import io.route53failover.failover.GateTags;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockResult;
import io.route53failover.operator.NodeAlarm;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code arm --health-check-id ID [--alarm-name A] [--lock-now]}: ends a disarm (removes the tags
 * of {@link ArmState}; tag-only), so the next ALARM locks. Refuses (exit 1, nothing changed) while
 * the node alarm ({@code --alarm-name}, else the tag {@value GateTags#ALARM_NAME}) is in ALARM: no
 * new ALARM notification will come while it stays there, so arming would not protect anything.
 * {@code --lock-now} then arms and takes the lock at once (as FailoverFunction would, with the
 * {@code HealthCheckVersion} just read). Publishes {@code Failover Armed} (and {@code Failover
 * Locked}), or {@code Failover Refused}.
 */
@Command(
    name = "arm",
    mixinStandardHelpOptions = true,
    description = {
      "Arm the failover lock: the next ALARM of the node alarm locks the health check.",
      "Refuses (exit code 1, nothing changed) while the node alarm is in ALARM, unless"
          + " --lock-now, which arms and locks at once."
    })
public final class ArmCommand extends OperatorCommand {

  @Option(
      names = "--lock-now",
      description = "When the node alarm is in ALARM: arm and take the lock now.")
  boolean lockNow;

  public ArmCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    String id = healthCheck.healthCheckId;
    Map<String, String> tags = store.tags(id);
    Instant now = Instant.now();
    ArmState before = ArmState.fromTags(tags);
    String alarm = alarmName(tags);
    String actor = actor();
    NodeAlarm nodeAlarm = alarm == null ? null : alarms().alarm(alarm);
    boolean inAlarm = nodeAlarm != null && "ALARM".equals(nodeAlarm.stateValue());
    ActionEvent.Builder event =
        ActionEvent.builder(Action.ARMED, now)
            .healthCheckId(id)
            .node(node(tags))
            .alarm(alarm)
            .actor(actor)
            .oldValue(before.describe(now))
            .newValue("armed");
    if (inAlarm && !lockNow) {
      String why =
          "alarm "
              + alarm
              + " is in ALARM now: no new ALARM notification will come while it stays there, so"
              + " arming would not lock. Pass --lock-now to arm and lock now, or wait until the"
              + " alarm is OK; nothing changed";
      publish(
          ActionEvent.builder(Action.REFUSED, now)
              .healthCheckId(id)
              .node(node(tags))
              .alarm(alarm)
              .actor(actor)
              .reason("arm refused: " + why)
              .build());
      throw new CommandRefusedException("arm refused: " + why);
    }
    for (String key :
        List.of(ArmState.DISARMED_UNTIL, ArmState.DISARM_REASON, ArmState.DISARMED_BY)) {
      if (tags.containsKey(key)) {
        store.removeTag(id, key);
      }
    }
    publish(event.reason(inAlarm ? "arm --lock-now" : "arm").build());
    LockResult locked = null;
    if (inAlarm) {
      locked = lock.lock(id, () -> true);
      String reason = "arm --lock-now: alarm " + alarm + " was in ALARM";
      store.putTag(id, GateTags.LOCKED_BY, truncate(actor));
      store.putTag(id, GateTags.LOCK_REASON, reason);
      publish(
          ActionEvent.builder(
                  locked.outcome() == LockResult.Outcome.LOCKED
                      ? Action.LOCKED
                      : Action.ALREADY_LOCKED,
                  Instant.now())
              .healthCheckId(id)
              .node(node(tags))
              .mechanism(Mechanism.forField(locked.field()))
              .oldValue(locked.oldValue())
              .newValue(locked.newValue())
              .alarm(alarm)
              .reason(reason)
              .actor(actor)
              .build());
    }
    if (output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("healthCheckId", id);
      m.put("armed", true);
      m.put("wasArmed", before.armedAt(now));
      m.put("alarmName", alarm);
      m.put("alarmState", nodeAlarm == null ? null : nodeAlarm.stateValue());
      m.put("locked", locked == null ? null : locked.outcome().name());
      OutputOptions.printJson(m, out);
    } else {
      out.printf("armed: health check %s (was: %s)%n", id, before.describe(now));
      out.printf(
          "  alarm   %s%n",
          alarm == null
              ? "(none known: pass --alarm-name or tag " + GateTags.ALARM_NAME + "; not checked)"
              : alarm + ": " + nodeAlarm.stateValue());
      if (locked != null) {
        out.printf(
            "  lock    %s: %s %s -> %s%n",
            locked.outcome() == LockResult.Outcome.LOCKED ? "locked now" : "already locked",
            locked.field(),
            orNone(locked.oldValue()),
            locked.newValue());
      } else {
        out.println("  the next ALARM locks the health check.");
      }
    }
    return ExitCode.OK;
  }

  static String truncate(String value) {
    return value.length() <= ArmState.MAX_TAG_VALUE_LENGTH
        ? value
        : value.substring(0, ArmState.MAX_TAG_VALUE_LENGTH);
  }
}
