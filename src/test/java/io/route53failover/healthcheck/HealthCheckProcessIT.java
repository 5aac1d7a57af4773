package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.metrics.MetricDatum;
import io.route53failover.metrics.MetricPublishException;
import io.route53failover.metrics.MetricPublisher;
import io.route53failover.testing.LoopbackTargets;
import io.route53failover.testing.MotoServer;
import io.route53failover.testing.ProcessResources;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * HealthCheckFunction as Lambda runs it: one instance, invoked again and again in the same JVM,
 * with the production probe runner against real loopback servers and the real SDK client against
 * moto_server (a separate process, so its sockets do not count as ours).
 */
class HealthCheckProcessIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static Context remaining(long millis) {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn((int) millis);
    return context;
  }

  private static HealthCheckConfig config(String targetsJson) {
    return HealthCheckConfig.fromEnvironment(
        Map.of("TARGETS", targetsJson, "METRIC_NAMESPACE", "ProcessIT-" + System.nanoTime()));
  }

  /** Publishes to moto, failing the first {@code failures} calls. */
  private static final class FailingFirst implements MetricPublisher {
    final MetricPublisher delegate;
    final AtomicInteger calls = new AtomicInteger();
    final int failures;

    FailingFirst(MetricPublisher delegate, int failures) {
      this.delegate = delegate;
      this.failures = failures;
    }

    @Override
    public int publish(String namespace, List<MetricDatum> data, Instant timestamp, int resolution) {
      if (calls.incrementAndGet() <= failures) {
        throw new MetricPublishException("CloudWatch unavailable (injected)", null);
      }
      return delegate.publish(namespace, data, timestamp, resolution);
    }
  }

  @Test
  void anInvokeAfterAFailedOneWorksNormally() throws IOException {
    try (LoopbackTargets targets = new LoopbackTargets();
        CloudWatchClient cloudWatch = MOTO.cloudWatch()) {
      FailingFirst publisher = new FailingFirst(new CloudWatchMetricPublisher(cloudWatch), 1);
      HealthCheckFunction function =
          new HealthCheckFunction(
              config(targets.targetsJson()), new ConcurrentProbeRunner(HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES), publisher, Clock.systemUTC(), Thread::sleep);

      assertThatThrownBy(() -> function.handleRequest(new ScheduledEvent(), remaining(60_000)))
          .isInstanceOf(MetricPublishException.class)
          .hasMessageContaining("injected");
      HealthCheckReport report = function.handleRequest(new ScheduledEvent(), remaining(60_000));

      assertThat(publisher.calls).hasValue(2);
      assertThat(report.putMetricDataCalls()).isEqualTo(1);
      assertThat(report.healthy()).isEqualTo(2);
      assertThat(report.unhealthy()).isEqualTo(2);
    }
  }

  @Test
  void hundredInvokesLeakNoThreadsAndNoSockets() throws IOException {
    try (LoopbackTargets targets = new LoopbackTargets();
        BlackHolePort hole = new BlackHolePort();
        CloudWatchClient cloudWatch = MOTO.cloudWatch()) {
      // the loopback targets, plus two probes the deadline always cuts short (cancelled)
      String json =
          targets.targetsJson().replaceFirst("]$", "")
              + ",{\"name\":\"tcp-hole\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":"
              + hole.port()
              + ",\"timeoutMs\":5000},{\"name\":\"http-hole\",\"type\":\"http\",\"url\":\"http://127.0.0.1:"
              + hole.port()
              + "/\",\"timeoutMs\":5000}]";
      HealthCheckFunction function =
          new HealthCheckFunction(
              config(json),
              new ConcurrentProbeRunner(HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES),
              new CloudWatchMetricPublisher(cloudWatch),
              Clock.systemUTC(), Thread::sleep);
      // 300 ms of probing per run: the publish reserve plus 300 ms
      long remainingMs = HealthCheckFunction.publishReserve(1).toMillis() + 300;
      for (int i = 0; i < 3; i++) {
        function.handleRequest(new ScheduledEvent(), remaining(remainingMs));
      }
      ProcessResources before = ProcessResources.now();

      for (int i = 0; i < 100; i++) {
        HealthCheckReport report = function.handleRequest(new ScheduledEvent(), remaining(remainingMs));
        assertThat(report.healthy()).as("run %d", i).isEqualTo(2);
        assertThat(report.unhealthy()).as("run %d", i).isEqualTo(4);
      }

      ProcessResources.assertNoLeakSince(before, "100 invokes of HealthCheckFunction");
    }
  }
}
