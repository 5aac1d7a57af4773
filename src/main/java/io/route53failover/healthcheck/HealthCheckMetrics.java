package io.route53failover.healthcheck;

import io.route53failover.metrics.MetricDatum;
import java.util.ArrayList;
import java.util.List;

/** Maps one run's probe results to the metric datums it publishes. */
final class HealthCheckMetrics {
  /**
   * Datums one target can add to a run: availability; latency when it answered; and, for a DNS
   * target its answer's TTL, for an HTTPS target its certificate's days left (never both).
   */
  static final int MAX_DATUMS_PER_TARGET = 3;

  private HealthCheckMetrics() {}

  /**
   * For each target, in order: its availability datum ({@link Target#metricName()}, 1 healthy or
   * 0 unhealthy, unit Count), always; then its latency datum ({@link Target#latencyMetricName()},
   * in Milliseconds) when it answered ({@code latencyMs != null}); {@code <name>_dns_ttl} (Seconds)
   * when a DNS target got an answer; {@code <name>_cert_days} (None, a fraction) when an HTTPS
   * target's TLS handshake completed.
   *
   * @param results one result per target, aligned with {@code targets}
   */
  static List<MetricDatum> datums(List<Target> targets, List<ProbeResult> results) {
    if (targets.size() != results.size()) {
      throw new IllegalArgumentException(
          "one result per target expected: " + targets.size() + " targets, " + results.size() + " results");
    }
    List<MetricDatum> data = new ArrayList<>(MAX_DATUMS_PER_TARGET * targets.size());
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      ProbeResult result = results.get(i);
      data.add(new MetricDatum(target.metricName(), result.healthy() ? 1 : 0, MetricDatum.Unit.COUNT));
      if (result.latencyMs() != null) {
        data.add(
            new MetricDatum(
                target.latencyMetricName(), result.latencyMs(), MetricDatum.Unit.MILLISECONDS));
      }
      if (result.dnsTtl() != null && target instanceof DnsTarget dns) {
        data.add(new MetricDatum(dns.ttlMetricName(), result.dnsTtl(), MetricDatum.Unit.SECONDS));
      }
      if (result.certDays() != null && target instanceof HttpTarget http) {
        data.add(
            new MetricDatum(http.certDaysMetricName(), result.certDays(), MetricDatum.Unit.NONE));
      }
    }
    return data;
  }

  /**
   * {@code results} aligned with {@code targets}: the runner's result for each target (matched by
   * name), or an unhealthy result with reason {@code no result} when the runner returned none, so
   * that no target ever goes unpublished.
   */
  static List<ProbeResult> alignedResults(List<Target> targets, List<ProbeResult> results) {
    List<ProbeResult> aligned = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      String name = targets.get(i).name();
      ProbeResult match = null;
      if (i < results.size() && results.get(i).name().equals(name)) {
        match = results.get(i);
      } else {
        match = results.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
      }
      aligned.add(match != null ? match : ProbeResult.unhealthy(name, null, "no result"));
    }
    return aligned;
  }
}
