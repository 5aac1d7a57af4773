package io.route53failover.healthcheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.aws.AwsClients;
import io.route53failover.aws.SsmParameterReader;
import io.route53failover.events.EventBridgeEventPublisher;
import io.route53failover.events.EventPublisher;
import io.route53failover.logging.LogEvent;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.metrics.MetricBatcher;
import io.route53failover.metrics.MetricDatum;
import io.route53failover.metrics.MetricPublishException;
import io.route53failover.metrics.MetricPublisher;
import io.route53failover.snapstart.SnapStart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The scheduled health check: probes every target, publishes 1/0 (and latency) per target to
 * CloudWatch, and returns a {@link HealthCheckReport}.
 *
 * <p>Each run takes the samples its {@link SampleSchedule} plans ({@code SAMPLE_INTERVAL_SECONDS}:
 * one at 60, the default; 60 / I at I &lt; 60). Probing ends at the earlier of now plus {@link
 * Context#getRemainingTimeInMillis()} minus the publishing reserve ({@link #publishReserve(int)})
 * and {@link SampleSchedule#OVERLAP_GUARD} before the next scheduled run. Per sample: every target
 * gets an availability datum, healthy or not (a failed probe is never published as 1); targets
 * that answered also get a latency datum; the sample's datums carry the instant the sample started
 * and are published as soon as the sample is decided, in ⌈datums / 1,000⌉ requests. If publishing
 * fails after the SDK's retries, the invocation fails ({@link MetricPublishException}) at once, so
 * the failure is visible and the alarms see missing data rather than a stale value.
 *
 * <p>Logs one JSON line per target and sample ({@code sample, target, type, healthy, latencyMs,
 * reason, tries, metricName}), one line per sample when a run takes several ({@code sample,
 * timestamp, healthy, unhealthy, datums, putMetricDataCalls}), and one summary line ({@code
 * targets, healthy, unhealthy, datums, samples, sampleIntervalSeconds, putMetricDataCalls,
 * targetsVersion, durationMs}). The target list is read once per run ({@link TargetList#current()}),
 * so every sample of a run probes the same list.
 */
public final class HealthCheckFunction implements RequestHandler<ScheduledEvent, HealthCheckReport> {
  private static final Logger LOG = LogManager.getLogger(HealthCheckFunction.class);

  /** Time kept back, besides the PutMetricData calls, for building requests and logging. */
  static final Duration PUBLISH_MARGIN = Duration.ofSeconds(2);

  /**
   * Time kept back from probing for publishing the datums of {@code targets} targets: one
   * whole-call timeout ({@link AwsClients#API_CALL_TIMEOUT}) per round of PutMetricData requests,
   * plus {@link #PUBLISH_MARGIN}. A run publishes at most 3 datums per target ({@link
   * HealthCheckMetrics#MAX_DATUMS_PER_TARGET}), so it needs at most ⌈3 × targets / 1,000⌉
   * requests (at least 1; the 1 MB limit never binds first, since a datum with a 255-character name
   * takes about 0.5 KB, {@code MetricBatcher}), and {@link CloudWatchMetricPublisher} sends up to
   * {@link CloudWatchMetricPublisher#MAX_CONCURRENT_REQUESTS} of them at once. So 12 s for every
   * list up to 1,000 targets ({@link TargetsParser#MAX_TARGETS}): with the template's default 30 s
   * function timeout, probes get up to 18 s, whatever the list's size. template.yaml's {@code
   * HealthCheckTimeout} description quotes the 12 s.
   *
   * @param targets number of configured targets, 0 or more
   * @return the reserve; at least {@link AwsClients#API_CALL_TIMEOUT} plus {@link #PUBLISH_MARGIN}
   */
  public static Duration publishReserve(int targets) {
    int requests =
        Math.max(
            1,
            Math.ceilDiv(
                HealthCheckMetrics.MAX_DATUMS_PER_TARGET * targets,
                MetricBatcher.MAX_DATUMS_PER_REQUEST));
    int rounds = Math.ceilDiv(requests, CloudWatchMetricPublisher.MAX_CONCURRENT_REQUESTS);
    return AwsClients.API_CALL_TIMEOUT.multipliedBy(rounds).plus(PUBLISH_MARGIN);
  }

  /**
   * The function's timeout in seconds that template.yaml gives by default (its {@code
   * HealthCheckTimeout} parameter); the CLI's {@code invoke} uses it unless told otherwise.
   */
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  /**
   * The function's timeout in seconds that template.yaml sets when {@code SAMPLE_INTERVAL_SECONDS}
   * is below 60 ({@code bin/demo --sample-interval} passes it to {@code invoke} as {@code
   * --timeout-seconds}): probing until {@link
   * SampleSchedule#OVERLAP_GUARD} before the next scheduled run (55 s), plus the publishing reserve
   * (12 s, for any list up to 1,000 targets), plus 3 s. Only a PutMetricData call slower than the guard makes a
   * run outlast its minute.
   */
  public static final int SAMPLING_TIMEOUT_SECONDS = 70;

  private final HealthCheckConfig config;
  private final ProbeRunner runner;
  private final MetricPublisher publisher;
  private final Clock clock;
  private final Sleeper sleeper;
  private final TargetList targetList;

  /** Waits between samples; {@link Thread#sleep(Duration)} in production. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The Lambda's target sources, on the shared clients of the execution environment. */
  private static final Function<TargetsLocation, TargetsSource> SHARED_SOURCES =
      location -> TargetsSource.open(location, AwsClients::ssm, AwsClients::s3);

  /** The Lambda's CA bundle reader, on the shared SSM client of the execution environment. */
  private static final Function<String, CaBundle> SHARED_CA_BUNDLES =
      parameter -> CaBundle.read(new SsmParameterReader(AwsClients::ssm), parameter);

  /**
   * For Lambda: configuration from {@link System#getenv()}, validated once per execution
   * environment, with the target list read once from its source ({@link TargetsLocation}) and the
   * CA bundle of {@code CA_BUNDLE_PARAMETER}, when set, read once with the shared SSM client
   * ({@link CaBundle}); the production probe runner, verifying {@code caBundle} targets against
   * that bundle; the shared CloudWatch client; a {@link TargetList} that re-reads the
   * source every {@code TARGETS_REFRESH_SECONDS} and reports a rejected list on the default
   * EventBridge bus. Registers the SnapStart priming ({@link HealthCheckPriming}), which runs only
   * when SnapStart takes a snapshot.
   *
   * @throws TargetConfigException naming the variable (or source), target and field when the
   *     configuration is invalid or the list cannot be read, which fails the function's
   *     initialization
   */
  public HealthCheckFunction() {
    this(
        HealthCheckConfig.fromEnvironment(System.getenv(), SHARED_SOURCES, SHARED_CA_BUNDLES),
        SHARED_SOURCES,
        new EventBridgeEventPublisher(AwsClients::eventBridge),
        new CloudWatchMetricPublisher(AwsClients.cloudWatch()),
        System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
    SnapStart.register("HealthCheckFunction", HealthCheckPriming.task(AwsClients::cloudWatch));
  }

  private HealthCheckFunction(
      HealthCheckConfig config,
      Function<TargetsLocation, TargetsSource> sources,
      EventPublisher events,
      MetricPublisher publisher,
      String actor) {
    this(
        config,
        new ConcurrentProbeRunner(config.maxConcurrentProbes(), config.caBundle()),
        publisher,
        Clock.systemUTC(),
        Thread::sleep,
        refreshing(config, sources, events, Clock.systemUTC(), actor));
  }

  /**
   * A function on an inline list ({@code TARGETS}), which no refresh changes, waiting between
   * samples with {@code sleeper}.
   */
  HealthCheckFunction(
      HealthCheckConfig config,
      ProbeRunner runner,
      MetricPublisher publisher,
      Clock clock,
      Sleeper sleeper) {
    this(
        config,
        runner,
        publisher,
        clock,
        sleeper,
        refreshing(config, InlineTargetsSource::new, event -> {}, clock, null));
  }

  HealthCheckFunction(
      HealthCheckConfig config,
      ProbeRunner runner,
      MetricPublisher publisher,
      Clock clock,
      Sleeper sleeper,
      TargetList targetList) {
    this.config = Objects.requireNonNull(config, "config");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.targetList = Objects.requireNonNull(targetList, "targetList");
  }

  private static TargetList refreshing(
      HealthCheckConfig config,
      Function<TargetsLocation, TargetsSource> sources,
      EventPublisher events,
      Clock clock,
      String actor) {
    return new TargetList(
        sources.apply(config.targetsLocation()),
        new TargetList.Snapshot(config.targets(), config.targetsVersion()),
        config.targetsRefresh(),
        clock,
        events,
        actor,
        config.caBundle());
  }

  /**
   * For the CLI's {@code invoke}: configuration from {@code env} (which may also set {@code
   * AWS_REGION} and {@code AWS_ENDPOINT_URL} for the AWS clients), the list read from its source
   * with clients configured from {@code env}.
   *
   * @param publisherOverride publisher to use instead of CloudWatch (for {@code --dry-run}), or
   *     null for a new CloudWatch client configured from {@code env}
   * @throws TargetConfigException naming the variable, target and field when the configuration is
   *     invalid
   */
  public static HealthCheckFunction create(
      Map<String, String> env, MetricPublisher publisherOverride) {
    // one SSM and one S3 client for the start-up read, the refreshes, header parameters and the
    // CA bundle, each built only when first needed (as the Lambda path shares AwsClients')
    Supplier<SsmClient> ssm = once(() -> AwsClients.newSsmClient(env));
    Supplier<S3Client> s3 = once(() -> AwsClients.newS3Client(env));
    Function<TargetsLocation, TargetsSource> sources =
        location -> TargetsSource.open(location, ssm, s3);
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(
            env, sources, parameter -> CaBundle.read(new SsmParameterReader(ssm), parameter));
    MetricPublisher publisher =
        publisherOverride != null
            ? publisherOverride
            : new CloudWatchMetricPublisher(AwsClients.newCloudWatchClient(env));
    return new HealthCheckFunction(
        config,
        sources,
        new EventBridgeEventPublisher(() -> AwsClients.newEventBridgeClient(env)),
        publisher,
        null);
  }

  /** {@code build}'s value, built on the first {@code get()} and kept. */
  private static <T> Supplier<T> once(Supplier<T> build) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = Objects.requireNonNull(build.get());
        }
        return value;
      }
    };
  }

  @Override
  public HealthCheckReport handleRequest(ScheduledEvent event, Context context) {
    Objects.requireNonNull(context, "context");
    Instant start = clock.instant();
    TargetList.Snapshot snapshot = targetList.current();
    List<Target> targets = snapshot.targets();
    Duration reserve = publishReserve(targets.size());
    Duration remaining = Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
    SampleSchedule schedule =
        SampleSchedule.plan(
            start,
            config.sampleIntervalSeconds(),
            remaining,
            reserve,
            minWindow(targets, config.sampleIntervalSeconds()));
    warnIfShort(schedule, start, remaining, reserve);

    List<HealthCheckReport.Sample> samples = new ArrayList<>();
    List<ProbeResult> results = List.of();
    int datums = 0;
    for (int i = 0; i < schedule.slots().size(); i++) {
      Instant sampleStart = start;
      if (i > 0) {
        if (!waitUntil(schedule.slots().get(i))) {
          LOG.warn(LogEvent.of("interrupted between samples; run ends early")
              .with("samples", samples.size()));
          break;
        }
        sampleStart = clock.instant();
        if (schedule.missedSlot(i, sampleStart)) {
          LOG.warn(
              LogEvent.of("sample skipped: the one before it ran past this sample's slot")
                  .with("sample", i + 1)
                  .with("plannedStart", schedule.slots().get(i).toString())
                  .with("now", sampleStart.toString()));
          continue;
        }
      }
      Instant timestamp = sampleStart.truncatedTo(ChronoUnit.MILLIS);
      Instant deadline = schedule.deadline(sampleStart);

      RuntimeException runnerFailure = null;
      try {
        results = HealthCheckMetrics.alignedResults(targets, runner.probeAll(targets, deadline));
      } catch (RuntimeException e) {
        // A run that cannot decide publishes 0 for every target, then fails visibly.
        runnerFailure = e;
        LOG.error(LogEvent.of("probe runner failed; publishing 0 for every target"), e);
        results =
            targets.stream()
                .map(t -> ProbeResult.unhealthy(t.name(), null, "probe runner failed"))
                .toList();
      }
      for (int t = 0; t < targets.size(); t++) {
        logTarget(targets.get(t), results.get(t), i + 1);
      }

      List<MetricDatum> data = HealthCheckMetrics.datums(targets, results);
      datums += data.size();
      int calls;
      try {
        calls = publisher.publish(config.namespace(), data, timestamp, config.storageResolution());
      } catch (MetricPublishException e) {
        LOG.error(summary("health check run failed: metric data not published", results, datums, start)
            .with("samples", samples.size())
            .with("sample", i + 1)
            .with("errorMessage", e.getMessage())
            .with("targetsVersion", snapshot.version()));
        throw e;
      }
      samples.add(HealthCheckReport.Sample.of(results, timestamp, calls));
      if (schedule.samplesPerMinute() > 1) {
        logSample(i + 1, samples.get(samples.size() - 1), data.size());
      }
      if (runnerFailure != null) {
        LOG.info(summary("health check run ended by a probe runner failure", results, datums, start)
            .with("samples", samples.size())
            .with("targetsVersion", snapshot.version()));
        throw runnerFailure;
      }
    }
    HealthCheckReport report = HealthCheckReport.of(results, config.namespace(), samples);
    LOG.info(summary("health check run finished", results, datums, start)
        .with("samples", samples.size())
        .with("sampleIntervalSeconds", config.sampleIntervalSeconds())
        .with("putMetricDataCalls", report.putMetricDataCalls())
        .with("targetsVersion", snapshot.version()));
    return report;
  }

  /**
   * Least probing time a sample after the first needs: one interval, or the longest target
   * {@code timeoutMs} when that is shorter, so every target can time out on its own.
   */
  static Duration minWindow(List<Target> targets, int intervalSeconds) {
    long longest = targets.stream().mapToLong(Target::timeoutMs).max().orElse(0);
    return Duration.ofMillis(Math.min(longest, intervalSeconds * 1_000L));
  }

  /** Sleeps until {@code instant}; false when interrupted. */
  private boolean waitUntil(Instant instant) {
    Duration wait = Duration.between(clock.instant(), instant);
    if (wait.isNegative() || wait.isZero()) {
      return true;
    }
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void warnIfShort(
      SampleSchedule schedule, Instant start, Duration remaining, Duration reserve) {
    if (!schedule.probeEnd().isAfter(start)) {
      LOG.warn(
          LogEvent.of("function timeout leaves no time to probe; every target will be unhealthy")
              .with("remainingMs", remaining.toMillis())
              .with("publishReserveMs", reserve.toMillis()));
    } else if (schedule.slots().size() < schedule.samplesPerMinute()) {
      LOG.warn(
          LogEvent.of("function timeout leaves time for fewer samples than the interval asks for")
              .with("samples", schedule.slots().size())
              .with("samplesPerMinute", schedule.samplesPerMinute())
              .with("remainingMs", remaining.toMillis())
              .with("publishReserveMs", reserve.toMillis()));
    }
  }

  private static void logTarget(Target target, ProbeResult result, int sample) {
    LOG.log(
        result.healthy() ? Level.INFO : Level.WARN,
        LogEvent.of("target probed")
            .with("sample", sample)
            .with("target", target.name())
            .with("type", target.type())
            .with("healthy", result.healthy())
            .with("latencyMs", result.latencyMs())
            .with("reason", result.reason())
            .with("tries", result.tries())
            .with("answer", result.answer())
            .with("metricName", target.metricName()));
  }

  private static void logSample(int sample, HealthCheckReport.Sample published, int datums) {
    LOG.info(
        LogEvent.of("sample published")
            .with("sample", sample)
            .with("timestamp", published.timestamp())
            .with("healthy", published.healthy())
            .with("unhealthy", published.unhealthy())
            .with("datums", datums)
            .with("putMetricDataCalls", published.putMetricDataCalls()));
  }

  private LogEvent summary(String text, List<ProbeResult> results, int datums, Instant start) {
    long healthy = results.stream().filter(ProbeResult::healthy).count();
    return LogEvent.of(text)
        .with("namespace", config.namespace())
        .with("targets", results.size())
        .with("healthy", healthy)
        .with("unhealthy", results.size() - healthy)
        .with("datums", datums)
        .with("durationMs", Duration.between(start, clock.instant()).toMillis());
  }
}
