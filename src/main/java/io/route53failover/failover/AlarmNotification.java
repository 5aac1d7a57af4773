package io.route53failover.failover;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A CloudWatch alarm notification: the JSON document SNS carries in {@code Sns.Message}. Unknown
 * fields are ignored. Field names and shapes are CloudWatch's: {@code Region} is a display name
 * such as {@code "US East (N. Virginia)"}, {@code Trigger.Statistic} is upper case ({@code
 * MINIMUM}), and dimensions use lower-case {@code name}/{@code value} keys.
 *
 * @param alarmName {@code AlarmName}
 * @param alarmDescription {@code AlarmDescription}, may be {@code null}
 * @param awsAccountId {@code AWSAccountId}
 * @param newStateValue {@code NewStateValue}: {@code ALARM}, {@code OK} or {@code
 *     INSUFFICIENT_DATA}; never {@code null} after {@link #parse}
 * @param oldStateValue {@code OldStateValue}
 * @param newStateReason {@code NewStateReason}
 * @param stateChangeTime {@code StateChangeTime} as sent, e.g. {@code 2026-01-05T10:15:30.123+0000}
 * @param region {@code Region}, a display name
 * @param alarmArn {@code AlarmArn}
 * @param trigger {@code Trigger}, may be {@code null} (composite alarms have none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlarmNotification(
    @JsonProperty("AlarmName") String alarmName,
    @JsonProperty("AlarmDescription") String alarmDescription,
    @JsonProperty("AWSAccountId") String awsAccountId,
    @JsonProperty("NewStateValue") String newStateValue,
    @JsonProperty("OldStateValue") String oldStateValue,
    @JsonProperty("NewStateReason") String newStateReason,
    @JsonProperty("StateChangeTime") String stateChangeTime,
    @JsonProperty("Region") String region,
    @JsonProperty("AlarmArn") String alarmArn,
    @JsonProperty("Trigger") Trigger trigger) {

  /** The alarm state that triggers the lock. */
  public static final String ALARM = "ALARM";

  /** The dimension that names the Route 53 health check of an {@code AWS/Route53} metric. */
  public static final String HEALTH_CHECK_ID_DIMENSION = "HealthCheckId";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * The alarm's {@code Trigger}: a single metric ({@code MetricName}, {@code Dimensions}, …) or,
   * for a metric-math alarm, {@code Metrics}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Trigger(
      @JsonProperty("MetricName") String metricName,
      @JsonProperty("Namespace") String namespace,
      @JsonProperty("StatisticType") String statisticType,
      @JsonProperty("Statistic") String statistic,
      @JsonProperty("Unit") String unit,
      @JsonProperty("Dimensions") List<Dimension> dimensions,
      @JsonProperty("Period") Integer period,
      @JsonProperty("EvaluationPeriods") Integer evaluationPeriods,
      @JsonProperty("ComparisonOperator") String comparisonOperator,
      @JsonProperty("Threshold") Double threshold,
      @JsonProperty("TreatMissingData") String treatMissingData,
      @JsonProperty("Metrics") List<MetricQuery> metrics) {
    public Trigger {
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
      metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
  }

  /** A dimension, {@code {"value":"…","name":"…"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dimension(
      @JsonProperty("name") @JsonAlias("Name") String name,
      @JsonProperty("value") @JsonAlias("Value") String value) {}

  /** One entry of a metric-math alarm's {@code Trigger.Metrics}: a metric or an expression. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MetricQuery(
      @JsonProperty("Id") String id,
      @JsonProperty("Expression") String expression,
      @JsonProperty("Label") String label,
      @JsonProperty("ReturnData") Boolean returnData,
      @JsonProperty("MetricStat") MetricStat metricStat) {}

  /** {@code MetricStat}: a metric with its period and statistic. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MetricStat(
      @JsonProperty("Metric") Metric metric,
      @JsonProperty("Period") Integer period,
      @JsonProperty("Stat") String stat,
      @JsonProperty("Unit") String unit) {}

  /** {@code MetricStat.Metric}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Metric(
      @JsonProperty("MetricName") String metricName,
      @JsonProperty("Namespace") String namespace,
      @JsonProperty("Dimensions") List<Dimension> dimensions) {
    public Metric {
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }
  }

  /**
   * Parses the {@code Sns.Message} of one SNS record.
   *
   * @param messageId the record's SNS {@code MessageId}, for error messages
   * @param message the {@code Sns.Message} string
   * @throws AlarmNotificationException naming the field and {@code messageId} when the message is
   *     empty, is not a JSON object, has a field of the wrong type, or lacks {@code NewStateValue}
   */
  public static AlarmNotification parse(String messageId, String message) {
    if (message == null || message.isBlank()) {
      throw new AlarmNotificationException(messageId, "Sns.Message", "is empty", null);
    }
    AlarmNotification n;
    try {
      n = MAPPER.readValue(message, AlarmNotification.class);
    } catch (JsonMappingException e) {
      String field = e.getPath().isEmpty() ? "Sns.Message" : fieldPath(e.getPath());
      throw new AlarmNotificationException(
          messageId, field, "not a CloudWatch alarm notification: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new AlarmNotificationException(
          messageId, "Sns.Message", "malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null) {
      throw new AlarmNotificationException(messageId, "Sns.Message", "is JSON null", null);
    }
    if (n.newStateValue() == null || n.newStateValue().isBlank()) {
      throw new AlarmNotificationException(messageId, "NewStateValue", "missing", null);
    }
    return n;
  }

  /** {@code StateChangeTime} as CloudWatch writes it: {@code 2026-01-05T10:15:30.123+0000}. */
  private static final DateTimeFormatter STATE_CHANGE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /**
   * {@code StateChangeTime} as an instant: CloudWatch's form ({@code 2026-01-05T10:15:30.123+0000})
   * or ISO-8601 ({@code 2026-01-05T10:15:30.123Z}); empty when absent or in neither form.
   */
  public Optional<Instant> stateChangeInstant() {
    if (stateChangeTime == null) {
      return Optional.empty();
    }
    String t = stateChangeTime.strip();
    try {
      return Optional.of(OffsetDateTime.parse(t, STATE_CHANGE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(t).toInstant());
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** Whether the alarm went to {@code ALARM}. */
  public boolean isAlarm() {
    return ALARM.equals(newStateValue);
  }

  /**
   * The distinct values of the dimensions called {@code name}, found by name (never by position) in
   * {@code Trigger.Dimensions} and in every {@code Trigger.Metrics[].MetricStat.Metric.Dimensions}.
   */
  public Set<String> dimensionValues(String name) {
    Set<String> values = new LinkedHashSet<>();
    if (trigger == null) {
      return values;
    }
    collect(trigger.dimensions(), name, values);
    for (MetricQuery q : trigger.metrics()) {
      if (q != null && q.metricStat() != null && q.metricStat().metric() != null) {
        collect(q.metricStat().metric().dimensions(), name, values);
      }
    }
    return values;
  }

  /**
   * The health check this alarm is about, in this order: {@code byAlarmName} ({@code
   * ALARM_HEALTH_CHECKS}) at {@code AlarmName}; the value of the {@code HealthCheckId} dimension;
   * {@code fallback} ({@code PRIMARY_HEALTH_CHECK_ID}).
   *
   * @param messageId the SNS {@code MessageId}, for error messages
   * @param byAlarmName alarm name to health check id
   * @param fallback the health check to use when neither names one
   * @throws AlarmNotificationException when there is none of the three, or when the alarm's
   *     metrics name several different health checks
   */
  public String healthCheckId(
      String messageId, Map<String, String> byAlarmName, Optional<String> fallback) {
    if (alarmName != null && byAlarmName.containsKey(alarmName)) {
      return byAlarmName.get(alarmName);
    }
    Set<String> ids = dimensionValues(HEALTH_CHECK_ID_DIMENSION);
    if (ids.size() == 1) {
      return ids.iterator().next();
    }
    String field = "Trigger.Dimensions[name=" + HEALTH_CHECK_ID_DIMENSION + "]";
    if (ids.size() > 1) {
      throw new AlarmNotificationException(
          messageId, field, "names several health checks " + ids + "; refusing to guess", null);
    }
    return fallback.orElseThrow(
        () ->
            new AlarmNotificationException(
                messageId,
                field,
                "missing, the alarm is not in "
                    + FailoverConfig.ALARM_HEALTH_CHECKS
                    + ", and "
                    + FailoverConfig.PRIMARY_HEALTH_CHECK_ID
                    + " is not set; map the alarm in "
                    + FailoverConfig.ALARM_HEALTH_CHECKS
                    + " or set "
                    + FailoverConfig.PRIMARY_HEALTH_CHECK_ID,
                null));
  }

  private static void collect(List<Dimension> dimensions, String name, Set<String> into) {
    for (Dimension d : dimensions) {
      if (d != null && name.equals(d.name()) && d.value() != null && !d.value().isBlank()) {
        into.add(d.value().strip());
      }
    }
  }

  private static String fieldPath(List<JsonMappingException.Reference> path) {
    return path.stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
