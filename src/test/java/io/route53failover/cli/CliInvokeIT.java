package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.testing.LoopbackTargets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built jar as a process, as a user would: {@code java -jar route53-failover.jar invoke ...}. */
class CliInvokeIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path BASEDIR = Path.of(System.getProperty("route53failover.basedir", "."));
  static final Path EVENT = BASEDIR.resolve("events/scheduled-event.json");

  @TempDir Path dir;
  private LoopbackTargets servers;

  /** The outcome of one CLI run. */
  record Run(int exitCode, String stdout, String stderr) {
    JsonNode stdoutJson() throws Exception {
      return JSON.readTree(stdout);
    }

    /** Every JSON document on stderr: log lines and dry-run requests. */
    List<JsonNode> stderrDocuments() throws Exception {
      try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(stderr)) {
        return it.readAll();
      }
    }
  }

  /** Runs the jar with the test JVM's java, in the repository root, with a bounded wait. */
  static Run runJar(Path dir, Map<String, String> extraEnv, String... args) throws Exception {
    String jar = System.getProperty("route53failover.jar");
    assertThat(jar).as("system property route53failover.jar (set by failsafe)").isNotNull();
    assertThat(Path.of(jar)).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar));
    command.addAll(List.of(args));
    return runProcess(dir, extraEnv, command);
  }

  /**
   * Runs {@code command} in the repository root without the caller's AWS_, TARGETS and METRIC_
   * variables, plus {@code extraEnv}; fails when it does not finish within 90 s.
   */
  static Run runProcess(Path dir, Map<String, String> extraEnv, List<String> command)
      throws Exception {
    File out = dir.resolve("stdout-" + System.nanoTime()).toFile();
    File err = dir.resolve("stderr-" + System.nanoTime()).toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(BASEDIR.toFile()).redirectOutput(out).redirectError(err);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("TARGETS") || k.startsWith("METRIC_"));
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("not finished within 90 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  private Path envVars(String targetsJson) throws Exception {
    Path file = dir.resolve("env-vars.json");
    JSON.writeValue(file.toFile(), Map.of("HealthCheckFunction", Map.of("TARGETS", targetsJson)));
    return file;
  }

  @BeforeEach
  void startServers() throws Exception {
    servers = new LoopbackTargets();
  }

  @AfterEach
  void stopServers() {
    servers.close();
  }

  @Test
  void dryRunPrintsTheReportOnStdoutAndTheRequestsOnStderr() throws Exception {
    Run run =
        runJar(dir, Map.of(), "invoke", "HealthCheckFunction", "-e", EVENT.toString(),
            "--env-vars", envVars(servers.targetsJson()).toString(), "--dry-run");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode report = run.stdoutJson();
    assertThat(report.get("total").asInt()).isEqualTo(4);
    assertThat(report.get("healthy").asInt()).isEqualTo(2);
    assertThat(report.get("unhealthy").asInt()).isEqualTo(2);
    assertThat(report.get("namespace").asText()).isEqualTo("LambdaCustomHC");
    assertThat(report.get("putMetricDataCalls").asInt()).isEqualTo(1);
    List<String> healthy = new ArrayList<>();
    report.get("targets").forEach(t -> healthy.add(t.get("name").asText() + "=" + t.get("healthy").asBoolean() + "/" + t.get("reason").asText()));
    assertThat(healthy).containsExactly("tcp-up=true/ok", "tcp-refused=false/refused", "http-ok=true/ok", "http-503=false/status 503");

    List<JsonNode> stderr = run.stderrDocuments();
    List<JsonNode> requests = stderr.stream().filter(d -> d.has("Namespace") && d.has("MetricData")).toList();
    assertThat(requests).hasSize(1);
    JsonNode data = requests.get(0).get("MetricData");
    List<String> availability = new ArrayList<>();
    data.forEach(d -> {
      assertThat(d.get("Timestamp").asText()).isEqualTo(report.get("timestamp").asText());
      assertThat(d.get("StorageResolution").asInt()).isEqualTo(60);
      if (d.get("MetricName").asText().endsWith("_availability")) {
        assertThat(d.get("Unit").asText()).isEqualTo("Count");
        availability.add(d.get("MetricName").asText() + "=" + d.get("Value").asDouble());
      } else {
        assertThat(d.get("Unit").asText()).isEqualTo("Milliseconds");
      }
    });
    assertThat(availability)
        .containsExactly("tcp-up_availability=1.0", "tcp-refused_availability=0.0", "http-ok_availability=1.0", "http-503_availability=0.0");
    assertThat(data).hasSize(4 + 3); // latency for the three that answered

    List<JsonNode> probed = stderr.stream().filter(d -> "target probed".equals(d.path("message").asText())).toList();
    assertThat(probed).extracting(d -> d.get("target").asText()).containsExactly("tcp-up", "tcp-refused", "http-ok", "http-503");
    assertThat(probed).allSatisfy(d -> assertThat(d.has("healthy") && d.has("reason") && d.has("metricName") && d.has("type")).isTrue());
    assertThat(stderr).anySatisfy(d -> {
      assertThat(d.path("message").asText()).isEqualTo("health check run finished");
      assertThat(d.get("targets").asInt()).isEqualTo(4);
      assertThat(d.get("datums").asInt()).isEqualTo(7);
      assertThat(d.get("putMetricDataCalls").asInt()).isEqualTo(1);
    });
  }

  @Test
  void badTargetsFailTheInvocationNamingTheField() throws Exception {
    String targets = "[{\"name\":\"db-1\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":70000}]";

    Run run =
        runJar(dir, Map.of(), "invoke", "HealthCheckFunction", "-e", EVENT.toString(),
            "--env-vars", envVars(targets).toString(), "--dry-run");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode error = run.stdoutJson();
    assertThat(error.get("errorMessage").asText()).contains("TARGETS").contains("db-1").contains("port");
    assertThat(error.get("errorType").asText()).isEqualTo("io.route53failover.healthcheck.TargetConfigException");
  }

  @Test
  void unknownFunctionIsAUsageError() throws Exception {
    Run run = runJar(dir, Map.of(), "invoke", "HelloWorldFunction", "-e", EVENT.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown function \"HelloWorldFunction\"")
        .contains("FailoverFunction").contains("HealthCheckFunction");
    assertThat(run.stdout()).isEmpty();
  }
}
