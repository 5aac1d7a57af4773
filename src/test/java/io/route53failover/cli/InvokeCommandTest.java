package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.cli.InvokeCommand.LocalFunction;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.TargetConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The invoke command's plumbing, with fake functions (the real handlers have their own tests). */
class InvokeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCHEDULED_EVENT =
      Path.of(System.getProperty("route53failover.basedir", "."), "events", "scheduled-event.json");

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
  private Map<String, String> processEnv = Map.of("FROM_PROCESS", "p", "SHARED", "process");
  private String stdin = "";

  @TempDir Path dir;

  InvokeCommandTest() {
    // Answers with what it saw: event fields, environment, remaining time, dry-run output.
    functions.put(
        "EchoFunction",
        new LocalFunction(
            ScheduledEvent.class,
            (env, dryRunOut) ->
                (event, context) -> {
                  if (dryRunOut != null) {
                    dryRunOut.println("DRY RUN OUTPUT");
                  }
                  ScheduledEvent e = (ScheduledEvent) event;
                  Map<String, Object> answer = new LinkedHashMap<>();
                  answer.put("id", e.getId());
                  answer.put("detailType", e.getDetailType());
                  answer.put("time", e.getTime() == null ? null : e.getTime().toString());
                  answer.put("fromProcess", env.get("FROM_PROCESS"));
                  answer.put("shared", env.get("SHARED"));
                  answer.put("fromParameters", env.get("FROM_PARAMETERS"));
                  answer.put("remainingMs", context.getRemainingTimeInMillis());
                  answer.put("functionName", context.getFunctionName());
                  return answer;
                },
            true,
            Duration.ofSeconds(20)));
    functions.put(
        "FailingFunction",
        new LocalFunction(
            ScheduledEvent.class,
            (env, dryRunOut) -> (event, context) -> { throw new IllegalStateException("publishing failed"); },
            false,
            Duration.ofSeconds(20)));
    functions.put(
        "BadConfigFunction",
        new LocalFunction(
            ScheduledEvent.class,
            (env, dryRunOut) -> { throw new TargetConfigException("TARGETS", "index 0", "port", "must be 1-65535, was 0"); },
            false,
            Duration.ofSeconds(20)));
    functions.put(
        "SlowFunction",
        new LocalFunction(
            ScheduledEvent.class,
            (env, dryRunOut) ->
                (event, context) -> {
                  try {
                    Thread.sleep(30_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "late";
                },
            false,
            Duration.ofSeconds(20)));
  }

  private int run(String... args) {
    InvokeCommand command =
        new InvokeCommand(
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            processEnv,
            functions);
    CommandLine cl = Main.commandLine(command);
    cl.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
    String[] invoke = new String[args.length + 1];
    invoke[0] = "invoke";
    System.arraycopy(args, 0, invoke, 1, args.length);
    return cl.execute(invoke);
  }

  private JsonNode stdoutJson() throws Exception {
    return JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void projectFunctionsAreRegistered() {
    assertThat(InvokeCommand.FUNCTIONS).containsOnlyKeys("HealthCheckFunction", "FailoverFunction");
    assertThat(InvokeCommand.FUNCTIONS.get("HealthCheckFunction").eventType()).isEqualTo(ScheduledEvent.class);
    assertThat(InvokeCommand.FUNCTIONS.get("HealthCheckFunction").supportsDryRun()).isTrue();
    assertThat(InvokeCommand.FUNCTIONS.get("FailoverFunction").eventType())
        .isEqualTo(com.amazonaws.services.lambda.runtime.events.SNSEvent.class);
  }

  @Test
  void projectFunctionsDefaultToTheirTemplateTimeouts() {
    assertThat(InvokeCommand.FUNCTIONS.get("HealthCheckFunction").defaultTimeout())
        .isEqualTo(Duration.ofSeconds(HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS));
    assertThat(InvokeCommand.FUNCTIONS.get("FailoverFunction").defaultTimeout())
        .isEqualTo(Duration.ofSeconds(FailoverFunction.DEFAULT_TIMEOUT_SECONDS));
  }

  @Test
  void passesTheDeserializedEventAndMergedEnvironmentAndPrintsTheResponse() throws Exception {
    Path envVars = dir.resolve("env.json");
    Files.writeString(
        envVars,
        "{\"Parameters\": {\"FROM_PARAMETERS\": \"all\", \"SHARED\": \"parameters\"},"
            + " \"EchoFunction\": {\"SHARED\": \"file\"}}");

    int exit = run("EchoFunction", "-e", SCHEDULED_EVENT.toString(), "--env-vars", envVars.toString());

    assertThat(exit).as(err()).isZero();
    JsonNode response = stdoutJson();
    assertThat(response.get("id").asText()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
    assertThat(response.get("detailType").asText()).isEqualTo("Scheduled Event");
    assertThat(response.get("time").asText()).startsWith("2015-10-08T16:53:06");
    assertThat(response.get("fromProcess").asText()).isEqualTo("p");
    assertThat(response.get("shared").asText()).isEqualTo("file");
    assertThat(response.get("fromParameters").asText()).isEqualTo("all");
    assertThat(response.get("functionName").asText()).isEqualTo("EchoFunction");
    // No --timeout-seconds: the function's own default (20 s for the fake).
    assertThat(response.get("remainingMs").asInt()).isBetween(10_000, 20_000);
  }

  @Test
  void timeoutSecondsSetsTheRemainingTime() throws Exception {
    assertThat(run("EchoFunction", "-e", SCHEDULED_EVENT.toString(), "--timeout-seconds", "15")).isZero();
    assertThat(stdoutJson().get("remainingMs").asInt()).isBetween(5_000, 15_000);
  }

  @Test
  void readsTheEventFromStdinAndDefaultsToAnEmptyEvent() throws Exception {
    stdin = "{\"id\": \"from-stdin\", \"detail-type\": \"Scheduled Event\"}";
    assertThat(run("EchoFunction", "-e", "-")).isZero();
    assertThat(stdoutJson().get("id").asText()).isEqualTo("from-stdin");

    stdout.reset();
    assertThat(run("EchoFunction")).isZero();
    assertThat(stdoutJson().hasNonNull("id")).isFalse();
    assertThat(stdoutJson().get("functionName").asText()).isEqualTo("EchoFunction");
  }

  @Test
  void dryRunHandsTheFunctionStderr() {
    assertThat(run("EchoFunction", "-e", SCHEDULED_EVENT.toString(), "--dry-run")).isZero();
    assertThat(err()).contains("DRY RUN OUTPUT");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("DRY RUN OUTPUT");
  }

  @Test
  void dryRunIsRefusedWhereUnsupported() {
    assertThat(run("FailingFunction", "--dry-run")).isEqualTo(2);
    assertThat(err()).contains("--dry-run is not supported for FailingFunction");
  }

  @Test
  void unknownFunctionListsTheKnownOnes() {
    assertThat(run("NoSuchFunction", "-e", SCHEDULED_EVENT.toString())).isEqualTo(2);
    assertThat(err())
        .contains("unknown function \"NoSuchFunction\"")
        .contains("known functions: BadConfigFunction, EchoFunction, FailingFunction, SlowFunction");
    assertThat(stdout.size()).isZero();
  }

  @Test
  void handlerFailureIsReportedLikeLambdaWithExitCode1() throws Exception {
    assertThat(run("FailingFunction", "-e", SCHEDULED_EVENT.toString())).isEqualTo(1);
    JsonNode error = stdoutJson();
    assertThat(error.get("errorMessage").asText()).isEqualTo("publishing failed");
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("stackTrace").isArray()).isTrue();
  }

  @Test
  void initFailureIsReportedWithTheConfigMessage() throws Exception {
    assertThat(run("BadConfigFunction", "-e", SCHEDULED_EVENT.toString())).isEqualTo(1);
    JsonNode error = stdoutJson();
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("TARGETS: target index 0: field \"port\": must be 1-65535, was 0");
    assertThat(error.get("errorType").asText()).isEqualTo(TargetConfigException.class.getName());
  }

  @Test
  void aHandlerPastItsTimeoutFailsLikeLambda() throws Exception {
    long start = System.nanoTime();
    assertThat(run("SlowFunction", "-e", SCHEDULED_EVENT.toString(), "--timeout-seconds", "1")).isEqualTo(1);
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 10_000L);
    JsonNode error = stdoutJson();
    assertThat(error.get("errorMessage").asText()).isEqualTo("Task timed out after 1.00 seconds");
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
  }

  @Test
  void badInputFilesAreUsageErrors() throws Exception {
    assertThat(run("EchoFunction", "-e", dir.resolve("nope.json").toString())).isEqualTo(2);
    assertThat(err()).contains("--event " + dir.resolve("nope.json") + ": file not found");

    Path badEvent = dir.resolve("bad-event.json");
    Files.writeString(badEvent, "{\"id\": ");
    stderr.reset();
    assertThat(run("EchoFunction", "-e", badEvent.toString())).isEqualTo(2);
    assertThat(err()).contains("--event " + badEvent + ": not a valid ScheduledEvent JSON");

    Path badEnv = dir.resolve("bad-env.json");
    Files.writeString(badEnv, "{\"EchoFunction\": \"TARGETS\"}");
    stderr.reset();
    assertThat(run("EchoFunction", "-e", SCHEDULED_EVENT.toString(), "--env-vars", badEnv.toString())).isEqualTo(2);
    assertThat(err()).contains("section \"EchoFunction\" must be an object");

    stderr.reset();
    assertThat(run("EchoFunction", "--timeout-seconds", "0")).isEqualTo(2);
    assertThat(err()).contains("--timeout-seconds must be 1-900");
    assertThat(stdout.size()).isZero();
  }
}
