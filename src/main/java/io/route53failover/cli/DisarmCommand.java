package io.route53failover.cli;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.failover.ArmState;
import io.route53failover.failover.HealthCheckLock;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code disarm --health-check-id ID --for DURATION --reason TEXT}: until now + DURATION (at most
 * 24 h), FailoverFunction answers an ALARM for this health check with {@code skipped-disarmed}.
 * Writes the tags of {@link ArmState} (tag-only: ChangeTagsForResource takes no {@code
 * HealthCheckVersion}, and the check's configuration is not touched) with the caller's ARN, and
 * publishes {@code Failover Disarmed}. Exit 0 when disarmed, 1 on an AWS error, 2 for a bad
 * {@code --for} or {@code --reason}.
 */
@Command(
    name = "disarm",
    mixinStandardHelpOptions = true,
    description = {
      "Disarm the failover lock for a while: FailoverFunction skips ALARMs for this health check"
          + " (skipped-disarmed) until the time is up, then re-arms by itself.",
      "Records the reason and the caller's ARN in the health check's tags."
    })
public final class DisarmCommand extends OperatorCommand {

  @Option(
      names = "--for",
      required = true,
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long, at most 24 h: 30m, 2h, PT2H.")
  Duration duration;

  @Mixin ReasonOption reasonOption = new ReasonOption();

  public DisarmCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    String id = healthCheck.healthCheckId;
    String reason = reasonOption.reason;
    Instant now = Instant.now();
    Map<String, String> tags;
    try {
      tags = ArmState.disarmTags(now, duration, reason, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + "; nothing changed");
    }
    Map<String, String> existing = store.tags(id);
    String actor = actor();
    tags = ArmState.disarmTags(now, duration, reason, actor);
    tags.forEach((k, v) -> store.putTag(id, k, v));
    ArmState state = ArmState.fromTags(store.tags(id));
    publish(
        ActionEvent.builder(Action.DISARMED, now)
            .healthCheckId(id)
            .node(node(existing))
            .oldValue(ArmState.fromTags(existing).describe(now))
            .newValue(state.describe(now))
            .alarm(alarmName(existing))
            .reason(reason)
            .actor(actor)
            .build());
    if (output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("healthCheckId", id);
      m.put("armed", false);
      m.put("disarmedUntil", state.until().toString());
      m.put("reason", reason);
      m.put("by", actor);
      OutputOptions.printJson(m, out);
    } else {
      out.printf("disarmed: health check %s until %s%n", id, state.until());
      out.printf("  reason  %s%n  by      %s%n", reason, actor);
      out.println("  FailoverFunction skips ALARMs until then (skipped-disarmed); re-arms by itself.");
    }
    return ExitCode.OK;
  }
}
