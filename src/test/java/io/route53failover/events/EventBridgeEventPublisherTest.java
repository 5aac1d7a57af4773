package io.route53failover.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.route53failover.testing.CapturedLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventBridgeEventPublisherTest {
  private static final ActionEvent EVENT =
      ActionEvent.builder(Action.FAILBACK, Instant.parse("2026-12-03T12:30:00Z"))
          .healthCheckId("hc-1")
          .node("node1")
          .mechanism(Mechanism.HEALTH_THRESHOLD)
          .oldValue("2")
          .newValue("1")
          .actor("arn:aws:sts::123456789012:assumed-role/oncall/jane")
          .build();

  /** An EventBridge client whose PutEvents is {@code answer}; remembers the requests. */
  private static final class FakeEventBridge implements EventBridgeClient {
    final List<PutEventsRequest> requests = new ArrayList<>();
    final Function<PutEventsRequest, PutEventsResponse> answer;

    FakeEventBridge(Function<PutEventsRequest, PutEventsResponse> answer) {
      this.answer = answer;
    }

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
      requests.add(request);
      return answer.apply(request);
    }

    @Override
    public String serviceName() {
      return "events";
    }

    @Override
    public void close() {}
  }

  @Test
  void putsOneEntryOnTheDefaultBusWithSourceDetailTypeDetailAndTime() {
    FakeEventBridge eventBridge =
        new FakeEventBridge(
            r ->
                PutEventsResponse.builder()
                    .failedEntryCount(0)
                    .entries(PutEventsResultEntry.builder().eventId("e-1").build())
                    .build());

    try (CapturedLog log = new CapturedLog(EventBridgeEventPublisher.class)) {
      new EventBridgeEventPublisher(eventBridge).publish(EVENT);
      assertThat(log.fields()).noneMatch(f -> "ERROR".equals(f.get("level")));
    }

    assertThat(eventBridge.requests).hasSize(1);
    List<PutEventsRequestEntry> entries = eventBridge.requests.get(0).entries();
    assertThat(entries).hasSize(1);
    PutEventsRequestEntry entry = entries.get(0);
    assertThat(entry.eventBusName()).as("the default bus").isNull();
    assertThat(entry.source()).isEqualTo("route53-failover");
    assertThat(entry.detailType()).isEqualTo("Failover Lifted");
    assertThat(entry.detail()).isEqualTo(EVENT.detailJson());
    assertThat(entry.time()).isEqualTo(EVENT.time());
  }

  @Test
  void aRejectedEntryIsLoggedNotThrown() {
    FakeEventBridge eventBridge =
        new FakeEventBridge(
            r ->
                PutEventsResponse.builder()
                    .failedEntryCount(1)
                    .entries(
                        PutEventsResultEntry.builder()
                            .errorCode("InternalFailure")
                            .errorMessage("try again")
                            .build())
                    .build());

    Map<String, Object> line = publishAndCaptureError(eventBridge);

    assertThat(line)
        .containsEntry("detailType", "Failover Lifted")
        .containsEntry("action", "failback")
        .containsEntry("healthCheckId", "hc-1")
        .containsEntry(
            "error", "EventBridge PutEvents rejected the entry: InternalFailure: try again");
  }

  @Test
  void anAnswerWithoutItsEntryIsLoggedAsNotPublished() {
    FakeEventBridge eventBridge =
        new FakeEventBridge(r -> PutEventsResponse.builder().failedEntryCount(0).build());

    Map<String, Object> line = publishAndCaptureError(eventBridge);

    assertThat(line)
        .containsEntry("error", "EventBridge PutEvents answered no entry (FailedEntryCount 0)");
  }

  @Test
  void aServiceErrorIsLoggedWithItsCodeNotThrown() {
    FakeEventBridge eventBridge =
        new FakeEventBridge(
            r -> {
              throw EventBridgeException.builder()
                  .statusCode(400)
                  .message("not authorized to perform events:PutEvents")
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("AccessDeniedException")
                          .errorMessage("not authorized to perform events:PutEvents")
                          .build())
                  .build();
            });

    Map<String, Object> line = publishAndCaptureError(eventBridge);

    assertThat((String) line.get("error"))
        .startsWith("EventBridge PutEvents AccessDeniedException (HTTP 400): ")
        .contains("events:PutEvents");
  }

  @Test
  void aClientErrorIsLoggedNotThrown() {
    FakeEventBridge eventBridge =
        new FakeEventBridge(
            r -> {
              throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
            });

    Map<String, Object> line = publishAndCaptureError(eventBridge);

    assertThat(line)
        .containsEntry(
            "error",
            "EventBridge PutEvents: SdkClientException: Unable to execute HTTP request: connect"
                + " timed out");
  }

  private static Map<String, Object> publishAndCaptureError(EventBridgeClient eventBridge) {
    try (CapturedLog log = new CapturedLog(EventBridgeEventPublisher.class)) {
      assertThatNoException()
          .isThrownBy(() -> new EventBridgeEventPublisher(eventBridge).publish(EVENT));
      assertThat(log.fields()).hasSize(1);
      Map<String, Object> line = log.fields().get(0);
      assertThat(line).containsEntry("level", "ERROR").containsEntry("message", "event not published");
      return line;
    }
  }
}
