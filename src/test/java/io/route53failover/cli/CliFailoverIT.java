package io.route53failover.cli;

import static io.route53failover.failover.MotoHealthChecks.createHttps;
import static io.route53failover.failover.MotoHealthChecks.resourcePath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.OriginalPathTag;
import io.route53failover.failover.SampleEvents;
import io.route53failover.testing.Cli;
import io.route53failover.testing.Cli.Run;
import io.route53failover.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The built jar, run as a process ({@code java -jar route53-failover.jar invoke
 * FailoverFunction|status|failback …}) against a real moto_server, with {@code AWS_ENDPOINT_URL}
 * and dummy credentials in the child's environment.
 */
class CliFailoverIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private static Run jar(Map<String, String> extraEnv, String... args) throws Exception {
    return Cli.jar(extraEnv, args);
  }

  private static Run jar(String... args) throws Exception {
    return jar(Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString()), args);
  }

  /** Leaves the check as FailoverFunction does: original path in the tag, locked path set. */
  private static void lockAsTheFunctionDoes(Route53Client r53, String id, String original) {
    r53.changeTagsForResource(
        r ->
            r.resourceType(TagResourceType.HEALTHCHECK)
                .resourceId(id)
                .addTags(
                    Tag.builder()
                        .key(OriginalPathTag.KEY)
                        .value(OriginalPathTag.encode(original).orElseThrow())
                        .build()));
    r53.updateHealthCheck(r -> r.healthCheckId(id).resourcePath(LOCKED));
  }

  @Test
  void statusAndFailbackThroughTheJar() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttps(r53, "/health");

      Run unlocked = jar("status", "--health-check-id", id);
      assertThat(unlocked.code()).as(unlocked.err()).isZero();
      assertThat(unlocked.out())
          .contains("health check     " + id)
          .contains("type             HTTPS")
          .contains("ResourcePath     /health")
          .contains("locked           no");

      lockAsTheFunctionDoes(r53, id, "/health");

      Run locked = jar("status", "--health-check-id", id, "--json");
      assertThat(locked.code()).as(locked.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(locked.out());
      assertThat(json.path("locked").asBoolean()).isTrue();
      assertThat(json.path("resourcePath").asText()).isEqualTo(LOCKED);
      assertThat(json.path("recordedOriginal").asText()).isEqualTo("/health");
      assertThat(json.path("healthCheckVersion").asLong()).isPositive();

      Run failback = jar("failback", "--health-check-id", id);
      assertThat(failback.code()).as(failback.err()).isZero();
      assertThat(failback.out())
          .contains("before:")
          .contains("ResourcePath     " + LOCKED)
          .contains("after:")
          .contains("failback: ResourcePath /health restored from the recorded original");
      assertThat(failback.err()).contains("\"message\":\"failback\"").contains(id);
      assertThat(resourcePath(r53, id)).isEqualTo("/health");

      Run refused = jar("failback", "--health-check-id", id);
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("error: health check " + id + " is not locked");
      assertThat(refused.out()).contains("current:").contains("locked           no");
      assertThat(resourcePath(r53, id)).isEqualTo("/health");
    }
  }

  @Test
  void endpointUrlOptionAndExplicitPath() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttps(r53, LOCKED); // locked, nothing recorded

      Run noPath =
          jar(
              Map.of(),
              "failback",
              "--health-check-id",
              id,
              "--endpoint-url",
              MOTO.endpoint().toString());
      assertThat(noPath.code()).isEqualTo(1);
      assertThat(noPath.err()).contains("no original ResourcePath is recorded").contains("--path");

      Run withPath =
          jar(
              Map.of(),
              "failback",
              "--health-check-id",
              id,
              "--path",
              "/status",
              "--endpoint-url",
              MOTO.endpoint().toString());
      assertThat(withPath.code()).as(withPath.err()).isZero();
      assertThat(withPath.out()).contains("restored from --path");
      assertThat(resourcePath(r53, id)).isEqualTo("/status");
    }
  }

  /** A sample event with the HealthCheckId dimension set to {@code id}, written to a file. */
  private static Path sampleEvent(String sample, String id, Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path source =
        Path.of(System.getProperty("route53failover.basedir", "."))
            .resolve("events")
            .resolve(sample);
    ObjectNode event = (ObjectNode) json.readTree(source.toFile());
    ObjectNode sns = (ObjectNode) event.get("Records").get(0).get("Sns");
    ObjectNode message = (ObjectNode) json.readTree(sns.get("Message").asText());
    SampleEvents.setHealthCheckId(message, id);
    sns.put("Message", json.writeValueAsString(message));
    Path file = dir.resolve(sample);
    json.writeValue(file.toFile(), event);
    return file;
  }

  @Test
  void invokeFailoverFunctionLocksThenReportsAlreadyLocked(@TempDir Path dir) throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttps(r53, "/health");
      Path alarm = sampleEvent("sns-alarm-event.json", id, dir);
      Path ok = sampleEvent("sns-ok-event.json", id, dir);
      // AWS_ENDPOINT_URL from --env-vars (SAM's format), not from the process environment
      Path envVars = dir.resolve("env-vars.json");
      Files.writeString(
          envVars, "{\"FailoverFunction\": {\"AWS_ENDPOINT_URL\": \"" + MOTO.endpoint() + "\"}}");

      Run first =
          jar(
              Map.of(),
              "invoke",
              "FailoverFunction",
              "-e",
              alarm.toString(),
              "--env-vars",
              envVars.toString());
      assertThat(first.code()).as(first.err()).isZero();
      JsonNode report = new ObjectMapper().readTree(first.out());
      assertThat(report.path("locked").asInt()).isEqualTo(1);
      assertThat(report.path("records").get(0).path("action").asText()).isEqualTo("locked");
      assertThat(report.path("records").get(0).path("oldValue").asText()).isEqualTo("/health");
      assertThat(first.err()).contains("\"action\":\"locked\"");
      assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

      Run second = jar("invoke", "FailoverFunction", "-e", alarm.toString());
      assertThat(second.code()).as(second.err()).isZero();
      assertThat(new ObjectMapper().readTree(second.out()).path("alreadyLocked").asInt())
          .isEqualTo(1);

      Run okRun = jar("invoke", "FailoverFunction", "-e", ok.toString());
      assertThat(okRun.code()).as(okRun.err()).isZero();
      assertThat(new ObjectMapper().readTree(okRun.out()).path("skipped").asInt()).isEqualTo(1);
      assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

      Run status = jar("status", "--health-check-id", id);
      assertThat(status.out()).contains("locked           yes").contains("original         /health");
    }
  }

  @Test
  void invokeFailsWithTheMessageIdWhenTheHealthCheckIsUnknown(@TempDir Path dir) throws Exception {
    Path alarm = sampleEvent("sns-alarm-event.json", "no-such-check", dir);
    String messageId =
        new ObjectMapper()
            .readTree(alarm.toFile())
            .get("Records")
            .get(0)
            .get("Sns")
            .get("MessageId")
            .asText();

    Run run = jar("invoke", "FailoverFunction", "-e", alarm.toString());

    assertThat(run.code()).isEqualTo(1);
    JsonNode error = new ObjectMapper().readTree(run.out());
    assertThat(error.path("errorType").asText()).endsWith("FailoverFailedException");
    assertThat(error.path("errorMessage").asText()).contains(messageId).contains("no-such-check");
  }

  @Test
  void usageAndConfigurationErrors() throws Exception {
    Run missingId = jar("status");
    assertThat(missingId.code()).isEqualTo(2);
    assertThat(missingId.err()).contains("--health-check-id");

    Run badPath =
        jar(
            Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "FAILED_OVER_PATH", "locked"),
            "status",
            "--health-check-id",
            "any");
    assertThat(badPath.code()).isEqualTo(1);
    assertThat(badPath.err()).contains("error: FAILED_OVER_PATH: must start with '/'");

    Run unknown = jar("status", "--health-check-id", "no-such-check");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("health check no-such-check does not exist");
  }
}
