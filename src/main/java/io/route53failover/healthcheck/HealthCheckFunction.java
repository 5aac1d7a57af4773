package io.route53failover.healthcheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.aws.AwsClients;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The scheduled health check: probes every target, publishes 1/0 (and latency) per target to
 * CloudWatch, and returns a {@link HealthCheckReport}.
 *
 * <p>Each run: the probing deadline is now plus {@link Context#getRemainingTimeInMillis()} minus
 * the publishing reserve ({@link #publishReserve(int)}); every target gets an availability datum,
 * healthy or not; targets that answered also get a latency datum; all datums carry the run's
 * timestamp. If publishing fails after the SDK's retries, the invocation fails ({@link
 * MetricPublishException}), so the failure is visible and the alarms see missing data rather than
 * a stale value.
 *
 * <p>Logs one JSON line per target ({@code target, type, healthy, latencyMs, reason, metricName})
 * and one summary line ({@code targets, healthy, unhealthy, datums, putMetricDataCalls,
 * durationMs}).
 */
public final class HealthCheckFunction implements RequestHandler<ScheduledEvent, HealthCheckReport> {
  private static final Logger LOG = LogManager.getLogger(HealthCheckFunction.class);

  /** Time kept back, besides the PutMetricData calls, for building requests and logging. */
  static final Duration PUBLISH_MARGIN = Duration.ofSeconds(2);

  /**
   * Time kept back from probing for publishing the datums of {@code targets} targets: one
   * whole-call timeout ({@link AwsClients#API_CALL_TIMEOUT}) per PutMetricData request the run may
   * need, since the requests are sent one after another, plus {@link #PUBLISH_MARGIN}. A run
   * publishes at most 3 datums per target ({@link HealthCheckMetrics#MAX_DATUMS_PER_TARGET}), so
   * it needs at most ⌈3 × targets / 1,000⌉ requests
   * (at least 1); the 1 MB limit never binds first, since a datum with a 255-character name takes
   * about 0.5 KB ({@code MetricBatcher}). For example 12 s for up to 333 targets, which includes
   * every deployed configuration (Lambda's 4 KB of environment variables hold fewer than 100
   * targets in {@code TARGETS}), so that with a 60 s function timeout probes get up to 48 s; 32 s
   * for 1,000. template.yaml's {@code HealthCheckTimeout} description quotes the 12 s.
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
    return AwsClients.API_CALL_TIMEOUT.multipliedBy(requests).plus(PUBLISH_MARGIN);
  }

  /**
   * The function's timeout in seconds that template.yaml gives by default (its {@code
   * HealthCheckTimeout} parameter); the CLI's {@code invoke} uses it unless told otherwise.
   */
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  private final HealthCheckConfig config;
  private final ProbeRunner runner;
  private final MetricPublisher publisher;
  private final Clock clock;
  private final TargetList targetList;

  /** The Lambda's target sources, on the shared clients of the execution environment. */
  private static final Function<TargetsLocation, TargetsSource> SHARED_SOURCES =
      location -> TargetsSource.open(location, AwsClients::ssm, AwsClients::s3);

  /**
   * For Lambda: configuration from {@link System#getenv()}, validated once per execution
   * environment, with the target list read once from its source ({@link TargetsLocation}); the
   * production probe runner; the shared CloudWatch client; a {@link TargetList} that re-reads the
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
        HealthCheckConfig.fromEnvironment(System.getenv(), SHARED_SOURCES),
        SHARED_SOURCES,
        event -> new EventBridgeEventPublisher(AwsClients.eventBridge()).publish(event),
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
        new ConcurrentProbeRunner(config.maxConcurrentProbes()),
        publisher,
        Clock.systemUTC(),
        refreshing(config, sources, events, Clock.systemUTC(), actor));
  }

  /** A function on an inline list ({@code TARGETS}), which no refresh changes. */
  HealthCheckFunction(
      HealthCheckConfig config, ProbeRunner runner, MetricPublisher publisher, Clock clock) {
    this(
        config,
        runner,
        publisher,
        clock,
        refreshing(config, InlineTargetsSource::new, event -> {}, clock, null));
  }

  HealthCheckFunction(
      HealthCheckConfig config,
      ProbeRunner runner,
      MetricPublisher publisher,
      Clock clock,
      TargetList targetList) {
    this.config = Objects.requireNonNull(config, "config");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
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
        actor);
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
    Function<TargetsLocation, TargetsSource> sources =
        location ->
            TargetsSource.open(
                location, () -> AwsClients.newSsmClient(env), () -> AwsClients.newS3Client(env));
    HealthCheckConfig config = HealthCheckConfig.fromEnvironment(env, sources);
    MetricPublisher publisher =
        publisherOverride != null
            ? publisherOverride
            : new CloudWatchMetricPublisher(AwsClients.newCloudWatchClient(env));
    return new HealthCheckFunction(
        config,
        sources,
        event -> new EventBridgeEventPublisher(AwsClients.newEventBridgeClient(env)).publish(event),
        publisher,
        null);
  }

  @Override
  public HealthCheckReport handleRequest(ScheduledEvent event, Context context) {
    Objects.requireNonNull(context, "context");
    Instant start = clock.instant();
    Instant timestamp = start.truncatedTo(ChronoUnit.MILLIS);
    TargetList.Snapshot snapshot = targetList.current();
    List<Target> targets = snapshot.targets();
    Instant deadline = deadline(start, context, publishReserve(targets.size()));

    List<ProbeResult> results;
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
    for (int i = 0; i < targets.size(); i++) {
      logTarget(targets.get(i), results.get(i));
    }

    List<MetricDatum> data = HealthCheckMetrics.datums(targets, results);
    HealthCheckReport report;
    try {
      int calls =
          publisher.publish(config.namespace(), data, timestamp, config.storageResolution());
      report = HealthCheckReport.of(results, config.namespace(), calls, timestamp);
    } catch (MetricPublishException e) {
      LOG.error(summary("health check run failed: metric data not published", results, data, start)
          .with("errorMessage", e.getMessage())
          .with("targetsVersion", snapshot.version()));
      throw e;
    }
    LOG.info(summary("health check run finished", results, data, start)
        .with("putMetricDataCalls", report.putMetricDataCalls())
        .with("targetsVersion", snapshot.version()));
    if (runnerFailure != null) {
      throw runnerFailure;
    }
    return report;
  }

  /** Probing deadline: {@code now} plus the invocation's remaining time minus {@code reserve}. */
  static Instant deadline(Instant now, Context context, Duration reserve) {
    Duration remaining = Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
    if (remaining.compareTo(reserve) <= 0) {
      LOG.warn(
          LogEvent.of("function timeout leaves no time to probe; every target will be unhealthy")
              .with("remainingMs", remaining.toMillis())
              .with("publishReserveMs", reserve.toMillis()));
      return now;
    }
    return now.plus(remaining).minus(reserve);
  }

  private static void logTarget(Target target, ProbeResult result) {
    LOG.log(
        result.healthy() ? Level.INFO : Level.WARN,
        LogEvent.of("target probed")
            .with("target", target.name())
            .with("type", target.type())
            .with("healthy", result.healthy())
            .with("latencyMs", result.latencyMs())
            .with("reason", result.reason())
            .with("answer", result.answer())
            .with("metricName", target.metricName()));
  }

  private LogEvent summary(
      String text, List<ProbeResult> results, List<MetricDatum> data, Instant start) {
    long healthy = results.stream().filter(ProbeResult::healthy).count();
    return LogEvent.of(text)
        .with("namespace", config.namespace())
        .with("targets", results.size())
        .with("healthy", healthy)
        .with("unhealthy", results.size() - healthy)
        .with("datums", data.size())
        .with("durationMs", Duration.between(start, clock.instant()).toMillis());
  }
}
