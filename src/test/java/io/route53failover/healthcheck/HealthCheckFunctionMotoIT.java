package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.testing.LoopbackTargets;
import io.route53failover.testing.MotoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The real handler, real probes of real loopback servers, real PutMetricData to moto_server; every
 * published value read back with GetMetricStatistics.
 */
class HealthCheckFunctionMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final Path EVENT =
      Path.of(System.getProperty("route53failover.basedir", "."), "events", "scheduled-event.json");

  private final AtomicInteger putMetricDataCalls = new AtomicInteger();
  private LoopbackTargets servers;
  private CloudWatchClient cloudWatch;
  private String namespace;

  @BeforeEach
  void start() throws Exception {
    servers = new LoopbackTargets();
    namespace = "MotoIT-" + System.nanoTime();
    ExecutionInterceptor countPuts =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutMetricDataRequest) {
              putMetricDataCalls.incrementAndGet();
            }
          }
        };
    cloudWatch =
        CloudWatchClient.builder()
            .endpointOverride(MOTO.endpoint())
            .region(MotoServer.REGION)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.addExecutionInterceptor(countPuts))
            .build();
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
    servers.close();
  }

  private HealthCheckFunction function(String targetsJson) {
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(Map.of("TARGETS", targetsJson, "METRIC_NAMESPACE", namespace));
    return new HealthCheckFunction(
        config, new ConcurrentProbeRunner(HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES), new CloudWatchMetricPublisher(cloudWatch), Clock.systemUTC(), Thread::sleep);
  }

  private static Context sixtySecondContext() {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(60_000);
    return context;
  }

  /** The single datapoint of {@code metricName} around the run, or null when none was published. */
  private Datapoint datapoint(String metricName, Instant timestamp) {
    List<Datapoint> points =
        cloudWatch
            .getMetricStatistics(
                r ->
                    r.namespace(namespace)
                        .metricName(metricName)
                        .startTime(timestamp.minus(Duration.ofMinutes(5)))
                        .endTime(timestamp.plus(Duration.ofMinutes(5)))
                        .period(60)
                        .statistics(Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT))
            .datapoints();
    assertThat(points).as(metricName).hasSizeLessThanOrEqualTo(1);
    return points.isEmpty() ? null : points.get(0);
  }

  private void assertPublished(String metricName, Instant timestamp, double value, StandardUnit unit) {
    Datapoint point = datapoint(metricName, timestamp);
    assertThat(point).as("datapoint of %s", metricName).isNotNull();
    assertThat(point.sampleCount()).as(metricName).isEqualTo(1.0);
    assertThat(point.minimum()).as(metricName).isEqualTo(value);
    assertThat(point.maximum()).as(metricName).isEqualTo(value);
    assertThat(point.unit()).as(metricName).isEqualTo(unit);
  }

  @Test
  void publishesOneAndZeroForRealLoopbackTargets() {
    ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toAbsolutePath().toString());

    HealthCheckReport report = function(servers.targetsJson()).handleRequest(event, sixtySecondContext());

    assertThat(report.targets())
        .extracting(ProbeResult::name, ProbeResult::healthy, ProbeResult::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tcp-up", true, "ok"),
            org.assertj.core.groups.Tuple.tuple("tcp-refused", false, "refused"),
            org.assertj.core.groups.Tuple.tuple("http-ok", true, "ok"),
            org.assertj.core.groups.Tuple.tuple("http-503", false, "status 503"));
    assertThat(putMetricDataCalls.get()).isEqualTo(1).isEqualTo(report.putMetricDataCalls());

    Instant timestamp = Instant.parse(report.timestamp());
    assertPublished("tcp-up_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("tcp-refused_availability", timestamp, 0.0, StandardUnit.COUNT);
    assertPublished("http-ok_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("http-503_availability", timestamp, 0.0, StandardUnit.COUNT);

    for (ProbeResult target : report.targets()) {
      Datapoint latency = datapoint(target.name() + "_latency", timestamp);
      if (target.latencyMs() == null) {
        assertThat(latency).as("no latency for %s, which never answered", target.name()).isNull();
      } else {
        assertPublished(target.name() + "_latency", timestamp, target.latencyMs(), StandardUnit.MILLISECONDS);
      }
    }
    assertThat(report.targets().get(1).latencyMs()).as("a refused connect has no latency").isNull();
    assertThat(report.targets().get(3).latencyMs()).as("the 503 answered").isNotNull();
  }

  @Test
  void manyTargetsArePublishedInTwoCalls() {
    StringBuilder targets = new StringBuilder("[");
    for (int i = 0; i < 600; i++) {
      targets.append(i == 0 ? "" : ",")
          .append("{\"name\":\"tcp-").append(i).append("\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":")
          .append(servers.tcpPort()).append(",\"timeoutMs\":5000}");
    }
    targets.append("]");

    HealthCheckReport report =
        function(targets.toString()).handleRequest(
            EventLoader.loadScheduledEvent(EVENT.toAbsolutePath().toString()), sixtySecondContext());

    assertThat(report.healthy()).isEqualTo(600);
    assertThat(report.putMetricDataCalls()).isEqualTo(2);
    assertThat(putMetricDataCalls.get()).isEqualTo(2);
    Instant timestamp = Instant.parse(report.timestamp());
    assertPublished("tcp-0_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("tcp-599_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("tcp-599_latency", timestamp, report.targets().get(599).latencyMs(), StandardUnit.MILLISECONDS);
  }
}
