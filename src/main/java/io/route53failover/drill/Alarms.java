package io.route53failover.drill;

import java.util.Optional;

/**
 * The small part of the CloudWatch alarm API the drill needs. The AWS adapter is {@link
 * CloudWatchAlarms}; tests use fakes.
 */
public interface Alarms extends AutoCloseable {

  /**
   * Reads one metric alarm (see CloudWatch API DescribeAlarms with {@code AlarmNames}).
   *
   * @return the alarm, or empty when no metric alarm has this name in the client's region
   * @throws AlarmsException when CloudWatch refuses or cannot be reached
   */
  Optional<AlarmState> describe(String alarmName);

  /**
   * Sets the alarm's state until CloudWatch next evaluates it (see CloudWatch API SetAlarmState).
   * On AWS a change of state runs the alarm's actions.
   *
   * @param stateValue {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
   * @param reason {@code StateReason}, at most 1023 characters
   * @param reasonDataJson {@code StateReasonData}, a JSON object, at most 4000 characters
   * @throws AlarmsException when CloudWatch refuses or cannot be reached
   */
  void setState(String alarmName, String stateValue, String reason, String reasonDataJson);

  /** Releases the client behind these alarms, if any. */
  @Override
  default void close() {}
}
