package io.route53failover.operator;

import io.route53failover.aws.AwsErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * {@link RecoverySource} on the CloudWatch API.
 *
 * <ul>
 *   <li>{@link #alarm}: DescribeAlarms with {@code AlarmNames} and {@code AlarmTypes
 *       MetricAlarm}. The metric is the alarm's {@code Namespace}/{@code MetricName}/{@code
 *       Dimensions}; for a metric-math alarm, the {@code MetricStat.Metric} of its {@code
 *       Metrics[]} entry with {@code ReturnData} true, or else of its only entry with a {@code
 *       MetricStat} (an alarm on {@code FILL(m1, 0)}, say). An alarm on several metrics names none
 *       the guard could check, and is refused.
 *   <li>{@link #minimumPerMinute}: GetMetricData, one query with {@code MetricStat} (the metric,
 *       {@code Period} 60, {@code Stat Minimum}), following {@code NextToken}.
 * </ul>
 *
 * SDK errors become {@link RecoveryEvidenceException}s naming the call, e.g. {@code CloudWatch
 * DescribeAlarms AccessDenied (HTTP 403): …}. The client is the caller's; it is not closed here.
 */
public final class CloudWatchRecoverySource implements RecoverySource {
  private static final String QUERY_ID = "availability";

  private final CloudWatchClient cloudWatch;

  /**
   * @param cloudWatch a client in the alarm's region
   */
  public CloudWatchRecoverySource(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public NodeAlarm alarm(String alarmName) {
    DescribeAlarmsResponse response;
    try {
      response =
          cloudWatch.describeAlarms(
              r -> r.alarmNames(alarmName).alarmTypesWithStrings("MetricAlarm"));
    } catch (SdkException e) {
      throw failure("DescribeAlarms", e);
    }
    MetricAlarm alarm =
        response.metricAlarms().stream()
            .filter(a -> alarmName.equals(a.alarmName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new RecoveryEvidenceException(
                        "no CloudWatch metric alarm named \""
                            + alarmName
                            + "\" in this region (DescribeAlarms); give the node's availability"
                            + " alarm with --alarm-name"));
    return new NodeAlarm(alarm.alarmName(), alarm.stateValueAsString(), metric(alarm));
  }

  /** The metric {@code alarm} watches (see the class comment). */
  static WatchedMetric metric(MetricAlarm alarm) {
    if (alarm.metricName() != null) {
      return new WatchedMetric(alarm.namespace(), alarm.metricName(), map(alarm.dimensions()));
    }
    List<MetricDataQuery> stats = new ArrayList<>();
    MetricDataQuery returned = null;
    for (MetricDataQuery q : alarm.metrics()) {
      if (q.metricStat() != null && q.metricStat().metric() != null) {
        stats.add(q);
        if (Boolean.TRUE.equals(q.returnData())) {
          returned = q;
        }
      }
    }
    MetricDataQuery chosen = returned != null ? returned : stats.size() == 1 ? stats.get(0) : null;
    if (chosen == null) {
      throw new RecoveryEvidenceException(
          "alarm \""
              + alarm.alarmName()
              + "\" evaluates an expression over "
              + stats.size()
              + " metrics, so it names no single availability metric for the failback guard;"
              + " use the node's own availability alarm (Minimum of <node>_availability)");
    }
    var m = chosen.metricStat().metric();
    return new WatchedMetric(m.namespace(), m.metricName(), map(m.dimensions()));
  }

  @Override
  public Map<Instant, Double> minimumPerMinute(WatchedMetric metric, Instant start, Instant end) {
    List<Dimension> dimensions = new ArrayList<>();
    metric
        .dimensions()
        .forEach((name, value) -> dimensions.add(Dimension.builder().name(name).value(value).build()));
    MetricDataQuery query =
        MetricDataQuery.builder()
            .id(QUERY_ID)
            .returnData(true)
            .metricStat(
                s ->
                    s.metric(
                            x ->
                                x.namespace(metric.namespace())
                                    .metricName(metric.metricName())
                                    .dimensions(dimensions))
                        .period((int) RecoveryWindow.PERIOD.toSeconds())
                        .stat("Minimum"))
            .build();
    Map<Instant, Double> minimums = new HashMap<>();
    String token = null;
    do {
      GetMetricDataRequest request =
          GetMetricDataRequest.builder()
              .metricDataQueries(query)
              .startTime(start)
              .endTime(end)
              .scanBy(ScanBy.TIMESTAMP_ASCENDING)
              .nextToken(token)
              .build();
      GetMetricDataResponse response;
      try {
        response = cloudWatch.getMetricData(request);
      } catch (SdkException e) {
        throw failure("GetMetricData", e);
      }
      for (MetricDataResult result : response.metricDataResults()) {
        if (!QUERY_ID.equals(result.id())) {
          continue;
        }
        List<Instant> times = result.timestamps();
        List<Double> values = result.values();
        for (int i = 0; i < Math.min(times.size(), values.size()); i++) {
          minimums.merge(times.get(i), values.get(i), Math::min);
        }
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return minimums;
  }

  private static Map<String, String> map(List<Dimension> dimensions) {
    Map<String, String> map = new LinkedHashMap<>();
    dimensions.forEach(d -> map.put(d.name(), d.value()));
    return map;
  }

  private static RecoveryEvidenceException failure(String operation, SdkException e) {
    return new RecoveryEvidenceException(
        AwsErrors.describe(AwsErrors.CLOUDWATCH + " " + operation, e), e);
  }
}
