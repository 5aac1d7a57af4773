package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The certificate-expiry alarms: one per node target on {@code <name>_cert_days}, below {@code
 * CertExpiryWarningDays}, notifying NotificationTopic only; never FailoverTopic, whose ALARM
 * messages lock health checks.
 */
class CertAlarmTemplateTest {

  private static JsonNode template;
  private static Map<String, JsonNode> certAlarms;

  @BeforeAll
  static void load() throws Exception {
    template = CfnYaml.read(TemplateTools.template());
    certAlarms = new java.util.TreeMap<>(TemplateTools.resourcesOfType(template, "AWS::CloudWatch::Alarm"));
    certAlarms.keySet().removeIf(id -> !id.endsWith("CertAlarm"));
  }

  @Test
  void oneAlarmPerNodeOnItsCertDaysBelowTheWarningDays() {
    assertThat(certAlarms).containsOnlyKeys("PrimaryNodeCertAlarm", "SecondaryNodeCertAlarm", "TertiaryNodeCertAlarm");
    for (String node : List.of("Primary", "Secondary", "Tertiary")) {
      JsonNode p = certAlarms.get(node + "NodeCertAlarm").get("Properties");
      assertThat(p.at("/MetricName/Fn::Sub").asText()).isEqualTo("${" + node + "NodeName}_cert_days");
      assertThat(p.at("/Threshold/Ref").asText()).isEqualTo("CertExpiryWarningDays");
      assertThat(p.at("/ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
      assertThat(p.at("/TreatMissingData").asText()).isEqualTo("notBreaching");
    }
    assertThat(template.at("/Parameters/CertExpiryWarningDays/Default").asInt()).isEqualTo(14);
  }

  @Test
  void certAlarmsNotifyTheNotificationTopicAndNeverTheFailoverChain() {
    for (var alarm : certAlarms.entrySet()) {
      for (String actions : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
        JsonNode value = alarm.getValue().at("/Properties/" + actions);
        List<String> refs = new ArrayList<>();
        value.findValues("Ref").forEach(r -> refs.add(r.asText()));
        assertThat(refs).as("%s %s", alarm.getKey(), actions).doesNotContain("FailoverTopic");
        if (!value.isMissingNode()) {
          // only when a notification topic exists; otherwise no action at all
          assertThat(value.at("/Fn::If/0").asText()).isEqualTo("SendNotifications");
          assertThat(value.at("/Fn::If/1/0/Ref").asText()).isEqualTo("NotificationTopic");
          assertThat(value.at("/Fn::If/2/Ref").asText()).isEqualTo("AWS::NoValue");
        }
      }
      assertThat(alarm.getValue().at("/Properties/AlarmActions").isMissingNode()).isFalse();
    }
  }

  @Test
  void theNotificationTopicLetsOnlyThisStacksCertAlarmsPublish() {
    JsonNode statements = template.at("/Resources/NotificationTopicPolicy/Properties/PolicyDocument/Statement");
    JsonNode cloudwatch = null;
    for (JsonNode s : statements) {
      if (s.at("/Principal/Service").asText().equals("cloudwatch.amazonaws.com")) {
        cloudwatch = s;
      }
    }
    assertThat(cloudwatch).isNotNull();
    assertThat(cloudwatch.at("/Condition/ArnLike/aws:SourceArn/Fn::Sub").asText())
        .endsWith(":alarm:${AWS::StackName}-*-cert-expiry");
    for (var alarm : certAlarms.values()) {
      assertThat(alarm.at("/Properties/AlarmName/Fn::Sub").asText()).endsWith("-cert-expiry");
    }
  }
}
