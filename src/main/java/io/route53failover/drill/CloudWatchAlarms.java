package io.route53failover.drill;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * {@link Alarms} on the CloudWatch API: DescribeAlarms and SetAlarmState. SDK errors become {@link
 * AlarmsException}s naming the operation, e.g. {@code CloudWatch SetAlarmState: AccessDenied (HTTP
 * 403): …}. {@link #close()} closes the client.
 */
public final class CloudWatchAlarms implements Alarms {
  private final CloudWatchClient cloudWatch;

  /**
   * @param cloudWatch a CloudWatch client in the alarm's region; {@link #close()} closes it
   */
  public CloudWatchAlarms(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public Optional<AlarmState> describe(String alarmName) {
    try {
      return cloudWatch.describeAlarms(r -> r.alarmNames(alarmName)).metricAlarms().stream()
          .filter(a -> alarmName.equals(a.alarmName()))
          .findFirst()
          .map(CloudWatchAlarms::state);
    } catch (SdkException e) {
      throw failure("DescribeAlarms", e);
    }
  }

  @Override
  public void setState(String alarmName, String stateValue, String reason, String reasonDataJson) {
    try {
      cloudWatch.setAlarmState(
          r ->
              r.alarmName(alarmName)
                  .stateValue(stateValue)
                  .stateReason(reason)
                  .stateReasonData(reasonDataJson));
    } catch (SdkException e) {
      throw failure("SetAlarmState", e);
    }
  }

  @Override
  public void close() {
    cloudWatch.close();
  }

  static AlarmState state(MetricAlarm a) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    a.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
    for (MetricDataQuery q : a.metrics()) {
      if (q.metricStat() != null && q.metricStat().metric() != null) {
        for (Dimension d : q.metricStat().metric().dimensions()) {
          dimensions.putIfAbsent(d.name(), d.value());
        }
      }
    }
    return new AlarmState(
        a.alarmName(),
        a.alarmArn(),
        a.stateValueAsString(),
        a.stateReason(),
        a.stateUpdatedTimestamp(),
        a.actionsEnabled() == null || a.actionsEnabled(),
        a.alarmActions(),
        a.namespace(),
        a.metricName(),
        dimensions);
  }

  private static AlarmsException failure(String operation, SdkException e) {
    String detail =
        e instanceof AwsServiceException a && a.awsErrorDetails() != null
            ? a.awsErrorDetails().errorCode() + " (HTTP " + a.statusCode() + "): " + a.getMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new AlarmsException("CloudWatch " + operation + ": " + detail, e);
  }
}
