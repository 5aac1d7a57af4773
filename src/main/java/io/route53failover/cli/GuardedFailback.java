package io.route53failover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.Mechanism;
import io.route53failover.failover.ArmState;
import io.route53failover.failover.FailbackResult;
import io.route53failover.failover.GateTags;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.operator.RecoveryEvidence;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * One {@code failback} run with its guard: builds the guarded {@link HealthCheckLock}, prints the
 * guard's evidence (pass or fail), publishes {@code Failover Lifted} or {@code Failover Refused},
 * and records a forced failback ({@value GateTags#FORCED_FAILBACK_REASON}, {@value
 * GateTags#FORCED_FAILBACK_BY}). After a failback the manual-lock tags ({@value
 * GateTags#LOCKED_BY}, {@value GateTags#LOCK_REASON}) are removed: they describe the lock just
 * lifted.
 */
final class GuardedFailback {
  private final OperatorCommand command;
  private final FailbackGuardOptions options;
  private final HealthCheckStore store;
  private Map<String, String> tags = Map.of();
  private String alarm;
  private String actor;
  private PrintWriter out;

  GuardedFailback(OperatorCommand command, FailbackGuardOptions options, HealthCheckStore store) {
    this.command = command;
    this.options = options;
    this.store = store;
  }

  /** The lock with the guard (or without, with {@code --force}). */
  HealthCheckLock lock(HealthCheckLock unguarded, PrintWriter out) throws InterruptedException {
    this.out = out;
    if (options.force) {
      if (options.reason == null) {
        throw new ParameterException(
            command.spec.commandLine(), "--force needs --reason TEXT; nothing changed");
      }
      try {
        ArmState.requireTagValue("--reason", options.reason);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(command.spec.commandLine(), e.getMessage() + "; nothing changed");
      }
    } else if (options.reason != null) {
      throw new ParameterException(
          command.spec.commandLine(), "--reason goes with --force; nothing changed");
    }
    String id = command.healthCheck.healthCheckId;
    tags = store.tags(id);
    alarm = command.alarmName(tags);
    actor = command.actor();
    PrintWriter progress = command.output.json ? command.spec.commandLine().getErr() : out;
    return new HealthCheckLock(
        store,
        unguarded.failedOverPath(),
        HealthCheckLock.DEFAULT_MAX_ATTEMPTS,
        options.guard(
            options.force || alarm == null ? null : command.recoveryCheck(), alarm, progress));
  }

  /** After a refusal: the evidence, and {@code Failover Refused}. */
  void refused(String why, PrintWriter out) throws Exception {
    this.out = out;
    if (command.output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("refused", why);
      m.put("guard", json());
      OutputOptions.printJson(m, out);
    } else {
      printEvidence();
    }
    command.publish(
        ActionEvent.builder(Action.REFUSED, Instant.now())
            .healthCheckId(command.healthCheck.healthCheckId)
            .node(OperatorCommand.node(tags))
            .alarm(alarm)
            .reason("failback refused: " + why)
            .actor(actor)
            .build());
  }

  /** After the failback: the evidence, the forced-failback record, {@code Failover Lifted}. */
  void done(FailbackResult result) {
    String id = command.healthCheck.healthCheckId;
    if (!command.output.json) {
      printEvidence();
    }
    if (options.force) {
      store.putTag(id, GateTags.FORCED_FAILBACK_REASON, options.reason);
      store.putTag(id, GateTags.FORCED_FAILBACK_BY, ArmCommand.truncate(actor));
      if (!command.output.json) {
        out.printf("forced: guard skipped, reason recorded (%s)%n", options.reason);
      }
    }
    for (String key : List.of(GateTags.LOCKED_BY, GateTags.LOCK_REASON)) {
      if (tags.containsKey(key)) {
        store.removeTag(id, key);
      }
    }
    RecoveryEvidence last = last();
    command.publish(
        ActionEvent.builder(Action.FAILBACK, Instant.now())
            .healthCheckId(id)
            .node(OperatorCommand.node(tags))
            .mechanism(Mechanism.forField(result.field()))
            .oldValue(
                "HealthThreshold".equals(result.field())
                    ? String.valueOf(result.before().healthThreshold())
                    : result.before().resourcePath())
            .newValue(result.restoredValue())
            .alarm(alarm)
            .reason(
                options.force
                    ? "forced (guard skipped): " + options.reason
                    : last == null ? null : "guard " + last.summary())
            .actor(actor)
            .build());
  }

  /** The evidence that decided, as JSON; {@code null} when the guard did not run. */
  JsonNode json() {
    RecoveryEvidence last = last();
    return last == null ? null : last.toJson();
  }

  private RecoveryEvidence last() {
    return options.evidence.isEmpty() ? null : options.evidence.getLast();
  }

  private void printEvidence() {
    RecoveryEvidence last = last();
    if (last != null) {
      out.print(last.toText());
    }
  }
}
