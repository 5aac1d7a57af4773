package io.route53failover.drill;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the drill needs to know about a CloudWatch metric alarm, as DescribeAlarms returned it.
 *
 * @param name {@code AlarmName}
 * @param arn {@code AlarmArn}
 * @param stateValue {@code StateValue}: {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
 * @param stateReason {@code StateReason}, may be {@code null}
 * @param stateUpdated {@code StateUpdatedTimestamp}, may be {@code null}
 * @param actionsEnabled {@code ActionsEnabled}: whether state changes run the actions
 * @param alarmActions {@code AlarmActions}: ARNs notified on the change to {@code ALARM}
 * @param namespace {@code Namespace} of the watched metric, {@code null} for a metric-math alarm
 * @param metricName {@code MetricName}, {@code null} for a metric-math alarm
 * @param dimensions {@code Dimensions}, name to value (of every metric of a metric-math alarm)
 */
public record AlarmState(
    String name,
    String arn,
    String stateValue,
    String stateReason,
    Instant stateUpdated,
    boolean actionsEnabled,
    List<String> alarmActions,
    String namespace,
    String metricName,
    Map<String, String> dimensions) {

  public static final String OK = "OK";
  public static final String ALARM = "ALARM";

  public AlarmState {
    alarmActions = List.copyOf(alarmActions);
    dimensions = Map.copyOf(dimensions);
  }

  /** Whether the alarm is in {@code OK}. */
  public boolean isOk() {
    return OK.equals(stateValue);
  }

  /** The watched metric for messages, e.g. {@code AWS/Route53 HealthCheckStatus}. */
  public String metric() {
    return metricName == null ? "(metric math)" : namespace + " " + metricName;
  }
}
