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
 *  "putMetricDataCalls":1,"timestamp":"2025-01-01T00:00:00.123Z"}
 * }</pre>
 *
 * @param targets one {@link ProbeResult} per configured target, in configuration order
 * @param total number of targets
 * @param healthy number of healthy targets (published 1)
 * @param unhealthy number of unhealthy targets (published 0)
 * @param namespace the CloudWatch namespace the datums went to
 * @param putMetricDataCalls number of PutMetricData requests made
 * @param timestamp the run's timestamp, carried by every datum, ISO-8601 UTC
 */
public record HealthCheckReport(
    List<ProbeResult> targets,
    int total,
    int healthy,
    int unhealthy,
    String namespace,
    int putMetricDataCalls,
    String timestamp) {

  public HealthCheckReport {
    targets = List.copyOf(targets);
  }

  /** The report for {@code results} (one per target) published with {@code putMetricDataCalls}. */
  public static HealthCheckReport of(
      List<ProbeResult> results, String namespace, int putMetricDataCalls, Instant timestamp) {
    int healthy = (int) results.stream().filter(ProbeResult::healthy).count();
    return new HealthCheckReport(
        results,
        results.size(),
        healthy,
        results.size() - healthy,
        namespace,
        putMetricDataCalls,
        timestamp.toString());
  }
}
