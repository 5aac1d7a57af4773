package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.route53failover.cli.CliInvokeIT.Run;
import io.route53failover.testing.ExternalTools;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quick start, {@code bin/demo}, as a user would, on the jar this build made
 * ({@code ROUTE53_FAILOVER_JAR}, so the script does not build it again). Only loopback traffic.
 */
class DemoScriptIT {
  @TempDir Path dir;

  @Test
  void demoReportsTheFiveLoopbackTargetsAndPrintsTheRequestItWouldSend() throws Exception {
    String jar = System.getProperty("route53failover.jar");
    assertThat(jar).as("system property route53failover.jar (set by failsafe)").isNotNull();
    Path demo = CliInvokeIT.BASEDIR.resolve("bin/demo").toAbsolutePath();

    // the launcher's class-data-sharing archive goes to a temporary cache, not the user's
    Map<String, String> env =
        Map.of("ROUTE53_FAILOVER_JAR", jar, "XDG_CACHE_HOME", dir.resolve("cache").toString());
    Run run = CliInvokeIT.runProcess(dir, env, List.of(demo.toString()));

    if (run.exitCode() != 0 && run.stderr().contains("the demo needs a full JDK")) {
      ExternalTools.unavailable("bin/demo: " + run.stderr().strip(), ExternalTools.inCi());
    }
    assertThat(run.exitCode()).as("stderr:%n%s", run.stderr()).isZero();
    assertThat(run.stderr()).doesNotContain("building target/route53-failover.jar");

    JsonNode report = run.stdoutJson();
    assertThat(report.get("total").asInt()).isEqualTo(5);
    assertThat(report.get("healthy").asInt()).isEqualTo(2);
    assertThat(report.get("unhealthy").asInt()).isEqualTo(3);
    Map<String, String> reasons = reasons(report);
    assertThat(reasons)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "web-ok", "ok",
                "tcp-ok", "ok",
                "tcp-refused", "refused",
                "web-wrong-body", "body mismatch",
                "web-missing-page", "status 404"));

    JsonNode request = dryRunRequest(run.stderr());
    assertThat(request.get("Namespace").asText()).isEqualTo("LambdaCustomHC");
    Map<String, Double> availability = availability(request);
    assertThat(availability)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "web-ok_availability", 1.0,
                "tcp-ok_availability", 1.0,
                "tcp-refused_availability", 0.0,
                "web-wrong-body_availability", 0.0,
                "web-missing-page_availability", 0.0));
  }

  private static Map<String, String> reasons(JsonNode report) {
    Map<String, String> reasons = new HashMap<>();
    report.get("targets").forEach(t -> reasons.put(t.get("name").asText(), t.get("reason").asText()));
    return reasons;
  }

  /** The one PutMetricData document among stderr's JSON (the script's "==>" lines left out). */
  private static JsonNode dryRunRequest(String stderr) throws Exception {
    String json =
        stderr.lines().filter(l -> !l.contains("==> ")).collect(Collectors.joining("\n"));
    List<JsonNode> documents;
    try (MappingIterator<JsonNode> it =
        CliInvokeIT.JSON.readerFor(JsonNode.class).readValues(json)) {
      documents = it.readAll();
    }
    List<JsonNode> requests = documents.stream().filter(d -> d.has("MetricData")).toList();
    assertThat(requests).as("PutMetricData documents on stderr:%n%s", stderr).hasSize(1);
    return requests.get(0);
  }

  private static Map<String, Double> availability(JsonNode request) {
    Map<String, Double> values = new HashMap<>();
    request
        .get("MetricData")
        .forEach(
            d -> {
              String name = d.get("MetricName").asText();
              if (name.endsWith("_availability")) {
                values.put(name, d.get("Value").asDouble());
              }
            });
    return values;
  }
}
