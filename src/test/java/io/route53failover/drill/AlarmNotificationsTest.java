package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.failover.AlarmNotification;
import io.route53failover.failover.SampleEvents;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** The notification built from DescribeAlarms fields equals the one CloudWatch sends. */
class AlarmNotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:route53-failover-alarms";

  /** The alarm of events/sns-alarm-event.json, as DescribeAlarms would return it. */
  private static MetricAlarm sampleAlarm() {
    return MetricAlarm.builder()
        .alarmName("primary-health-check")
        .alarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:primary-health-check")
        .alarmDescription("Primary site's Route 53 health check is failing")
        .alarmConfigurationUpdatedTimestamp(Instant.parse("2026-01-05T09:02:11.547Z"))
        .stateValue(StateValue.ALARM)
        .stateReason(
            "Threshold Crossed: 1 out of the last 1 datapoints [0.0 (05/01/26 10:14:00)] was less"
                + " than the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).")
        .stateUpdatedTimestamp(Instant.parse("2026-01-05T10:15:30.123Z"))
        .okActions(TOPIC)
        .alarmActions(TOPIC)
        .metricName("HealthCheckStatus")
        .namespace("AWS/Route53")
        .statistic(Statistic.MINIMUM)
        .dimensions(
            Dimension.builder()
                .name("HealthCheckId")
                .value(SampleEvents.SAMPLE_HEALTH_CHECK_ID)
                .build())
        .period(60)
        .evaluationPeriods(1)
        .datapointsToAlarm(1)
        .threshold(1.0)
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
        .treatMissingData("breaching")
        .build();
  }

  @Test
  void equalsTheSampleCloudWatchNotificationFieldForField() throws Exception {
    SNSEvent sample = SampleEvents.load(SampleEvents.ALARM);

    JsonNode built = JSON.readTree(AlarmNotifications.message(sampleAlarm(), "OK"));

    assertThat(built).isEqualTo(SampleEvents.message(sample));
    assertThat(AlarmNotifications.subject(sampleAlarm()))
        .isEqualTo(sample.getRecords().get(0).getSNS().getSubject())
        .isEqualTo("ALARM: \"primary-health-check\" in US East (N. Virginia)");
  }

  @Test
  void failoverFunctionsParserReadsIt() {
    AlarmNotification n =
        AlarmNotification.parse("m-1", AlarmNotifications.message(sampleAlarm(), "OK"));

    assertThat(n.isAlarm()).isTrue();
    assertThat(n.oldStateValue()).isEqualTo("OK");
    assertThat(n.region()).isEqualTo("US East (N. Virginia)");
    assertThat(n.trigger().statistic()).isEqualTo("MINIMUM");
    assertThat(n.healthCheckId("m-1", Map.of(), Optional.empty()))
        .isEqualTo(SampleEvents.SAMPLE_HEALTH_CHECK_ID);
  }

  @Test
  void optionalFieldsFollowTheAlarm() throws Exception {
    MetricAlarm alarm =
        sampleAlarm().toBuilder()
            .datapointsToAlarm(null)
            .dimensions(java.util.List.of())
            .unit("Count")
            .stateValue(StateValue.OK)
            .build();

    JsonNode m = JSON.readTree(AlarmNotifications.message(alarm, "ALARM"));

    assertThat(m.path("Trigger").has("DatapointsToAlarm")).isFalse();
    assertThat(m.path("Trigger").path("Dimensions")).isEmpty();
    assertThat(m.path("Trigger").path("Unit").asText()).isEqualTo("Count");
    assertThat(m.path("NewStateValue").asText()).isEqualTo("OK");
    assertThat(AlarmNotifications.subject(alarm)).startsWith("OK: ");
  }

  @Test
  void anUnknownRegionIsAnError() {
    MetricAlarm alarm =
        sampleAlarm().toBuilder().alarmArn("arn:aws:cloudwatch:xx-test-9:1:alarm:a").build();

    assertThatThrownBy(() -> AlarmNotifications.subject(alarm))
        .hasMessageContaining("xx-test-9");
  }
}
