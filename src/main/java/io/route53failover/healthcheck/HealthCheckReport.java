package io.route53failover.healthcheck;

import java.time.Instant;
import java.util.List;

/**
 * What one HealthCheckFunction run found and published; the handler's response. Serializes to
 * JSON with the Lambda runtime's serializer and with Jackson alike:
 *
 * <pre>{@code
 * {"targets":[{"name":"web-1","healthy":true,"latencyMs":12,"reason":"ok"},
 *             {"name":"db-1","healthy":false,"reason":"refused"}],
 *  "total":2,"healthy":1,"unhealthy":1,"namespace":"LambdaCustomHC",
 *  "putMetricDataCalls":1,"timestamp":"2025-01-01T00:00:00.123Z",
 *  "samples":[{"timestamp":"2025-01-01T00:00:00.123Z","healthy":1,"unhealthy":1,
 *              "unhealthyTargets":["db-1"],"putMetricDataCalls":1}]}
 * }</pre>
 *
 * <p>With {@code SAMPLE_INTERVAL_SECONDS} below 60 a run takes several samples; {@code targets},
 * {@code healthy} and {@code unhealthy} are then the last sample's, {@code putMetricDataCalls}
 * counts every sample's requests, {@code timestamp} is the first sample's, and {@code samples} has
 * one entry per sample.
 *
 * @param targets one {@link ProbeResult} per configured target, in configuration order, of the
 *     run's last sample
 * @param total number of targets
 * @param healthy number of healthy targets (published 1)
 * @param unhealthy number of unhealthy targets (published 0)
 * @param namespace the CloudWatch namespace the datums went to
 * @param putMetricDataCalls number of PutMetricData requests made
 * @param timestamp the first sample's timestamp, carried by its datums, ISO-8601 UTC
 * @param samples one entry per sample the run published, in order
 */
public record HealthCheckReport(
    List<ProbeResult> targets,
    int total,
    int healthy,
    int unhealthy,
    String namespace,
    int putMetricDataCalls,
    String timestamp,
    List<Sample> samples) {

  public HealthCheckReport {
    targets = List.copyOf(targets);
    samples = List.copyOf(samples);
  }

  /**
   * One sample of a run.
   *
   * @param timestamp the sample's timestamp, carried by its datums, ISO-8601 UTC
   * @param healthy targets published 1
   * @param unhealthy targets published 0
   * @param unhealthyTargets names of the targets published 0, in configuration order
   * @param putMetricDataCalls PutMetricData requests made for this sample
   */
  public record Sample(
      String timestamp,
      int healthy,
      int unhealthy,
      List<String> unhealthyTargets,
      int putMetricDataCalls) {

    public Sample {
      unhealthyTargets = List.copyOf(unhealthyTargets);
    }

    /** The entry for {@code results} (one per target) published at {@code timestamp}. */
    public static Sample of(List<ProbeResult> results, Instant timestamp, int putMetricDataCalls) {
      List<String> unhealthy =
          results.stream().filter(r -> !r.healthy()).map(ProbeResult::name).toList();
      return new Sample(
          timestamp.toString(),
          results.size() - unhealthy.size(),
          unhealthy.size(),
          unhealthy,
          putMetricDataCalls);
    }
  }

  /** The report for one sample's {@code results} (one per target) published with {@code putMetricDataCalls}. */
  public static HealthCheckReport of(
      List<ProbeResult> results, String namespace, int putMetricDataCalls, Instant timestamp) {
    return of(results, namespace, List.of(Sample.of(results, timestamp, putMetricDataCalls)));
  }

  /**
   * The report of a run whose last sample found {@code lastResults}, with one entry per sample.
   *
   * @throws IllegalArgumentException when {@code samples} is empty
   */
  public static HealthCheckReport of(
      List<ProbeResult> lastResults, String namespace, List<Sample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a run publishes at least one sample");
    }
    int healthy = (int) lastResults.stream().filter(ProbeResult::healthy).count();
    return new HealthCheckReport(
        lastResults,
        lastResults.size(),
        healthy,
        lastResults.size() - healthy,
        namespace,
        samples.stream().mapToInt(Sample::putMetricDataCalls).sum(),
        samples.get(0).timestamp(),
        samples);
  }
}
