package io.route53failover.operator;

import java.util.Objects;

/**
 * A node's availability alarm as DescribeAlarms returned it: what the failback guard reads first.
 *
 * @param name {@code AlarmName}
 * @param stateValue {@code StateValue}: {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
 * @param metric the metric the alarm watches
 */
public record NodeAlarm(String name, String stateValue, WatchedMetric metric) {

  /** The only {@code StateValue} under which a failback may go ahead. */
  public static final String OK = "OK";

  /**
   * @throws NullPointerException when a field is null
   */
  public NodeAlarm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stateValue, "stateValue");
    Objects.requireNonNull(metric, "metric");
  }

  /** Whether the alarm is in {@code OK}. */
  public boolean isOk() {
    return OK.equals(stateValue);
  }
}
