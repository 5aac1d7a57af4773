package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.testing.InMemoryHealthCheckStore;
import io.route53failover.testing.MotoServer;
import io.route53failover.testing.ProcessResources;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * FailoverFunction as Lambda runs it: one instance invoked again and again in the same JVM; for
 * the leak check with the real SDK client against moto_server (a separate process).
 */
class FailoverProcessIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private static SNSEvent alarm(String healthCheckId) {
    return SampleEvents.withHealthCheckId(SampleEvents.load(SampleEvents.ALARM), healthCheckId);
  }

  @Test
  void anInvokeAfterAFailedRecordWorksNormally() {
    InMemoryHealthCheckStore checks = new InMemoryHealthCheckStore().add("hc-1", "HTTPS", "/health");
    AtomicBoolean failNextRead = new AtomicBoolean(true);
    HealthCheckStore flaky =
        new HealthCheckStore() {
          @Override
          public HealthCheckState get(String id) {
            if (failNextRead.getAndSet(false)) {
              throw Route53Exception.builder().message("Rate exceeded").statusCode(400).build();
            }
            return checks.get(id);
          }

          @Override
          public Map<String, String> tags(String id) {
            return checks.tags(id);
          }

          @Override
          public long updateResourcePath(String id, String path, long expectedVersion) {
            return checks.updateResourcePath(id, path, expectedVersion);
          }

          @Override
          public long updateHealthThreshold(
              String id, int threshold, java.util.List<String> children, long expectedVersion) {
            return checks.updateHealthThreshold(id, threshold, children, expectedVersion);
          }

          @Override
          public java.util.Optional<String> lastReportedStatus(String id) {
            return checks.lastReportedStatus(id);
          }

          @Override
          public void putTag(String id, String key, String value) {
            checks.putTag(id, key, value);
          }

          @Override
          public void removeTag(String id, String key) {
            checks.removeTag(id, key);
          }
        };
    FailoverFunction function = new FailoverFunction(FailoverConfig.fromEnvironment(Map.of()), flaky);

    assertThatThrownBy(() -> function.handleRequest(alarm("hc-1"), null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining("Rate exceeded");
    assertThat(checks.get("hc-1").resourcePath()).isEqualTo("/health");
    // Lambda's retry of the same event, in the same execution environment
    FailoverReport retry = function.handleRequest(alarm("hc-1"), null);

    assertThat(retry.locked()).isEqualTo(1);
    assertThat(checks.get("hc-1").resourcePath()).isEqualTo(LOCKED);
    assertThat(checks.tags("hc-1")).containsEntry(OriginalPathTag.KEY, "/health");
  }

  @Test
  void hundredInvokesLeakNoThreadsAndNoSockets() {
    try (Route53Client r53 = MOTO.route53()) {
      String id = MotoHealthChecks.createHttps(r53, "/health");
      FailoverFunction function =
          FailoverFunction.create(Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString()));
      assertThat(function.handleRequest(alarm(id), null).locked()).isEqualTo(1);
      for (int i = 0; i < 2; i++) {
        function.handleRequest(alarm(id), null);
      }
      ProcessResources before = ProcessResources.now();

      for (int i = 0; i < 100; i++) {
        FailoverReport report = function.handleRequest(alarm(id), null);
        assertThat(report.alreadyLocked()).as("invoke %d", i).isEqualTo(1);
      }

      ProcessResources.assertNoLeakSince(before, "100 invokes of FailoverFunction");
      assertThat(MotoHealthChecks.resourcePath(r53, id)).isEqualTo(LOCKED);
    }
  }
}
