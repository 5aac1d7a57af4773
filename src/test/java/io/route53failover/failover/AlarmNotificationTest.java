package io.route53failover.failover;

import static io.route53failover.failover.SampleEvents.SAMPLE_HEALTH_CHECK_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlarmNotificationTest {

  private static AlarmNotification parse(SNSEvent e, int record) {
    SNSEvent.SNS sns = e.getRecords().get(record).getSNS();
    return AlarmNotification.parse(sns.getMessageId(), sns.getMessage());
  }

  private static AlarmNotification parse(SNSEvent e) {
    return parse(e, 0);
  }

  @Test
  void sampleAlarmEventIsAnAlarmOnTheRoute53HealthCheck() {
    AlarmNotification n = parse(SampleEvents.load(SampleEvents.ALARM));

    assertThat(n.isAlarm()).isTrue();
    assertThat(n.newStateValue()).isEqualTo("ALARM");
    assertThat(n.oldStateValue()).isEqualTo("OK");
    assertThat(n.alarmName()).isEqualTo("primary-health-check");
    assertThat(n.awsAccountId()).isEqualTo("123456789012");
    assertThat(n.region()).isEqualTo("US East (N. Virginia)");
    assertThat(n.stateChangeTime()).isEqualTo("2026-01-05T10:15:30.123+0000");
    assertThat(n.newStateReason()).startsWith("Threshold Crossed");
    assertThat(n.alarmArn()).startsWith("arn:aws:cloudwatch:us-east-1:123456789012:alarm:");
    assertThat(n.trigger().namespace()).isEqualTo("AWS/Route53");
    assertThat(n.trigger().metricName()).isEqualTo("HealthCheckStatus");
    assertThat(n.trigger().statistic()).isEqualTo("MINIMUM");
    assertThat(n.trigger().threshold()).isEqualTo(1.0);
    assertThat(n.trigger().period()).isEqualTo(60);
    assertThat(n.healthCheckId("m", Map.of(), Optional.empty())).isEqualTo(SAMPLE_HEALTH_CHECK_ID);
  }

  @Test
  void sampleOkEventIsNotAnAlarm() {
    AlarmNotification n = parse(SampleEvents.load(SampleEvents.OK));

    assertThat(n.isAlarm()).isFalse();
    assertThat(n.newStateValue()).isEqualTo("OK");
    assertThat(n.oldStateValue()).isEqualTo("ALARM");
  }

  @Test
  void metricMathAlarmNamesTheHealthCheckInsideMetrics() {
    AlarmNotification n = parse(SampleEvents.load(SampleEvents.METRIC_MATH));

    assertThat(n.isAlarm()).isTrue();
    assertThat(n.trigger().dimensions()).isEmpty();
    assertThat(n.trigger().metricName()).isNull();
    assertThat(n.trigger().metrics()).hasSize(2);
    assertThat(n.trigger().metrics().get(0).expression()).isEqualTo("FILL(m1, 0)");
    assertThat(n.healthCheckId("m", Map.of(), Optional.of("fallback-not-used")))
        .isEqualTo(SAMPLE_HEALTH_CHECK_ID);
  }

  @Test
  void findsTheDimensionByNameNotByPosition() {
    SNSEvent e =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> {
              ArrayNode dims = ((ObjectNode) m.get("Trigger")).putArray("Dimensions");
              dims.addObject().put("name", "Endpoint").put("value", "primary.example.com");
              dims.addObject().put("value", "second-position-id").put("name", "HealthCheckId");
              dims.addObject().put("value", "eu-west-1").put("name", "Region");
            });

    AlarmNotification n = parse(e);

    assertThat(n.trigger().dimensions().get(0).name()).isEqualTo("Endpoint");
    assertThat(n.healthCheckId("m", Map.of(), Optional.empty())).isEqualTo("second-position-id");
  }

  @Test
  void regionDisplayNameAndUpperCaseStatisticAreKeptAsSent() {
    SNSEvent e =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> {
              m.put("Region", "EU - Ireland");
              ((ObjectNode) m.get("Trigger")).put("Statistic", "SAMPLE_COUNT");
            });

    AlarmNotification n = parse(e);

    assertThat(n.region()).isEqualTo("EU - Ireland");
    assertThat(n.trigger().statistic()).isEqualTo("SAMPLE_COUNT");
    assertThat(n.isAlarm()).isTrue();
  }

  @Test
  void unknownFieldsAreIgnored() {
    SNSEvent e =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> {
              m.putObject("SomeFutureField").put("x", 1);
              ((ObjectNode) m.get("Trigger")).putArray("FutureList").add(3);
            });

    assertThat(parse(e).healthCheckId("m", Map.of(), Optional.empty())).isEqualTo(SAMPLE_HEALTH_CHECK_ID);
  }

  @Test
  void severalRecordsParseIndependently() {
    SNSEvent e =
        SampleEvents.concat(
            SampleEvents.load(SampleEvents.ALARM),
            SampleEvents.load(SampleEvents.OK),
            SampleEvents.load(SampleEvents.METRIC_MATH));

    List<String> states =
        List.of(
            parse(e, 0).newStateValue(), parse(e, 1).newStateValue(), parse(e, 2).newStateValue());
    assertThat(states).containsExactly("ALARM", "OK", "ALARM");
    assertThat(parse(e, 2).alarmName()).isEqualTo("primary-health-check-gaps-unhealthy");
  }

  @Test
  void missingDimensionFallsBackToPrimaryHealthCheckId() {
    SNSEvent e = withoutDimensions(SampleEvents.load(SampleEvents.ALARM));

    assertThat(parse(e).healthCheckId("m", Map.of(), Optional.of("primary-id"))).isEqualTo("primary-id");
  }

  @Test
  void missingDimensionWithoutPrimaryIsAClearError() {
    SNSEvent e = withoutDimensions(SampleEvents.load(SampleEvents.ALARM));
    String id = SampleEvents.messageId(e);
    AlarmNotification n = parse(e);

    assertThatThrownBy(() -> n.healthCheckId(id, Map.of(), Optional.empty()))
        .isInstanceOf(AlarmNotificationException.class)
        .hasMessageContaining(id)
        .hasMessageContaining("HealthCheckId")
        .hasMessageContaining("PRIMARY_HEALTH_CHECK_ID");
  }

  @Test
  void alarmWithoutTriggerFallsBackToPrimary() {
    SNSEvent e =
        SampleEvents.editMessage(SampleEvents.load(SampleEvents.ALARM), m -> m.remove("Trigger"));

    assertThat(parse(e).trigger()).isNull();
    assertThat(parse(e).healthCheckId("m", Map.of(), Optional.of("primary-id"))).isEqualTo("primary-id");
  }

  @Test
  void metricsNamingTwoHealthChecksAreRefusedNotGuessed() {
    SNSEvent e =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.METRIC_MATH),
            m -> {
              ObjectNode copy = ((ObjectNode) m.get("Trigger").get("Metrics").get(1)).deepCopy();
              copy.put("Id", "m2");
              ((ObjectNode) copy.get("MetricStat").get("Metric").get("Dimensions").get(0))
                  .put("value", "another-id");
              ((ArrayNode) m.get("Trigger").get("Metrics")).add(copy);
            });
    AlarmNotification n = parse(e);

    assertThatThrownBy(() -> n.healthCheckId("mid-1", Map.of(), Optional.of("primary-id")))
        .isInstanceOf(AlarmNotificationException.class)
        .hasMessageContaining("mid-1")
        .hasMessageContaining("another-id")
        .hasMessageContaining(SAMPLE_HEALTH_CHECK_ID);
  }

  @Test
  void malformedJsonNamesTheMessageAndMessageId() {
    assertThatThrownBy(() -> AlarmNotification.parse("mid-2", "{\"AlarmName\": \"x\", "))
        .isInstanceOf(AlarmNotificationException.class)
        .hasMessageContaining("mid-2")
        .hasMessageContaining("Sns.Message")
        .satisfies(
            t -> assertThat(((AlarmNotificationException) t).field()).isEqualTo("Sns.Message"));
  }

  @Test
  void plainTextMessageIsNotAnAlarmNotification() {
    assertThatThrownBy(() -> AlarmNotification.parse("mid-3", "hello from a human"))
        .isInstanceOf(AlarmNotificationException.class)
        .hasMessageContaining("mid-3")
        .hasMessageContaining("Sns.Message");
  }

  @Test
  void emptyOrMissingMessageIsAClearError() {
    for (String message : new String[] {"", "   ", null}) {
      assertThatThrownBy(() -> AlarmNotification.parse("mid-4", message))
          .isInstanceOf(AlarmNotificationException.class)
          .hasMessage("SNS message mid-4: field \"Sns.Message\": is empty");
    }
  }

  @Test
  void missingNewStateValueIsAClearError() {
    SNSEvent e =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM), m -> m.remove("NewStateValue"));
    String id = SampleEvents.messageId(e);

    assertThatThrownBy(() -> parse(e))
        .isInstanceOf(AlarmNotificationException.class)
        .hasMessage("SNS message " + id + ": field \"NewStateValue\": missing");
  }

  @Test
  void fieldOfTheWrongTypeIsNamed() {
    SNSEvent e =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> ((ObjectNode) m.get("Trigger")).put("Period", "sixty"));

    assertThatThrownBy(() -> parse(e))
        .isInstanceOf(AlarmNotificationException.class)
        .satisfies(
            t -> assertThat(((AlarmNotificationException) t).field()).isEqualTo("Trigger.Period"));
  }

  private static SNSEvent withoutDimensions(SNSEvent e) {
    return SampleEvents.editMessage(e, m -> ((ObjectNode) m.get("Trigger")).remove("Dimensions"));
  }

  @Test
  void theErrorCarriesTheMessageIdAndTheField() {
    assertThatThrownBy(() -> AlarmNotification.parse("m-42", "{\"AlarmName\":\"x\"}"))
        .isInstanceOfSatisfying(
            AlarmNotificationException.class,
            e -> {
              assertThat(e.messageId()).isEqualTo("m-42");
              assertThat(e.field()).isEqualTo("NewStateValue");
            });
  }
}
