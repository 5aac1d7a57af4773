package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.OriginalPathTag;
import io.route53failover.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The built jar, run as a process ({@code java -jar route53-failover.jar status|failback …})
 * against a real moto_server, with {@code AWS_ENDPOINT_URL} and dummy credentials in the child's
 * environment.
 */
class CliFailoverIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  record Run(int code, String out, String err) {}

  /** Runs the jar with {@code extraEnv} on top of a clean AWS environment. */
  private static Run jar(Map<String, String> extraEnv, String... args) throws Exception {
    String jar = System.getProperty("route53failover.jar");
    assertThat(jar).as("system property route53failover.jar").isNotNull();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().putAll(extraEnv);
    Path out = Files.createTempFile("cli-out-", ".txt");
    Path err = Files.createTempFile("cli-err-", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("CLI did not finish in 60 s: " + command);
    }
    return new Run(p.exitValue(), read(out), read(err));
  }

  private static Run jar(String... args) throws Exception {
    return jar(Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString()), args);
  }

  private static String read(Path p) throws IOException {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(p);
    }
  }

  private static String httpsCheck(Route53Client r53, String path) {
    return r53.createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type(HealthCheckType.HTTPS)
                                .fullyQualifiedDomainName("primary.example.com")
                                .port(443)
                                .resourcePath(path)))
        .healthCheck()
        .id();
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

  private static String path(Route53Client r53, String id) {
    return r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().resourcePath();
  }

  @Test
  void statusAndFailbackThroughTheJar() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = httpsCheck(r53, "/health");

      Run unlocked = jar("status", "--health-check-id", id);
      assertThat(unlocked.code()).as(unlocked.err()).isZero();
      assertThat(unlocked.out())
          .contains("health check   " + id)
          .contains("type           HTTPS")
          .contains("ResourcePath   /health")
          .contains("locked         no");

      lockAsTheFunctionDoes(r53, id, "/health");

      Run locked = jar("status", "--health-check-id", id, "--json");
      assertThat(locked.code()).as(locked.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(locked.out());
      assertThat(json.path("locked").asBoolean()).isTrue();
      assertThat(json.path("resourcePath").asText()).isEqualTo(LOCKED);
      assertThat(json.path("recordedOriginalPath").asText()).isEqualTo("/health");
      assertThat(json.path("healthCheckVersion").asLong()).isPositive();

      Run failback = jar("failback", "--health-check-id", id);
      assertThat(failback.code()).as(failback.err()).isZero();
      assertThat(failback.out())
          .contains("before:")
          .contains("ResourcePath   " + LOCKED)
          .contains("after:")
          .contains("failback: ResourcePath /health restored from the recorded original");
      assertThat(failback.err()).contains("\"message\":\"failback\"").contains(id);
      assertThat(path(r53, id)).isEqualTo("/health");

      Run refused = jar("failback", "--health-check-id", id);
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("error: health check " + id + " is not locked");
      assertThat(refused.out()).contains("current:").contains("locked         no");
      assertThat(path(r53, id)).isEqualTo("/health");
    }
  }

  @Test
  void endpointUrlOptionAndExplicitPath() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = httpsCheck(r53, LOCKED); // locked, nothing recorded

      Run noPath =
          jar(Map.of(), "failback", "--health-check-id", id, "--endpoint-url", MOTO.endpoint().toString());
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
      assertThat(path(r53, id)).isEqualTo("/status");
    }
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
