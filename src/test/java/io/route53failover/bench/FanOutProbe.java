package io.route53failover.bench;

import io.route53failover.healthcheck.ConcurrentProbeRunner;
import io.route53failover.healthcheck.HealthCheckConfig;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.HealthCheckReport;
import io.route53failover.healthcheck.ProbeResult;
import io.route53failover.healthcheck.Target;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The probing process of the fan-out benchmark (started by {@link Bench}, one process per run).
 *
 * <ul>
 *   <li>{@code FanOutProbe invoke TARGETS_FILE}: builds HealthCheckFunction as the CLI does, with
 *       a CloudWatch client for the emulator at {@code AWS_ENDPOINT_URL} ({@link #emulatorClient}),
 *       invokes it once to warm up and once measured, each with the template's default timeout (30 s).
 *   <li>{@code FanOutProbe sequential TARGETS_FILE}: the production probers one target after
 *       another (a runner with one slot), without a deadline, like a loop over the targets; warmed
 *       up first on the targets that answer at once. Probing only, nothing published.
 * </ul>
 *
 * <p>Prints one line of {@code key=value} pairs on stdout: {@code wallMs}, {@code peakRssKb}
 * ({@code VmHWM} of this process at the end), {@code peakFds} (sampled during the measured run),
 * and for {@code invoke} the report's {@code putMetricDataCalls}, {@code datums}, {@code healthy},
 * {@code deadline} (targets cut by the deadline), {@code warmupMs} and {@code measuredStartEpochMs}
 * (so the parent counts only the measured invoke's PutMetricData requests).
 */
public final class FanOutProbe {
  private FanOutProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(HealthCheckConfig.TARGETS, Files.readString(Path.of(args[1])));
    String line =
        switch (mode) {
          case "invoke" -> invoke(env);
          case "invoke-s3" -> invoke(fromS3(env));
          case "sequential" -> sequential(env);
          default ->
              throw new IllegalArgumentException(
                  "mode: invoke, invoke-s3 or sequential, was " + mode);
        };
    System.out.println(line + " peakRssKb=" + Proc.peakRssKb());
    System.out.flush();
    System.exit(0);
  }

  /**
   * {@code env} with the list read from S3: {@code TARGETS} removed, {@code TARGETS_S3_URI} as the
   * parent set it. The parent uploads the object ({@link FanOut#uploadToS3}), so this process loads
   * no S3 classes besides the function's own client, and its peak RSS is the function's.
   */
  private static Map<String, String> fromS3(Map<String, String> env) {
    env.remove(HealthCheckConfig.TARGETS);
    if (env.get(HealthCheckConfig.TARGETS_S3_URI) == null) {
      throw new IllegalArgumentException("invoke-s3 needs TARGETS_S3_URI from the parent");
    }
    return env;
  }

  /**
   * The invoke's context: the template's default timeout, or {@code BENCH_TIMEOUT_SECONDS} when the
   * parent sets it ({@code --timeout-seconds}).
   */
  private static com.amazonaws.services.lambda.runtime.Context context(Map<String, String> env) {
    String seconds = env.get("BENCH_TIMEOUT_SECONDS");
    return seconds == null
        ? FunctionContext.of("HealthCheckFunction")
        : FunctionContext.of("HealthCheckFunction", Integer.parseInt(seconds));
  }

  private static String invoke(Map<String, String> env) throws Exception {
    HealthCheckFunction function =
        HealthCheckFunction.create(env, new CloudWatchMetricPublisher(emulatorClient(env)));
    long w0 = System.nanoTime();
    function.handleRequest(null, context(env));
    long warmupNanos = System.nanoTime() - w0;

    HealthCheckReport report;
    long nanos;
    int peakFds;
    long measuredStartEpochMs;
    try (Proc.FdSampler fds = new Proc.FdSampler()) {
      measuredStartEpochMs = System.currentTimeMillis();
      long t0 = System.nanoTime();
      report = function.handleRequest(null, context(env));
      nanos = System.nanoTime() - t0;
      peakFds = fds.peak();
    }
    long answered = report.targets().stream().filter(t -> t.latencyMs() != null).count();
    long deadline = report.targets().stream().filter(t -> "deadline".equals(t.reason())).count();
    return "wallMs=" + ms(nanos)
        + " warmupMs=" + ms(warmupNanos)
        + " putMetricDataCalls=" + report.putMetricDataCalls()
        + " datums=" + (report.total() + answered)
        + " targets=" + report.total()
        + " healthy=" + report.healthy()
        + " deadline=" + deadline
        + " peakFds=" + peakFds
        + " measuredStartEpochMs=" + measuredStartEpochMs;
  }

  private static String sequential(Map<String, String> env) throws Exception {
    List<Target> targets = HealthCheckConfig.fromEnvironment(env).targets();
    ConcurrentProbeRunner oneAtATime = new ConcurrentProbeRunner(1);
    Instant noDeadline = Instant.now().plus(1, ChronoUnit.HOURS);
    // warm up on the targets that answer at once (black-holed ones would take a timeout each)
    oneAtATime.probeAll(
        targets.stream().filter(t -> !t.name().startsWith(FanOut.BLACKHOLED_PREFIX)).toList(),
        noDeadline);
    long t0;
    long nanos;
    List<ProbeResult> results;
    int peakFds;
    try (Proc.FdSampler fds = new Proc.FdSampler()) {
      t0 = System.nanoTime();
      results = oneAtATime.probeAll(targets, noDeadline);
      nanos = System.nanoTime() - t0;
      peakFds = fds.peak();
    }
    long healthy = results.stream().filter(ProbeResult::healthy).count();
    return "wallMs=" + ms(nanos)
        + " targets=" + results.size()
        + " healthy=" + healthy
        + " peakFds=" + peakFds;
  }

  /**
   * A CloudWatch client configured as the production one ({@code AwsClients}), except for its
   * timeouts: moto_server needs seconds to take 1,000 datums, more than the production 3 s per
   * attempt, and a retried request would be counted as a second PutMetricData call.
   */
  static CloudWatchClient emulatorClient(Map<String, String> env) {
    return CloudWatchClient.builder()
        .region(Region.of(env.get("AWS_REGION")))
        .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                    .apiCallTimeout(Duration.ofSeconds(120))
                    .apiCallAttemptTimeout(Duration.ofSeconds(60)))
        .build();
  }


  private static String ms(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
