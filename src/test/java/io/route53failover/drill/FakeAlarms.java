package io.route53failover.drill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Alarms in memory: SetAlarmState changes the state and is recorded; nothing is evaluated. */
public final class FakeAlarms implements Alarms {

  /** One SetAlarmState call. */
  public record SetState(String alarmName, String stateValue, String reason, String reasonData) {}

  private final Map<String, AlarmState> alarms = new LinkedHashMap<>();
  private final List<SetState> calls = new ArrayList<>();
  private final Supplier<Instant> clock;
  private int describeCalls;

  public FakeAlarms(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** Adds or replaces an alarm. */
  public FakeAlarms put(AlarmState alarm) {
    alarms.put(alarm.name(), alarm);
    return this;
  }

  /** An alarm in OK with actions enabled, notifying {@code topicArn}, on {@code dimensions}. */
  public static AlarmState okAlarm(String name, String topicArn, Map<String, String> dimensions) {
    return new AlarmState(
        name,
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name,
        AlarmState.OK,
        "Threshold Crossed",
        Instant.parse("2026-01-05T09:00:00Z"),
        true,
        List.of(topicArn),
        "AWS/Route53",
        "HealthCheckStatus",
        dimensions);
  }

  /** Changes the state as CloudWatch's own evaluation would, without recording a call. */
  public void evaluate(String name, String stateValue, String reason) {
    AlarmState a = alarms.get(name);
    alarms.put(name, withState(a, stateValue, reason));
  }

  public String stateOf(String name) {
    return alarms.get(name).stateValue();
  }

  public List<SetState> setStateCalls() {
    return List.copyOf(calls);
  }

  public int describeCalls() {
    return describeCalls;
  }

  @Override
  public Optional<AlarmState> describe(String alarmName) {
    describeCalls++;
    return Optional.ofNullable(alarms.get(alarmName));
  }

  @Override
  public void setState(String alarmName, String stateValue, String reason, String reasonDataJson) {
    AlarmState a = alarms.get(alarmName);
    if (a == null) {
      throw new AlarmsException("CloudWatch SetAlarmState: ResourceNotFound (HTTP 404)", null);
    }
    calls.add(new SetState(alarmName, stateValue, reason, reasonDataJson));
    alarms.put(alarmName, withState(a, stateValue, reason));
  }

  private AlarmState withState(AlarmState a, String stateValue, String reason) {
    return new AlarmState(
        a.name(),
        a.arn(),
        stateValue,
        reason,
        clock.get(),
        a.actionsEnabled(),
        a.alarmActions(),
        a.namespace(),
        a.metricName(),
        a.dimensions());
  }
}
