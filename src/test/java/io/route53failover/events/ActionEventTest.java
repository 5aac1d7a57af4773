package io.route53failover.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-12-03T12:00:04.120Z");

  @Test
  void everyActionHasItsDetailTypeAndLabel() {
    Map<Action, String> detailTypes = new LinkedHashMap<>();
    Map<Action, String> labels = new LinkedHashMap<>();
    for (Action a : Action.values()) {
      detailTypes.put(a, a.detailType());
      labels.put(a, a.label());
    }
    assertThat(detailTypes)
        .containsExactly(
            Map.entry(Action.LOCKED, "Failover Locked"),
            Map.entry(Action.ALREADY_LOCKED, "Failover Already Locked"),
            Map.entry(Action.SKIPPED_DISARMED, "Failover Skipped Disarmed"),
            Map.entry(Action.SKIPPED_STALE, "Failover Skipped Stale"),
            Map.entry(Action.REFUSED, "Failover Refused"),
            Map.entry(Action.FAILED, "Failover Failed"),
            Map.entry(Action.FAILBACK, "Failover Lifted"),
            Map.entry(Action.ARMED, "Failover Armed"),
            Map.entry(Action.DISARMED, "Failover Disarmed"),
            Map.entry(Action.TARGETS_REJECTED, "Targets Rejected"));
    assertThat(labels.values())
        .containsExactly(
            "locked",
            "already-locked",
            "skipped-disarmed",
            "skipped-stale",
            "refused",
            "failed",
            "failback",
            "armed",
            "disarmed",
            "targets-rejected");
    assertThat(Arrays.stream(Mechanism.values()).map(Mechanism::label))
        .containsExactly("resource-path", "health-threshold");
  }

  @Test
  void detailHasEveryFieldSetInOrder() throws Exception {
    ActionEvent event =
        ActionEvent.builder(Action.LOCKED, TIME)
            .healthCheckId("9f0c1d2e-0000-4000-8000-000000000001")
            .node("node1")
            .mechanism(Mechanism.HEALTH_THRESHOLD)
            .oldValue("1")
            .newValue("2")
            .alarm("stack-node1-availability")
            .reason("ALARM at 2026-12-03T12:00:00Z")
            .actor("arn:aws:lambda:us-east-1:123456789012:function:failover")
            .build();

    assertThat(event.detailType()).isEqualTo("Failover Locked");
    assertThat(event.detailJson())
        .isEqualTo(
            "{\"action\":\"locked\",\"healthCheckId\":\"9f0c1d2e-0000-4000-8000-000000000001\","
                + "\"node\":\"node1\",\"mechanism\":\"health-threshold\",\"oldValue\":\"1\","
                + "\"newValue\":\"2\",\"alarm\":\"stack-node1-availability\","
                + "\"reason\":\"ALARM at 2026-12-03T12:00:00Z\","
                + "\"actor\":\"arn:aws:lambda:us-east-1:123456789012:function:failover\","
                + "\"time\":\"2026-12-03T12:00:04.120Z\"}");
  }

  @Test
  void nullFieldsAreLeftOutAndTextIsEscaped() throws Exception {
    ActionEvent event =
        ActionEvent.builder(Action.DISARMED, TIME)
            .healthCheckId("hc-1")
            .mechanism(Mechanism.RESOURCE_PATH)
            .reason("planned restart of \"db\"\nticket 42")
            .build();

    JsonNode detail = JSON.readTree(event.detailJson());

    assertThat(detail.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("action", "healthCheckId", "mechanism", "reason", "time");
    assertThat(detail.get("action").asText()).isEqualTo("disarmed");
    assertThat(detail.get("mechanism").asText()).isEqualTo("resource-path");
    assertThat(detail.get("reason").asText()).isEqualTo("planned restart of \"db\"\nticket 42");
  }

  @Test
  void actionAndTimeAreRequired() {
    assertThatNullPointerException()
        .isThrownBy(() -> ActionEvent.builder(null, TIME).build())
        .withMessage("action");
    assertThatNullPointerException()
        .isThrownBy(() -> ActionEvent.builder(Action.ARMED, null).build())
        .withMessage("time");
  }
}
