package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.testing.FreePorts;
import io.route53failover.testing.LoopbackTargets;
import io.route53failover.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The built jar publishing to moto_server, as the README's "run against moto" section shows: the
 * endpoint from the {@code --env-vars} file or from the process environment (SDK-native).
 */
class CliInvokeMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  /** Dummy credentials for moto; IMDS off so nothing looks beyond loopback. */
  private static final Map<String, String> DUMMY_CREDENTIALS =
      Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_EC2_METADATA_DISABLED", "true");

  @TempDir Path dir;

  private Path envVars(Map<String, String> vars) throws Exception {
    Path file = dir.resolve("env-vars.json");
    CliInvokeIT.JSON.writeValue(file.toFile(), Map.of("HealthCheckFunction", vars));
    return file;
  }

  private static Datapoint published(String namespace, String metricName, Instant timestamp) {
    try (CloudWatchClient cw = MOTO.cloudWatch()) {
      var points =
          cw.getMetricStatistics(
                  r -> r.namespace(namespace).metricName(metricName)
                      .startTime(timestamp.minus(Duration.ofMinutes(5))).endTime(timestamp.plus(Duration.ofMinutes(5)))
                      .period(60).statistics(Statistic.MAXIMUM, Statistic.SAMPLE_COUNT))
              .datapoints();
      assertThat(points).as(metricName).hasSize(1);
      return points.get(0);
    }
  }

  private void assertPublishedToMoto(CliInvokeIT.Run run, String namespace) throws Exception {
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    JsonNode report = run.stdoutJson();
    assertThat(report.get("namespace").asText()).isEqualTo(namespace);
    assertThat(report.get("putMetricDataCalls").asInt()).isEqualTo(1);
    Instant timestamp = Instant.parse(report.get("timestamp").asText());
    assertThat(published(namespace, "http-ok_availability", timestamp).maximum()).isEqualTo(1.0);
    assertThat(published(namespace, "http-503_availability", timestamp).maximum()).isEqualTo(0.0);
    assertThat(published(namespace, "tcp-refused_availability", timestamp).maximum()).isEqualTo(0.0);
    assertThat(published(namespace, "tcp-up_availability", timestamp).sampleCount()).isEqualTo(1.0);
  }

  @Test
  void endpointFromTheEnvVarsFile() throws Exception {
    String namespace = "CliMotoIT-file-" + System.nanoTime();
    try (LoopbackTargets servers = new LoopbackTargets()) {
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("TARGETS", servers.targetsJson());
      vars.put("METRIC_NAMESPACE", namespace);
      vars.put("AWS_REGION", "us-east-1");
      vars.put("AWS_ENDPOINT_URL", MOTO.endpoint().toString());

      CliInvokeIT.Run run =
          CliInvokeIT.runJar(dir, DUMMY_CREDENTIALS, "invoke", "HealthCheckFunction",
              "-e", CliInvokeIT.EVENT.toString(), "--env-vars", envVars(vars).toString());

      assertPublishedToMoto(run, namespace);
    }
  }

  @Test
  void endpointFromTheProcessEnvironment() throws Exception {
    String namespace = "CliMotoIT-env-" + System.nanoTime();
    try (LoopbackTargets servers = new LoopbackTargets()) {
      Map<String, String> env = new LinkedHashMap<>(DUMMY_CREDENTIALS);
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL", MOTO.endpoint().toString());

      CliInvokeIT.Run run =
          CliInvokeIT.runJar(dir, env, "invoke", "HealthCheckFunction", "-e", CliInvokeIT.EVENT.toString(),
              "--env-vars", envVars(Map.of("TARGETS", servers.targetsJson(), "METRIC_NAMESPACE", namespace)).toString());

      assertPublishedToMoto(run, namespace);
    }
  }

  @Test
  void unreachableCloudWatchFailsTheInvocation() throws Exception {
    int closedPort = FreePorts.closedLoopbackPort();
    try (LoopbackTargets servers = new LoopbackTargets()) {
      Map<String, String> vars =
          Map.of("TARGETS", servers.targetsJson(), "AWS_REGION", "us-east-1",
              "AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort);

      CliInvokeIT.Run run =
          CliInvokeIT.runJar(dir, DUMMY_CREDENTIALS, "invoke", "HealthCheckFunction",
              "-e", CliInvokeIT.EVENT.toString(), "--env-vars", envVars(vars).toString());

      assertThat(run.exitCode()).isEqualTo(1);
      JsonNode error = run.stdoutJson();
      assertThat(error.get("errorType").asText()).isEqualTo("io.route53failover.metrics.MetricPublishException");
      assertThat(error.get("errorMessage").asText())
          .contains("published 0 of 7 metric datums")
          .contains("1 of 1 PutMetricData requests failed");
      assertThat(run.stderr()).contains("PutMetricData request failed after retries");
    }
  }
}
