package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.aws.AwsClients;
import io.route53failover.metrics.MetricBatcher;
import io.route53failover.metrics.MetricDatum;
import io.route53failover.metrics.MetricPublishException;
import io.route53failover.metrics.MetricPublisher;
import io.route53failover.testing.CapturedLog;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HealthCheckFunctionTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456Z");
  private static final Instant RUN_TIMESTAMP = Instant.parse("2025-03-01T12:00:00.123Z");

  private static final TcpTarget DB = new TcpTarget("db-1", "127.0.0.1", 5432, 3000, "db-1_availability");
  private static final HttpTarget WEB =
      new HttpTarget("web-1", "http", URI.create("http://127.0.0.1:8080/"), 3000, StatusRange.DEFAULT, null, null, "web-1_availability");
  private static final HttpTarget API =
      new HttpTarget("api", "https", URI.create("https://127.0.0.1:8443/"), 3000, StatusRange.DEFAULT, "pong", true, "legacy-api-metric");

  /** A runner that answers from a function of the target and records the deadline it got. */
  static final class FakeRunner implements ProbeRunner {
    final Function<List<Target>, List<ProbeResult>> answer;
    Instant deadline;

    FakeRunner(Function<List<Target>, List<ProbeResult>> answer) {
      this.answer = answer;
    }

    @Override
    public List<ProbeResult> probeAll(List<Target> targets, Instant deadline) {
      this.deadline = deadline;
      return answer.apply(targets);
    }
  }

  /** Records what it is asked to publish; answers with {@link #calls} requests made. */
  static final class CapturingPublisher implements MetricPublisher {
    final List<List<MetricDatum>> published = new ArrayList<>();
    String namespace;
    Instant timestamp;
    int storageResolution;
    RuntimeException failure;
    int calls = 1;

    @Override
    public int publish(String namespace, List<MetricDatum> data, Instant timestamp, int storageResolution) {
      this.namespace = namespace;
      this.timestamp = timestamp;
      this.storageResolution = storageResolution;
      published.add(List.copyOf(data));
      if (failure != null) {
        throw failure;
      }
      return calls;
    }
  }

  private final CapturingPublisher publisher = new CapturingPublisher();

  private static Context contextWithRemaining(int millis) {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(millis);
    return context;
  }

  private HealthCheckFunction function(ProbeRunner runner, Target... targets) {
    return new HealthCheckFunction(
        Configs.inline(
            List.of(targets), "TestNamespace", 60, HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES),
        runner,
        publisher,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static FakeRunner mixedRunner() {
    return new FakeRunner(
        targets ->
            List.of(
                ProbeResult.unhealthy("db-1", null, "refused"),
                ProbeResult.healthy("web-1", 42),
                ProbeResult.unhealthy("api", 17L, "status 503")));
  }

  @Test
  void publishesAvailabilityForEveryTargetAndLatencyOnlyForThoseThatAnswered() {
    function(mixedRunner(), DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    assertThat(publisher.published).hasSize(1);
    assertThat(publisher.published.get(0))
        .extracting(MetricDatum::metricName, MetricDatum::value, MetricDatum::unit)
        .containsExactly(
            tuple("db-1_availability", 0.0, MetricDatum.Unit.COUNT),
            tuple("web-1_availability", 1.0, MetricDatum.Unit.COUNT),
            tuple("web-1_latency", 42.0, MetricDatum.Unit.MILLISECONDS),
            tuple("legacy-api-metric", 0.0, MetricDatum.Unit.COUNT),
            tuple("api_latency", 17.0, MetricDatum.Unit.MILLISECONDS));
    assertThat(publisher.namespace).isEqualTo("TestNamespace");
    assertThat(publisher.storageResolution).isEqualTo(60);
    assertThat(publisher.timestamp).isEqualTo(RUN_TIMESTAMP);
  }

  @Test
  void reportsEveryTargetWithTotals() {
    HealthCheckReport report =
        function(mixedRunner(), DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    assertThat(report.targets())
        .extracting(
            ProbeResult::name,
            ProbeResult::healthy,
            ProbeResult::latencyMs,
            ProbeResult::reason)
        .containsExactly(
            tuple("db-1", false, null, "refused"),
            tuple("web-1", true, 42L, "ok"),
            tuple("api", false, 17L, "status 503"));
    assertThat(report.total()).isEqualTo(3);
    assertThat(report.healthy()).isEqualTo(1);
    assertThat(report.unhealthy()).isEqualTo(2);
    assertThat(report.namespace()).isEqualTo("TestNamespace");
    assertThat(report.putMetricDataCalls()).isEqualTo(1);
    assertThat(report.timestamp()).isEqualTo("2025-03-01T12:00:00.123Z");
  }

  @Test
  void probingDeadlineIsRemainingTimeMinusThePublishingReserve() {
    FakeRunner runner = mixedRunner();

    function(runner, DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    assertThat(HealthCheckFunction.publishReserve(1)).isEqualTo(Duration.ofSeconds(12));
    assertThat(runner.deadline).isEqualTo(NOW.plusSeconds(48));
  }

  @Test
  void publishingReserveGrowsWithThePutMetricDataRequestsTheRunMayNeed() {
    assertThat(HealthCheckFunction.publishReserve(0)).isEqualTo(Duration.ofSeconds(12));
    assertThat(HealthCheckFunction.publishReserve(333)).isEqualTo(Duration.ofSeconds(12));
    assertThat(HealthCheckFunction.publishReserve(334)).isEqualTo(Duration.ofSeconds(22));
    assertThat(HealthCheckFunction.publishReserve(666)).isEqualTo(Duration.ofSeconds(22));
    assertThat(HealthCheckFunction.publishReserve(TargetsParser.MAX_TARGETS)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void publishingReserveCoversTheRequestsOfTheLargestPossibleRun() {
    // The most datums with the longest names: every target answered, names at their limit.
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < TargetsParser.MAX_TARGETS; i++) {
      String name = String.format("%0" + TargetRules.MAX_NAME_LENGTH + "d", i);
      targets.add(new TcpTarget(name, "127.0.0.1", 1, 1000, name + "_availability"));
    }
    List<ProbeResult> results =
        targets.stream().map(t -> ProbeResult.healthy(t.name(), Long.MAX_VALUE)).toList();
    String namespace = "N".repeat(CloudWatchNames.MAX_LENGTH);
    int requests = MetricBatcher.batches(namespace, HealthCheckMetrics.datums(targets, results)).size();

    Duration reserve = HealthCheckFunction.publishReserve(targets.size());

    assertThat(requests).isEqualTo(2);
    assertThat(reserve)
        .isGreaterThanOrEqualTo(
            AwsClients.API_CALL_TIMEOUT.multipliedBy(requests).plus(HealthCheckFunction.PUBLISH_MARGIN));
  }

  @Test
  void manyTargetsShortenTheProbingDeadlineByTheirPublishingReserve() {
    List<Target> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(new TcpTarget("t" + i, "127.0.0.1", 1000 + i, 1000, "t" + i + "_availability"));
    }
    FakeRunner runner = new FakeRunner(targets -> List.of());

    function(runner, many.toArray(Target[]::new)).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    // 1,200 datums may need two requests: 2 x 10 s + 2 s kept back.
    assertThat(runner.deadline).isEqualTo(NOW.plusSeconds(60 - 22));
  }

  @Test
  void remainingTimeShorterThanTheReserveLeavesNoTimeToProbe() {
    FakeRunner runner = mixedRunner();

    function(runner, DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(5_000));

    assertThat(runner.deadline).isEqualTo(NOW);
    assertThat(publisher.published).hasSize(1);
  }

  @Test
  void aPublishingFailureFailsTheInvocation() {
    publisher.failure = new MetricPublishException("published 0 of 5 metric datums", new RuntimeException("down"));

    assertThatThrownBy(
            () -> function(mixedRunner(), DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000)))
        .isSameAs(publisher.failure);
    assertThat(publisher.published).hasSize(1);
  }

  @Test
  void aTargetWithoutResultIsPublishedAsUnhealthy() {
    FakeRunner forgetful = new FakeRunner(targets -> List.of(ProbeResult.healthy("web-1", 5)));

    HealthCheckReport report =
        function(forgetful, DB, WEB).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    assertThat(publisher.published.get(0))
        .extracting(MetricDatum::metricName, MetricDatum::value)
        .containsExactly(tuple("db-1_availability", 0.0), tuple("web-1_availability", 1.0), tuple("web-1_latency", 5.0));
    assertThat(report.targets().get(0).reason()).isEqualTo("no result");
    assertThat(report.unhealthy()).isEqualTo(1);
  }

  @Test
  void aFailingRunnerPublishesZeroForEveryTargetThenFails() {
    IllegalStateException bug = new IllegalStateException("runner bug");
    FakeRunner broken = new FakeRunner(targets -> { throw bug; });

    assertThatThrownBy(
            () -> function(broken, DB, WEB).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000)))
        .isSameAs(bug);
    assertThat(publisher.published.get(0))
        .extracting(MetricDatum::metricName, MetricDatum::value)
        .containsExactly(tuple("db-1_availability", 0.0), tuple("web-1_availability", 0.0));
  }

  @Test
  void manyTargetsArePublishedInOnePublishAndTheReportCarriesThePublishersCallCount() {
    List<Target> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(new TcpTarget("t" + i, "127.0.0.1", 1000 + i, 1000, "t" + i + "_availability"));
    }
    FakeRunner runner =
        new FakeRunner(targets -> targets.stream().map(t -> ProbeResult.healthy(t.name(), 1)).toList());
    publisher.calls = 7;

    HealthCheckReport report =
        function(runner, many.toArray(Target[]::new)).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    assertThat(publisher.published).hasSize(1);
    assertThat(publisher.published.get(0)).hasSize(1_200);
    assertThat(report.putMetricDataCalls()).isEqualTo(7);
    assertThat(report.healthy()).isEqualTo(600);
  }

  @Test
  void everyTargetLeavesALogLineAndTheRunASummary() {
    try (CapturedLog log = new CapturedLog(HealthCheckFunction.class)) {
      function(mixedRunner(), DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

      List<Map<String, Object>> lines = log.fields();
      assertThat(lines)
          .extracting(f -> f.get("message"), f -> f.get("target"), f -> f.get("level"))
          .containsExactly(
              tuple("target probed", "db-1", "WARN"),
              tuple("target probed", "web-1", "INFO"),
              tuple("target probed", "api", "WARN"),
              tuple("health check run finished", null, "INFO"));
      assertThat(lines.get(0))
          .containsEntry("type", "tcp")
          .containsEntry("healthy", false)
          .containsEntry("reason", "refused")
          .containsEntry("metricName", "db-1_availability");
      assertThat(lines.get(3))
          .containsEntry("targets", 3)
          .containsEntry("healthy", 1L)
          .containsEntry("unhealthy", 2L)
          .containsEntry("datums", 5)
          .containsEntry("putMetricDataCalls", 1)
          .containsEntry("durationMs", 0L); // the clock is fixed
    }
  }

  @Test
  void remainingTimeEqualToTheReserveLeavesNoTimeToProbeAndSaysSo() {
    FakeRunner runner = mixedRunner();
    int reserveMs = (int) HealthCheckFunction.publishReserve(3).toMillis();

    try (CapturedLog log = new CapturedLog(HealthCheckFunction.class)) {
      function(runner, DB, WEB, API).handleRequest(new ScheduledEvent(), contextWithRemaining(reserveMs));

      assertThat(runner.deadline).isEqualTo(NOW);
      assertThat(log.fields().getFirst())
          .containsEntry("level", "WARN")
          .containsEntry("message", "function timeout leaves no time to probe; every target will be unhealthy")
          .containsEntry("remainingMs", (long) reserveMs);
    }
  }
}
