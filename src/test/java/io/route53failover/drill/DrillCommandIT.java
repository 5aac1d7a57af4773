package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.MotoHealthChecks;
import io.route53failover.failover.OriginalPathTag;
import io.route53failover.testing.Cli;
import io.route53failover.testing.Cli.Run;
import io.route53failover.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The {@code drill} command against the template's lock chain in a real moto_server ({@link
 * DrillStack}), run in-process through the CLI and as the built jar. moto neither notifies SNS on
 * SetAlarmState nor evaluates alarms, so an {@link AwsBridge} thread plays CloudWatch → SNS →
 * Lambda (FailoverFunction, created from the template's environment) while the command waits, and
 * CloudWatch's return to OK after the failback.
 */
class DrillCommandIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private DrillStack stack;
  private String alarm;
  private String id;
  private String failedOverPath;

  @BeforeEach
  void createTheChain() throws Exception {
    MOTO.reset();
    // Targets is not probed here: only the lock chain matters.
    stack = DrillStack.create(MOTO, FailoverDrillIT.parameters("[]"), "/health");
    List<String> notifying = stack.alarmsNotifyingFailoverFunction();
    assertThat(notifying).as("alarms notifying FailoverFunction").hasSize(1);
    alarm = notifying.get(0);
    id = stack.primaryHealthCheckId;
    failedOverPath =
        stack.template.environment(DrillStack.FAILOVER_FUNCTION).get(FailoverConfig.FAILED_OVER_PATH);
  }

  @AfterEach
  void close() {
    stack.close();
  }

  private AwsBridge bridge() {
    return new AwsBridge(
        stack,
        alarm,
        id,
        failedOverPath,
        FailoverFunction.create(stack.functionEnvironment(DrillStack.FAILOVER_FUNCTION, MOTO)),
        Duration.ofMillis(500));
  }

  private Run drill(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "drill",
                "--alarm-name",
                alarm,
                "--health-check-id",
                id,
                "--region",
                "us-east-1",
                "--failed-over-path",
                failedOverPath,
                "--yes"));
    args.addAll(List.of(extra));
    return Cli.onEndpoint(MOTO.endpoint(), args.toArray(String[]::new));
  }

  @Test
  void seesTheLockFailsBackAndWaitsForOk() throws Exception {
    Run run;
    AwsBridge bridge = bridge();
    try (bridge) {
      run = drill("--timeout", "30s", "--poll-interval", "250ms", "--failback");
    }
    record("drill-command.log", run, bridge.events());

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("preconditions met: alarm " + alarm + " is OK (AWS/Route53 HealthCheckStatus)")
        .contains("lock seen: ResourcePath " + failedOverPath)
        .contains("original /health")
        .contains("failback: ResourcePath /health restored")
        .contains("alarm " + alarm + " is OK again (drill bridge:")
        .containsPattern("alarm set → lock seen: \\d+\\.\\d s")
        .containsPattern("lock seen → failback done: \\d+\\.\\d s")
        .containsPattern("failback done → alarm OK: \\d+\\.\\d s")
        .contains("drill: failed back");
    assertThat(bridge.reports()).hasSize(1);
    assertThat(bridge.reports().get(0).locked()).isEqualTo(1);
    assertThat(bridge.events().get(0))
        .as("the notification carries the drill's StateReason")
        .contains("route53-failover drill by ")
        .contains("ALARM forced to test the failover lock of health check " + id);
    assertThat(MotoHealthChecks.resourcePath(stack.route53, id)).isEqualTo("/health");
    assertThat(MotoHealthChecks.tags(stack.route53, id)).doesNotContainKey(OriginalPathTag.KEY);
    assertThat(stack.alarm(alarm).stateValue()).isEqualTo(StateValue.OK);
  }

  @Test
  void withoutFailbackTheLockHolds() throws Exception {
    Run run;
    AwsBridge bridge = bridge();
    try (bridge) {
      run = drill("--timeout", "30s", "--poll-interval", "250ms");
    }

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("alarm set → lock seen: \\d+\\.\\d s")
        .contains("the lock holds")
        .doesNotContain("failback done");
    assertThat(MotoHealthChecks.resourcePath(stack.route53, id)).isEqualTo(failedOverPath);
    Run status =
        Cli.onEndpoint(
            MOTO.endpoint(), "status", "--health-check-id", id, "--failed-over-path", failedOverPath);
    assertThat(status.out()).contains("locked           yes").contains("original         /health");
  }

  @Test
  void withoutFailoverFunctionItTimesOutAndExitsOne() {
    Instant start = Instant.now();

    Run run = drill("--timeout", "2s", "--poll-interval", "500ms");

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("alarm set → lock seen: not seen within 2.0 s");
    assertThat(run.err())
        .contains("error: lock not seen within 2.0 s; alarm " + alarm + " is ALARM")
        .contains("dead-letter queue");
    assertThat(stack.alarm(alarm).stateValue())
        .as("the drill set it; CloudWatch would evaluate it back")
        .isEqualTo(StateValue.ALARM);
    assertThat(MotoHealthChecks.resourcePath(stack.route53, id)).isEqualTo("/health");
  }

  @Test
  void refusesWhenTheAlarmIsNotOkOrUnknownOrTheCheckCannotBeLocked() {
    stack.cloudWatch.setAlarmState(
        r -> r.alarmName(alarm).stateValue(StateValue.ALARM).stateReason("a real outage"));

    Run notOk = drill();

    assertThat(notOk.code()).isEqualTo(1);
    assertThat(notOk.err())
        .contains("precondition failed: alarm " + alarm + " is ALARM, not OK")
        .contains("nothing changed");
    assertThat(stack.alarm(alarm).stateReason()).isEqualTo("a real outage");

    Run unknown =
        Cli.onEndpoint(
            MOTO.endpoint(),
            "drill", "--alarm-name", "no-such-alarm", "--health-check-id", id, "--yes",
            "--region", "us-east-1");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("precondition failed: alarm no-such-alarm not found");

    String metricCheck = stack.created.get("PrimaryNodeHealthCheck");
    Run notLockable =
        Cli.onEndpoint(
            MOTO.endpoint(),
            "drill", "--alarm-name", alarm, "--health-check-id", metricCheck, "--yes",
            "--region", "us-east-1");
    assertThat(notLockable.err()).contains("is of type CLOUDWATCH_METRIC");
  }

  @Test
  void theJarRefusesWithoutATerminalAndRunsWithYes() throws Exception {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString());

    Run refused = Cli.jar(env, "drill", "--alarm-name", alarm, "--health-check-id", id);

    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("needs confirmation").contains("--yes");
    assertThat(stack.alarm(alarm).stateValue()).as("nothing changed").isEqualTo(StateValue.OK);

    Run timedOut =
        Cli.jar(
            env,
            "drill", "--alarm-name", alarm, "--health-check-id", id, "--yes",
            "--timeout", "1s", "--poll-interval", "500ms");

    assertThat(timedOut.code()).as(timedOut.err()).isEqualTo(1);
    assertThat(timedOut.out()).contains("not seen within 1.0 s");
    assertThat(timedOut.err()).contains("\"message\":\"drill: alarm set to ALARM\"");
    assertThat(stack.alarm(alarm).stateValue()).isEqualTo(StateValue.ALARM);
  }

  /** Writes the command's output and the bridge's events to target/, for the closing note. */
  private static void record(String name, Run run, List<String> bridgeEvents) throws Exception {
    List<String> lines = new ArrayList<>(run.out().lines().toList());
    lines.add("--- exit code " + run.code() + "; what the bridge played:");
    lines.addAll(bridgeEvents);
    Path file = Path.of(System.getProperty("route53failover.basedir", "."), "target", name);
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
    System.out.println(String.join(System.lineSeparator(), lines));
  }
}
