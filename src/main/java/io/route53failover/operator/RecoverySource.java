package io.route53failover.operator;

import java.time.Instant;
import java.util.Map;

/**
 * Where the failback guard reads its evidence: the node alarm and its metric's per-minute {@code
 * Minimum}. The AWS adapter is {@link CloudWatchRecoverySource}; tests use hand-built data.
 */
public interface RecoverySource {

  /**
   * Reads the metric alarm {@code alarmName} (DescribeAlarms).
   *
   * @throws RecoveryEvidenceException when there is no such metric alarm, it watches no single
   *     metric, or CloudWatch fails
   */
  NodeAlarm alarm(String alarmName);

  /**
   * The {@code Minimum} of {@code metric} per one-minute period in [{@code start}, {@code end})
   * (GetMetricData, period 60), keyed by each period's start. A period without data has no key.
   *
   * @throws RecoveryEvidenceException when CloudWatch fails
   */
  Map<Instant, Double> minimumPerMinute(WatchedMetric metric, Instant start, Instant end);
}
