package io.route53failover.cli;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.Mechanism;
import io.route53failover.failover.ArmState;
import io.route53failover.failover.GateTags;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * {@code lock --health-check-id ID --reason TEXT}: a planned failover. Takes the same lock
 * FailoverFunction takes ({@link HealthCheckLock#lock}, with the {@code HealthCheckVersion} just
 * read), also while the check is disarmed (it is the operator's own decision), then records who
 * and why in the tags {@value GateTags#LOCKED_BY} and {@value GateTags#LOCK_REASON}, and publishes
 * {@code Failover Locked} (or {@code Failover Already Locked}). Exit 0 when locked, 1 on an error,
 * 2 for a bad {@code --reason}.
 */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = {
      "Take the failover lock by hand (a planned failover): Route 53 keeps the primary unhealthy"
          + " until failback. Works while disarmed; records who and why."
    })
public final class LockCommand extends OperatorCommand {

  @Mixin ReasonOption reasonOption = new ReasonOption();

  public LockCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    String id = healthCheck.healthCheckId;
    String reason = reasonOption.reason;
    try {
      ArmState.requireTagValue("--reason", reason);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + "; nothing changed");
    }
    Map<String, String> tags = store.tags(id);
    String actor = actor();
    LockResult r = lock.lock(id, () -> true);
    boolean lockedNow = r.outcome() == LockResult.Outcome.LOCKED;
    if (lockedNow) {
      store.putTag(id, GateTags.LOCKED_BY, ArmCommand.truncate(actor));
      store.putTag(id, GateTags.LOCK_REASON, reason);
    }
    publish(
        ActionEvent.builder(lockedNow ? Action.LOCKED : Action.ALREADY_LOCKED, Instant.now())
            .healthCheckId(id)
            .node(node(tags))
            .mechanism(Mechanism.forField(r.field()))
            .oldValue(r.oldValue())
            .newValue(r.newValue())
            .alarm(alarmName(tags))
            .reason(reason)
            .actor(actor)
            .build());
    if (output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("healthCheckId", id);
      m.put("outcome", lockedNow ? "locked" : "already-locked");
      m.put("field", r.field());
      m.put("oldValue", r.oldValue());
      m.put("newValue", r.newValue());
      m.put("reason", reason);
      m.put("by", actor);
      m.put("warning", r.warning());
      OutputOptions.printJson(m, out);
    } else {
      out.printf(
          "%s: health check %s, %s %s -> %s%n",
          lockedNow ? "locked" : "already locked (nothing changed)",
          id,
          r.field(),
          orNone(r.oldValue()),
          r.newValue());
      out.printf("  reason  %s%n  by      %s%n", reason, actor);
      if (r.warning() != null) {
        out.println("warning: " + r.warning());
      }
    }
    return r.warning() == null ? ExitCode.OK : ExitCode.SOFTWARE;
  }
}
