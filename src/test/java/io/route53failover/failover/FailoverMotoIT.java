package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.cli.Main;
import io.route53failover.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * FailoverFunction, built by {@code create(env)} with {@code AWS_ENDPOINT_URL}, and the {@code
 * status}/{@code failback} commands, run in-process through {@link Main#commandLine()}, against a
 * real moto_server. moto never changes {@code HealthCheckVersion}; version conflicts are tested in
 * {@code FailoverFaultsIT}.
 */
class FailoverMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  /** The SDK's default credential chain reads these first; they keep it off any real source. */
  @BeforeAll
  static void dummyCredentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String createHttpsHealthCheck(Route53Client r53, String path) {
    return r53.createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type(HealthCheckType.HTTPS)
                                .fullyQualifiedDomainName("primary.example.com")
                                .port(443)
                                .resourcePath(path)
                                .requestInterval(30)
                                .failureThreshold(3)))
        .healthCheck()
        .id();
  }

  private static FailoverFunction function() {
    return FailoverFunction.create(Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString()));
  }

  private static SNSEvent event(String sample, String healthCheckId) {
    return SampleEvents.withHealthCheckId(SampleEvents.load(sample), healthCheckId);
  }

  /** Runs a CLI command in-process; returns exit code, stdout and stderr. */
  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int code, String out, String err) {}

  private static Run status(String id) {
    return cli("status", "--health-check-id", id, "--endpoint-url", MOTO.endpoint().toString());
  }

  private static Map<String, String> tags(Route53Client r53, String id) {
    return r53
        .listTagsForResource(r -> r.resourceType(TagResourceType.HEALTHCHECK).resourceId(id))
        .resourceTagSet()
        .tags()
        .stream()
        .collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void lockDuplicateDeliveryOkEventAndFailback() {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttpsHealthCheck(r53, "/health");

      Run before = status(id);
      assertThat(before.code()).isZero();
      assertThat(before.out())
          .contains("type           HTTPS")
          .contains("ResourcePath   /health")
          .contains("locked         no")
          .contains("original path  (none recorded)");

      // ALARM: lock
      SNSEvent alarm = event(SampleEvents.ALARM, id);
      FailoverReport first = function().handleRequest(alarm, null);
      assertThat(first.locked()).isEqualTo(1);
      assertThat(first.records().get(0).healthCheckId()).isEqualTo(id);
      assertThat(first.records().get(0).oldPath()).isEqualTo("/health");
      HealthCheck locked = r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck();
      assertThat(locked.healthCheckConfig().resourcePath()).isEqualTo(LOCKED);
      assertThat(tags(r53, id)).containsEntry(OriginalPathTag.KEY, "/health");

      Run lockedStatus = status(id);
      assertThat(lockedStatus.code()).isZero();
      assertThat(lockedStatus.out())
          .contains("ResourcePath   " + LOCKED)
          .contains("locked         yes")
          .contains("original path  /health (tag " + OriginalPathTag.KEY + ")");

      // the same message again (SNS delivers at least once): nothing changes
      FailoverReport second = function().handleRequest(event(SampleEvents.ALARM, id), null);
      assertThat(second.alreadyLocked()).isEqualTo(1);
      assertThat(second.locked()).isZero();
      HealthCheck afterDuplicate = r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck();
      assertThat(afterDuplicate.healthCheckConfig().resourcePath()).isEqualTo(LOCKED);
      assertThat(afterDuplicate.healthCheckVersion()).isEqualTo(locked.healthCheckVersion());
      assertThat(tags(r53, id)).containsEntry(OriginalPathTag.KEY, "/health");

      // OK: nothing changes, the lock holds
      FailoverReport ok = function().handleRequest(event(SampleEvents.OK, id), null);
      assertThat(ok.skipped()).isEqualTo(1);
      assertThat(r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().resourcePath())
          .isEqualTo(LOCKED);

      // failback: restores /health, removes the tag, prints before and after
      Run failback =
          cli("failback", "--health-check-id", id, "--endpoint-url", MOTO.endpoint().toString());
      assertThat(failback.code()).as(failback.err()).isZero();
      assertThat(failback.out())
          .contains("before:")
          .contains("after:")
          .contains("failback: ResourcePath /health restored from the recorded original");
      assertThat(failback.out().substring(failback.out().indexOf("after:")))
          .contains("ResourcePath   /health")
          .contains("locked         no")
          .contains("original path  (none recorded)");
      assertThat(r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().resourcePath())
          .isEqualTo("/health");
      assertThat(tags(r53, id)).doesNotContainKey(OriginalPathTag.KEY);

      Run after = status(id);
      assertThat(after.out()).contains("ResourcePath   /health").contains("locked         no");

      // a second failback is refused: not locked
      Run again =
          cli("failback", "--health-check-id", id, "--endpoint-url", MOTO.endpoint().toString());
      assertThat(again.code()).isEqualTo(1);
      assertThat(again.err()).contains("is not locked").contains("nothing changed");
    }
  }

  @Test
  void metricMathAlarmLocksAndStatusJsonSaysSo() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttpsHealthCheck(r53, "/ready");

      FailoverReport report = function().handleRequest(event(SampleEvents.METRIC_MATH, id), null);

      assertThat(report.locked()).isEqualTo(1);
      Run json =
          cli("status", "--health-check-id", id, "--endpoint-url", MOTO.endpoint().toString(), "--json");
      assertThat(json.code()).isZero();
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
      assertThat(node.path("locked").asBoolean()).isTrue();
      assertThat(node.path("resourcePath").asText()).isEqualTo(LOCKED);
      assertThat(node.path("recordedOriginalPath").asText()).isEqualTo("/ready");
      assertThat(node.path("type").asText()).isEqualTo("HTTPS");
    }
  }

  @Test
  void failbackWithExplicitPathWhenNothingIsRecorded() {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttpsHealthCheck(r53, LOCKED); // locked by hand, no tag

      Run refused =
          cli("failback", "--health-check-id", id, "--endpoint-url", MOTO.endpoint().toString());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("no original ResourcePath is recorded").contains("--path");
      assertThat(r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().resourcePath())
          .isEqualTo(LOCKED);

      Run restored =
          cli(
              "failback",
              "--health-check-id",
              id,
              "--path",
              "/health",
              "--endpoint-url",
              MOTO.endpoint().toString());
      assertThat(restored.code()).as(restored.err()).isZero();
      assertThat(r53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck().healthCheckConfig().resourcePath())
          .isEqualTo("/health");
    }
  }

  @Test
  void unknownHealthCheckFailsTheRecordAndTheStatusCommand() {
    FailoverReport[] none = new FailoverReport[1];
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> none[0] = function().handleRequest(event(SampleEvents.ALARM, "no-such-check"), null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining("no-such-check")
        .hasMessageContaining("does not exist");

    Run status = status("no-such-check");
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.err()).contains("no-such-check").contains("does not exist");
  }
}
