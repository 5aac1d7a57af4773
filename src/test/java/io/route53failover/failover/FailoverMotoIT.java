package io.route53failover.failover;

import static io.route53failover.failover.MotoHealthChecks.createHttps;
import static io.route53failover.failover.MotoHealthChecks.resourcePath;
import static io.route53failover.failover.MotoHealthChecks.tags;
import static io.route53failover.failover.MotoHealthChecks.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.cli.Main;
import io.route53failover.testing.Cli;
import io.route53failover.testing.Cli.Run;
import io.route53failover.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * FailoverFunction, built by {@code create(env)} with {@code AWS_ENDPOINT_URL}, and the {@code
 * status}/{@code failback} commands, run in-process through {@link Main#commandLine()}, against a
 * real moto_server. moto never changes {@code HealthCheckVersion}; version conflicts are tested in
 * {@code FailoverFaultsIT}.
 */
class FailoverMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private static FailoverFunction function() {
    return FailoverFunction.create(Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString()));
  }

  private static SNSEvent event(String sample, String healthCheckId) {
    return SampleEvents.withHealthCheckId(SampleEvents.load(sample), healthCheckId);
  }

  /** Runs a CLI command in-process against the emulator ({@code --endpoint-url}). */
  private static Run onMoto(String... args) {
    return Cli.onEndpoint(MOTO.endpoint(), args);
  }

  @Test
  void lockDuplicateDeliveryOkEventAndFailback() {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttps(r53, "/health");

      Run before = onMoto("status", "--health-check-id", id);
      assertThat(before.code()).isZero();
      assertThat(before.out())
          .contains("type             HTTPS")
          .contains("ResourcePath     /health")
          .contains("locked           no")
          .contains("original         (none recorded)");

      // ALARM: lock
      FailoverReport first = function().handleRequest(event(SampleEvents.ALARM, id), null);
      assertThat(first.locked()).isEqualTo(1);
      assertThat(first.records().get(0).healthCheckId()).isEqualTo(id);
      assertThat(first.records().get(0).oldValue()).isEqualTo("/health");
      assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);
      assertThat(tags(r53, id)).containsEntry(OriginalPathTag.KEY, "/health");
      long lockedVersion = version(r53, id);

      Run lockedStatus = onMoto("status", "--health-check-id", id);
      assertThat(lockedStatus.code()).isZero();
      assertThat(lockedStatus.out())
          .contains("ResourcePath     " + LOCKED)
          .contains("locked           yes")
          .contains("original         /health (tag " + OriginalPathTag.KEY + ")");

      // the same message again (SNS delivers at least once): nothing changes
      FailoverReport second = function().handleRequest(event(SampleEvents.ALARM, id), null);
      assertThat(second.alreadyLocked()).isEqualTo(1);
      assertThat(second.locked()).isZero();
      assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);
      assertThat(version(r53, id)).isEqualTo(lockedVersion);
      assertThat(tags(r53, id)).containsEntry(OriginalPathTag.KEY, "/health");

      // OK: nothing changes, the lock holds
      FailoverReport ok = function().handleRequest(event(SampleEvents.OK, id), null);
      assertThat(ok.skipped()).isEqualTo(1);
      assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

      // failback: restores /health, removes the tag, prints before and after
      Run failback = onMoto("failback", "--health-check-id", id);
      assertThat(failback.code()).as(failback.err()).isZero();
      assertThat(failback.out())
          .contains("before:")
          .contains("after:")
          .contains("failback: ResourcePath /health restored from the recorded original");
      assertThat(failback.out().substring(failback.out().indexOf("after:")))
          .contains("ResourcePath     /health")
          .contains("locked           no")
          .contains("original         (none recorded)");
      assertThat(resourcePath(r53, id)).isEqualTo("/health");
      assertThat(tags(r53, id)).doesNotContainKey(OriginalPathTag.KEY);

      Run after = onMoto("status", "--health-check-id", id);
      assertThat(after.out()).contains("ResourcePath     /health").contains("locked           no");

      // a second failback is refused: not locked
      Run again = onMoto("failback", "--health-check-id", id);
      assertThat(again.code()).isEqualTo(1);
      assertThat(again.err()).contains("is not locked").contains("nothing changed");
      assertThat(resourcePath(r53, id)).isEqualTo("/health");
    }
  }

  @Test
  void metricMathAlarmLocksAndStatusJsonSaysSo() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttps(r53, "/ready");

      FailoverReport report = function().handleRequest(event(SampleEvents.METRIC_MATH, id), null);

      assertThat(report.locked()).isEqualTo(1);
      Run json = onMoto("status", "--health-check-id", id, "--json");
      assertThat(json.code()).isZero();
      JsonNode node = new ObjectMapper().readTree(json.out());
      assertThat(node.path("locked").asBoolean()).isTrue();
      assertThat(node.path("resourcePath").asText()).isEqualTo(LOCKED);
      assertThat(node.path("recordedOriginal").asText()).isEqualTo("/ready");
      assertThat(node.path("type").asText()).isEqualTo("HTTPS");
    }
  }

  @Test
  void failbackWithExplicitPathWhenNothingIsRecorded() {
    try (Route53Client r53 = MOTO.route53()) {
      String id = createHttps(r53, LOCKED); // locked by hand, no tag

      Run refused = onMoto("failback", "--health-check-id", id);
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("no original ResourcePath is recorded").contains("--path");
      assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

      Run restored = onMoto("failback", "--health-check-id", id, "--path", "/health");
      assertThat(restored.code()).as(restored.err()).isZero();
      assertThat(resourcePath(r53, id)).isEqualTo("/health");
    }
  }

  @Test
  void unknownHealthCheckFailsTheRecordAndTheStatusCommand() {
    assertThatThrownBy(
            () -> function().handleRequest(event(SampleEvents.ALARM, "no-such-check"), null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining("no-such-check")
        .hasMessageContaining("does not exist");

    Run status = onMoto("status", "--health-check-id", "no-such-check");
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.err()).contains("no-such-check").contains("does not exist");
  }

  @Test
  void aGateLocksThroughAlarmHealthChecksKeepsItsChildAndFailsBack() throws Exception {
    try (Route53Client r53 = MOTO.route53()) {
      String child = MotoHealthChecks.createMetricCheck(r53, "node-1-availability");
      String gate = MotoHealthChecks.createGate(r53, 1, child);
      FailoverFunction function =
          FailoverFunction.create(
              Map.of(
                  "AWS_ENDPOINT_URL", MOTO.endpoint().toString(),
                  "ALARM_HEALTH_CHECKS", "{\"primary-health-check\":\"" + gate + "\"}",
                  "ALLOWED_HEALTH_CHECK_IDS", gate));

      FailoverReport report = function.handleRequest(SampleEvents.load(SampleEvents.ALARM), null);

      assertThat(report.locked()).isEqualTo(1);
      assertThat(report.records().get(0).healthCheckId()).isEqualTo(gate);
      assertThat(MotoHealthChecks.threshold(r53, gate)).isEqualTo(2);
      // the update carried the child list: moto would have emptied it otherwise
      assertThat(MotoHealthChecks.children(r53, gate)).containsExactly(child);
      assertThat(tags(r53, gate)).containsEntry(HealthThresholdLock.TAG, "1");

      Run status = onMoto("status", "--health-check-id", gate);
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(status.out())
          .contains("type             CALCULATED")
          .contains("HealthThreshold  2")
          .contains("child            " + child + ": ")
          .contains("locked           yes (HealthThreshold 2 > 1 child)")
          .contains("original         1 (tag " + HealthThresholdLock.TAG + ")");

      Run wrongOption = onMoto("failback", "--health-check-id", gate, "--path", "/health");
      assertThat(wrongOption.code()).isEqualTo(1);
      assertThat(wrongOption.err()).contains("--path does not apply").contains("use --threshold");

      Run failback = onMoto("failback", "--health-check-id", gate, "--json");
      assertThat(failback.code()).as(failback.err()).isZero();
      JsonNode node = new ObjectMapper().readTree(failback.out());
      assertThat(node.path("restoredValue").asText()).isEqualTo("1");
      assertThat(node.path("after").path("locked").asBoolean()).isFalse();
      assertThat(MotoHealthChecks.threshold(r53, gate)).isEqualTo(1);
      assertThat(MotoHealthChecks.children(r53, gate)).containsExactly(child);
      assertThat(tags(r53, gate))
          .doesNotContainKey(HealthThresholdLock.TAG)
          .containsKey(LastFailbackTag.KEY);

      // the same (old) ALARM delivered again after the failback: stale, the gate stays unlocked
      FailoverReport late = function.handleRequest(SampleEvents.load(SampleEvents.ALARM), null);
      assertThat(late.skippedStale()).isEqualTo(1);
      assertThat(MotoHealthChecks.threshold(r53, gate)).isEqualTo(1);
    }
  }
}
