package io.route53failover.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The SNS notification CloudWatch sends when a metric alarm changes state, built from the alarm as
 * DescribeAlarms returns it: moto changes the state but sends nothing, so the drill plays this
 * part of CloudWatch. The format is CloudWatch's (see {@code events/sns-alarm-event.json}): {@code
 * Region} as a display name, {@code Trigger.Statistic} upper case, dimensions with lower-case
 * {@code name}/{@code value} keys, times as {@code 2026-01-05T10:15:30.123+0000}. {@code
 * Trigger.DatapointsToAlarm} is written only when the alarm sets it (DescribeAlarms then has it);
 * what CloudWatch writes for an alarm without it is not documented.
 */
final class AlarmNotifications {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Region display names as CloudWatch writes them; only the regions the drill uses. */
  private static final Map<String, String> REGION_NAMES =
      Map.of("us-east-1", "US East (N. Virginia)", "eu-west-1", "EU (Ireland)");

  private AlarmNotifications() {}

  /**
   * The notification's {@code Sns.Message}: the alarm's current state as the new state.
   *
   * @param alarm the alarm, as DescribeAlarms returned it after the change
   * @param oldStateValue the state before the change
   */
  static String message(MetricAlarm alarm, String oldStateValue) {
    Arn arn = Arn.of(alarm.alarmArn());
    ObjectNode m = JSON.createObjectNode();
    m.put("AlarmName", alarm.alarmName());
    m.put("AlarmDescription", alarm.alarmDescription());
    m.put("AWSAccountId", arn.account());
    m.put("AlarmConfigurationUpdatedTimestamp", time(alarm.alarmConfigurationUpdatedTimestamp()));
    m.put("NewStateValue", alarm.stateValueAsString());
    m.put("NewStateReason", alarm.stateReason());
    m.put("StateChangeTime", time(alarm.stateUpdatedTimestamp()));
    m.put("Region", regionName(arn.region()));
    m.put("AlarmArn", alarm.alarmArn());
    m.put("OldStateValue", oldStateValue);
    strings(m.putArray("OKActions"), alarm.okActions());
    strings(m.putArray("AlarmActions"), alarm.alarmActions());
    strings(m.putArray("InsufficientDataActions"), alarm.insufficientDataActions());
    ObjectNode t = m.putObject("Trigger");
    t.put("MetricName", alarm.metricName());
    t.put("Namespace", alarm.namespace());
    t.put("StatisticType", "Statistic");
    t.put("Statistic", alarm.statisticAsString().toUpperCase(Locale.ROOT));
    t.put("Unit", alarm.unit() == null ? null : alarm.unitAsString());
    ArrayNode dimensions = t.putArray("Dimensions");
    alarm
        .dimensions()
        .forEach(d -> dimensions.addObject().put("value", d.value()).put("name", d.name()));
    t.put("Period", alarm.period());
    t.put("EvaluationPeriods", alarm.evaluationPeriods());
    if (alarm.datapointsToAlarm() != null) {
      t.put("DatapointsToAlarm", alarm.datapointsToAlarm());
    }
    t.put("ComparisonOperator", alarm.comparisonOperatorAsString());
    t.put("Threshold", alarm.threshold());
    t.put("TreatMissingData", alarm.treatMissingData());
    t.put(
        "EvaluateLowSampleCountPercentile",
        alarm.evaluateLowSampleCountPercentile() == null
            ? ""
            : alarm.evaluateLowSampleCountPercentile());
    return m.toString();
  }

  /** The notification's {@code Subject}, e.g. {@code ALARM: "name" in US East (N. Virginia)}. */
  static String subject(MetricAlarm alarm) {
    return alarm.stateValueAsString()
        + ": \""
        + alarm.alarmName()
        + "\" in "
        + regionName(Arn.of(alarm.alarmArn()).region());
  }

  static String regionName(String region) {
    String name = REGION_NAMES.get(region);
    if (name == null) {
      throw new IllegalArgumentException("no display name known for region " + region);
    }
    return name;
  }

  private static String time(Instant t) {
    return t == null ? null : TIME.format(t);
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }

  /** The parts of {@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>} the message needs. */
  private record Arn(String region, String account) {
    static Arn of(String arn) {
      String[] parts = arn == null ? new String[0] : arn.split(":", 6);
      if (parts.length < 6 || !parts[0].equals("arn")) {
        throw new IllegalArgumentException("not an alarm ARN: " + arn);
      }
      return new Arn(parts[3], parts[4]);
    }
  }
}
