package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill reads the repository's template.yaml: its conditions, overrides and environments. */
class StackTemplateTest {
  private static final String HC = "0f0f0f0f-0000-4000-8000-000000000001";

  @Test
  void twoNodeChainWithLockHasTheLockAlarmAndTwoNodeRecords() throws Exception {
    Map<String, String> p = new HashMap<>(FailoverDrillIT.parameters("[]"));
    p.put("PrimaryHealthCheckId", HC);

    StackTemplate t = StackTemplate.load("s", p);

    assertThat(t.resources("AWS::CloudWatch::Alarm"))
        .containsOnlyKeys("PrimaryNodeAlarm", "SecondaryNodeAlarm", "PrimaryHealthCheckAlarm");
    assertThat(t.resources("AWS::Route53::RecordSet"))
        .containsOnlyKeys("MainPrimaryRecord", "MainSecondaryRecord");
    assertThat(t.resolve(t.properties("PrimaryNodeAlarm").get("AlarmName")))
        .isEqualTo("s-" + t.parameter("PrimaryNodeName") + "-availability");
    assertThat(t.environment("FailoverFunction"))
        .containsEntry("PRIMARY_HEALTH_CHECK_ID", HC)
        .containsEntry("ALLOWED_HEALTH_CHECK_IDS", HC);
  }

  @Test
  void withoutPrimaryHealthCheckIdThereIsNoLockChain() throws Exception {
    StackTemplate t = StackTemplate.load("s", FailoverDrillIT.parameters("[]"));

    assertThat(t.resources("AWS::CloudWatch::Alarm")).doesNotContainKey("PrimaryHealthCheckAlarm");
    assertThat(t.resources("AWS::SNS::Topic")).isEmpty();
  }

  @Test
  void additionalIdsJoinTheAllowedList() throws Exception {
    Map<String, String> p = new HashMap<>(FailoverDrillIT.parameters("[]"));
    p.put("PrimaryHealthCheckId", HC);
    p.put("AdditionalHealthCheckIds", "a,b");

    assertThat(StackTemplate.load("s", p).environment("FailoverFunction"))
        .containsEntry("ALLOWED_HEALTH_CHECK_IDS", HC + ",a,b");
  }

  @Test
  void refusesValuesADeploymentWouldRefuse() {
    assertThatThrownBy(() -> StackTemplate.load("s", Map.of("PrimaryHealthCheckId", "hc-1")))
        .hasMessageContaining("PrimaryHealthCheckId=\"hc-1\" does not match");
    assertThatThrownBy(() -> StackTemplate.load("s", Map.of("RecordType", "MX")))
        .hasMessageContaining("RecordType=\"MX\" is not allowed");
    assertThatThrownBy(() -> StackTemplate.load("s", Map.of("NoSuchParameter", "x")))
        .hasMessageContaining("NoSuchParameter is not a parameter");
  }
}
