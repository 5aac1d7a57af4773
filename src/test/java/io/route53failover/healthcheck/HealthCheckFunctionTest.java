package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.aws.AwsClients;
import io.route53failover.metrics.CloudWatchMetricPublisher;
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

  private static final TcpTarget DB = new TcpTarget("db-1", "127.0.0.1", 5432, 3000, "db-1_availability", null, null);
  private static final HttpTarget WEB =
      new HttpTarget("web-1", "http", URI.create("http://127.0.0.1:8080/"), 3000, StatusRange.DEFAULT, null, null, "web-1_availability", null, null, null, null, null, null, null);
  private static final HttpTarget API =
      new HttpTarget("api", "https", URI.create("https://127.0.0.1:8443/"), 3000, StatusRange.DEFAULT, "pong", true, "legacy-api-metric", null, null, null, null, null, null, null);

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
        Clock.fixed(NOW, ZoneOffset.UTC),
        d -> {
          throw new AssertionError("one sample a run never waits");
        });
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
  void publishingReserveIsOneCallForEveryListUpToTheLargestSinceRequestsGoInParallel() {
    assertThat(HealthCheckFunction.publishReserve(0)).isEqualTo(Duration.ofSeconds(12));
    assertThat(HealthCheckFunction.publishReserve(334)).isEqualTo(Duration.ofSeconds(12));
    assertThat(HealthCheckFunction.publishReserve(TargetsParser.MAX_TARGETS)).isEqualTo(Duration.ofSeconds(12));
    // beyond 4 requests (more targets than a list may hold) a second round of calls is kept
    assertThat(HealthCheckFunction.publishReserve(1_333)).isEqualTo(Duration.ofSeconds(12));
    assertThat(HealthCheckFunction.publishReserve(1_334)).isEqualTo(Duration.ofSeconds(22));
  }

  @Test
  void publishingReserveCoversTheRequestsOfTheLargestPossibleRun() {
    // The most datums with the longest names: every target answered, names at their limit.
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < TargetsParser.MAX_TARGETS; i++) {
      String name = String.format("%0" + TargetRules.MAX_NAME_LENGTH + "d", i);
      targets.add(new TcpTarget(name, "127.0.0.1", 1, 1000, name + "_availability", null, null));
    }
    List<ProbeResult> results =
        targets.stream().map(t -> ProbeResult.healthy(t.name(), Long.MAX_VALUE)).toList();
    String namespace = "N".repeat(CloudWatchNames.MAX_LENGTH);
    int requests = MetricBatcher.batches(namespace, HealthCheckMetrics.datums(targets, results)).size();

    Duration reserve = HealthCheckFunction.publishReserve(targets.size());

    assertThat(requests).isEqualTo(2);
    int rounds = Math.ceilDiv(requests, CloudWatchMetricPublisher.MAX_CONCURRENT_REQUESTS);
    assertThat(reserve)
        .isGreaterThanOrEqualTo(
            AwsClients.API_CALL_TIMEOUT.multipliedBy(rounds).plus(HealthCheckFunction.PUBLISH_MARGIN));
  }

  @Test
  void manyTargetsKeepTheSameProbingDeadline() {
    List<Target> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(new TcpTarget("t" + i, "127.0.0.1", 1000 + i, 1000, "t" + i + "_availability", null, null));
    }
    FakeRunner runner = new FakeRunner(targets -> List.of());

    function(runner, many.toArray(Target[]::new)).handleRequest(new ScheduledEvent(), contextWithRemaining(60_000));

    // 1,200 datums may need two requests, sent in parallel: 10 s + 2 s kept back.
    assertThat(runner.deadline).isEqualTo(NOW.plusSeconds(60 - 12));
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
      many.add(new TcpTarget("t" + i, "127.0.0.1", 1000 + i, 1000, "t" + i + "_availability", null, null));
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

  // ------------------------------------------------------------------ several samples a run

  /** A clock that only moves when the function sleeps, or when a probe "takes time". */
  static final class SteppingClock extends Clock {
    Instant now;
    final List<Duration> sleeps = new ArrayList<>();

    SteppingClock(Instant now) {
      this.now = now;
    }

    void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private HealthCheckFunction sampling(
      int interval, SteppingClock clock, ProbeRunner runner, Target... targets) {
    return new HealthCheckFunction(
        Configs.inline(
            List.of(targets), "TestNamespace", 60, HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES, interval),
        runner,
        publisher,
        clock,
        clock::sleep);
  }

  /** Records each sample's deadline and the clock at the time it was asked. */
  static final class RecordingRunner implements ProbeRunner {
    final SteppingClock clock;
    final Function<Integer, List<ProbeResult>> answer;
    final List<Instant> starts = new ArrayList<>();
    final List<Instant> deadlines = new ArrayList<>();
    Duration probeTime = Duration.ofMillis(40);

    RecordingRunner(SteppingClock clock, Function<Integer, List<ProbeResult>> answer) {
      this.clock = clock;
      this.answer = answer;
    }

    @Override
    public List<ProbeResult> probeAll(List<Target> targets, Instant deadline) {
      starts.add(clock.instant());
      deadlines.add(deadline);
      clock.now = clock.now.plus(probeTime);
      return answer.apply(starts.size());
    }
  }

  private final List<Instant> timestamps = new ArrayList<>();

  private static final Instant MINUTE = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void at15ARunPublishesFourSamplesEachWithItsOwnTimestampAsSoonAsItIsDecided() {
    SteppingClock clock = new SteppingClock(MINUTE.plusMillis(700));
    // db-1 dies before the third sample
    RecordingRunner runner =
        new RecordingRunner(
            clock,
            sample ->
                List.of(
                    sample < 3
                        ? ProbeResult.healthy("db-1", 5)
                        : ProbeResult.unhealthy("db-1", null, "refused"),
                    ProbeResult.healthy("web-1", 7)));
    List<List<MetricDatum>> published = new ArrayList<>();
    MetricPublisher stamps =
        (ns, data, timestamp, resolution) -> {
          // published as soon as the sample is decided: right after its probes
          assertThat(clock.instant()).isEqualTo(runner.starts.getLast().plus(runner.probeTime));
          timestamps.add(timestamp);
          published.add(data);
          return 1;
        };

    HealthCheckReport report =
        new HealthCheckFunction(
                Configs.inline(List.of(DB, WEB), "TestNamespace", 60, 256, 15),
                runner,
                stamps,
                clock,
                clock::sleep)
            .handleRequest(new ScheduledEvent(), contextWithRemaining(70_000));

    // one interval apart: each later sample at the start's own offset in its slot
    assertThat(runner.starts)
        .containsExactly(
            MINUTE.plusMillis(700), MINUTE.plusMillis(15_700), MINUTE.plusMillis(30_700),
            MINUTE.plusMillis(45_700));
    assertThat(timestamps).containsExactlyElementsOf(runner.starts);
    assertThat(runner.deadlines)
        .containsExactly(
            MINUTE.plusMillis(15_700), MINUTE.plusMillis(30_700), MINUTE.plusMillis(45_700),
            MINUTE.plusMillis(55_700));
    assertThat(published)
        .extracting(data -> data.get(0).value())
        .containsExactly(1.0, 1.0, 0.0, 0.0);
    assertThat(report.samples())
        .extracting(HealthCheckReport.Sample::timestamp, HealthCheckReport.Sample::unhealthyTargets)
        .containsExactly(
            tuple("2025-03-01T12:00:00.700Z", List.of()),
            tuple("2025-03-01T12:00:15.700Z", List.of()),
            tuple("2025-03-01T12:00:30.700Z", List.of("db-1")),
            tuple("2025-03-01T12:00:45.700Z", List.of("db-1")));
    assertThat(report.putMetricDataCalls()).isEqualTo(4);
    assertThat(report.timestamp()).isEqualTo("2025-03-01T12:00:00.700Z");
    assertThat(report.unhealthy()).isEqualTo(1);
  }

  @Test
  void everyLogLineOfASamplingRunNamesItsSampleAndAFailedPublishNamesTheSampleItStoppedAt() {
    SteppingClock clock = new SteppingClock(MINUTE.plusMillis(700));
    RecordingRunner runner =
        new RecordingRunner(clock, sample -> List.of(ProbeResult.healthy("db-1", 5)));
    int[] published = {0};
    MetricPublisher failsOnTheThird =
        (ns, data, timestamp, resolution) -> {
          if (++published[0] == 3) {
            throw new MetricPublishException("published 0 of 2 metric datums", new RuntimeException("down"));
          }
          return 1;
        };
    HealthCheckFunction function =
        new HealthCheckFunction(
            Configs.inline(List.of(DB), "TestNamespace", 60, 256, 15), runner, failsOnTheThird, clock,
            clock::sleep);

    try (CapturedLog log = new CapturedLog(HealthCheckFunction.class)) {
      assertThatThrownBy(() -> function.handleRequest(new ScheduledEvent(), contextWithRemaining(70_000)))
          .isInstanceOf(MetricPublishException.class);

      List<Map<String, Object>> lines = log.fields();
      assertThat(lines)
          .filteredOn(f -> "sample published".equals(f.get("message")))
          .extracting(f -> f.get("sample"), f -> f.get("datums"))
          .containsExactly(tuple(1, 2), tuple(2, 2));
      assertThat(lines)
          .filteredOn(f -> "db-1".equals(f.get("target")))
          .extracting(f -> f.get("sample"))
          .containsExactly(1, 2, 3);
      assertThat(lines)
          .filteredOn(f -> "ERROR".equals(f.get("level")))
          .singleElement()
          .satisfies(
              f -> assertThat(f).containsEntry("sample", 3).containsEntry("samples", 2).containsEntry("datums", 6));
    }
  }

  @Test
  void aSampleWhoseSlotHasEndedBeforeItCanStartIsSkippedSoNoSlotHoldsTwo() {
    SteppingClock clock = new SteppingClock(MINUTE.plusMillis(700));
    RecordingRunner runner =
        new RecordingRunner(clock, sample -> List.of(ProbeResult.healthy("db-1", 5)));
    runner.probeTime = Duration.ofSeconds(30);
    // the first sample overruns into the third slot (12:00:30 to 12:00:45)
    ProbeRunner slowFirst =
        (targets, deadline) -> {
          List<ProbeResult> results = runner.probeAll(targets, deadline);
          runner.probeTime = Duration.ofMillis(40);
          return results;
        };

    HealthCheckReport report;
    try (CapturedLog log = new CapturedLog(HealthCheckFunction.class)) {
      report =
          sampling(15, clock, slowFirst, DB)
              .handleRequest(new ScheduledEvent(), contextWithRemaining(70_000));
      assertThat(log.fields())
          .filteredOn(f -> "sample skipped: the one before it ran past this sample's slot".equals(f.get("message")))
          .singleElement()
          .satisfies(f -> assertThat(f).containsEntry("sample", 2).containsEntry("level", "WARN"));
    }

    assertThat(runner.starts)
        .containsExactly(MINUTE.plusMillis(700), MINUTE.plusMillis(30_700), MINUTE.plusMillis(45_700));
    assertThat(report.samples())
        .extracting(HealthCheckReport.Sample::timestamp)
        .containsExactly("2025-03-01T12:00:00.700Z", "2025-03-01T12:00:30.700Z", "2025-03-01T12:00:45.700Z");
    assertThat(publisher.published).hasSize(3);
  }

  @Test
  void aSampleThatStartsAfterTheProbeEndPublishesZeroWithReasonDeadline() {
    SteppingClock clock = new SteppingClock(MINUTE.plusSeconds(1));
    RecordingRunner runner =
        new RecordingRunner(clock, sample -> List.of(ProbeResult.healthy("db-1", 5)));
    // the first sample's probes hang until its deadline, and so on
    ProbeRunner hanging =
        (targets, deadline) -> {
          runner.probeAll(targets, deadline);
          clock.now = deadline.plusSeconds(20);
          return new ConcurrentProbeRunner((t, timeout) -> ProbeResult.healthy(t.name(), 1), 1, clock)
              .probeAll(targets, deadline);
        };

    HealthCheckReport report =
        sampling(30, clock, hanging, DB).handleRequest(new ScheduledEvent(), contextWithRemaining(70_000));

    assertThat(report.samples()).hasSize(2);
    assertThat(report.targets()).extracting(ProbeResult::reason).containsExactly("deadline");
    assertThat(publisher.published).extracting(d -> d.get(0).value()).containsExactly(0.0, 0.0);
  }

  @Test
  void aPublishingFailureEndsTheRunAtOnce() {
    SteppingClock clock = new SteppingClock(MINUTE);
    RecordingRunner runner =
        new RecordingRunner(clock, sample -> List.of(ProbeResult.healthy("db-1", 5)));
    publisher.failure = new MetricPublishException("injected", null);

    assertThatThrownBy(
            () ->
                sampling(10, clock, runner, DB)
                    .handleRequest(new ScheduledEvent(), contextWithRemaining(70_000)))
        .isSameAs(publisher.failure);
    assertThat(runner.starts).hasSize(1);
  }

  @Test
  void aShortFunctionTimeoutTakesFewerSamplesAndSaysSo() {
    SteppingClock clock = new SteppingClock(MINUTE.plusMillis(200));
    RecordingRunner runner =
        new RecordingRunner(clock, sample -> List.of(ProbeResult.healthy("db-1", 5)));

    try (CapturedLog log = new CapturedLog(HealthCheckFunction.class)) {
      HealthCheckReport report =
          sampling(10, clock, runner, DB).handleRequest(new ScheduledEvent(), contextWithRemaining(30_000));

      // probing ends 18.2 s in: samples at 0.2 and 10 s (20 s would not fit)
      assertThat(report.samples()).hasSize(2);
      assertThat(runner.deadlines.getLast()).isEqualTo(MINUTE.plusMillis(18_200));
      assertThat(log.fields().getFirst())
          .containsEntry("level", "WARN")
          .containsEntry("samples", 2)
          .containsEntry("samplesPerMinute", 6);
      assertThat(log.fields().getLast())
          .containsEntry("message", "health check run finished")
          .containsEntry("samples", 2)
          .containsEntry("putMetricDataCalls", 2);
    }
  }

  @Test
  void interruptedBetweenSamplesTheRunEndsWithWhatItPublished() {
    SteppingClock clock = new SteppingClock(MINUTE);
    RecordingRunner runner =
        new RecordingRunner(clock, sample -> List.of(ProbeResult.healthy("db-1", 5)));
    HealthCheckFunction function =
        new HealthCheckFunction(
            Configs.inline(List.of(DB), "TestNamespace", 60, 256, 20),
            runner,
            publisher,
            clock,
            d -> {
              throw new InterruptedException();
            });

    HealthCheckReport report = function.handleRequest(new ScheduledEvent(), contextWithRemaining(70_000));

    assertThat(report.samples()).hasSize(1);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void minimumWindowIsTheLongestTimeoutButAtMostOneInterval() {
    assertThat(HealthCheckFunction.minWindow(List.of(DB, WEB), 15)).isEqualTo(Duration.ofSeconds(3));
    TcpTarget slow = new TcpTarget("slow", "127.0.0.1", 1, 40_000, null, null, null);
    assertThat(HealthCheckFunction.minWindow(List.of(DB, slow), 15)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void everySampleOfARunProbesTheListReadAtItsStartAndTheNextRunSeesARefresh() {
    SteppingClock clock = new SteppingClock(MINUTE.plusMillis(700));
    List<String> reads = new ArrayList<>();
    TargetsSource source =
        new TargetsSource() {
          @Override
          public TargetsLocation location() {
            return new TargetsLocation(TargetsLocation.Kind.INLINE, "[]");
          }

          @Override
          public java.util.Optional<TargetsDocument> read(String knownVersion) {
            reads.add(knownVersion);
            return java.util.Optional.of(
                new TargetsDocument(
                    "[{\"name\":\"web-1\",\"type\":\"http\",\"url\":\"http://127.0.0.1:8080/\"}]",
                    "v2"));
          }
        };
    // refreshed every second: a run that re-read the list per sample would see v2 at its second
    TargetList list =
        new TargetList(
            source, new TargetList.Snapshot(List.of(DB), "v1"), Duration.ofSeconds(1), clock, e -> {},
            null, CaBundle.NONE);
    List<List<String>> probed = new ArrayList<>();
    ProbeRunner runner =
        (targets, deadline) -> {
          probed.add(targets.stream().map(Target::name).toList());
          clock.now = clock.now.plusMillis(40);
          return targets.stream().map(t -> ProbeResult.healthy(t.name(), 5)).toList();
        };
    HealthCheckFunction function =
        new HealthCheckFunction(
            Configs.inline(List.of(DB), "TestNamespace", 60, 256, 15),
            runner,
            publisher,
            clock,
            clock::sleep,
            list);

    HealthCheckReport first = function.handleRequest(new ScheduledEvent(), contextWithRemaining(70_000));
    clock.now = MINUTE.plusSeconds(60).plusMillis(700);
    HealthCheckReport second = function.handleRequest(new ScheduledEvent(), contextWithRemaining(70_000));

    assertThat(first.samples()).hasSize(4);
    assertThat(second.samples()).hasSize(4);
    assertThat(probed.subList(0, 4)).containsOnly(List.of("db-1"));
    assertThat(probed.subList(4, 8)).containsOnly(List.of("web-1"));
    assertThat(reads).containsExactly("v1");
    assertThat(second.targets()).extracting(ProbeResult::name).containsExactly("web-1");
  }
}
