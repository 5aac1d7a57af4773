package io.route53failover.failover;

import static io.route53failover.failover.SampleEvents.SAMPLE_HEALTH_CHECK_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.testing.CapturedLog;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverFunctionTest {
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private final HealthCheckStore store = mock(HealthCheckStore.class);

  private FailoverFunction function(Map<String, String> env) {
    return new FailoverFunction(FailoverConfig.fromEnvironment(env), store);
  }

  private void unlockedCheck(String id) {
    when(store.get(id)).thenReturn(new HealthCheckState(id, "HTTPS", "/health", null, List.of(), 1));
    when(store.tags(id)).thenReturn(Map.of());
    when(store.updateResourcePath(id, LOCKED, 1)).thenReturn(2L);
  }

  @Test
  void alarmLocksTheHealthCheckAndReportsIt() {
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);

    FailoverReport report;
    try (CapturedLog log = new CapturedLog(FailoverFunction.class)) {
      report = function(Map.of()).handleRequest(event, null);

      assertThat(log.fields()).hasSize(1);
      assertThat(log.fields().get(0))
          .containsEntry("action", "locked")
          .containsEntry("messageId", SampleEvents.messageId(event))
          .containsEntry("alarmName", "primary-health-check")
          .containsEntry("newState", "ALARM")
          .containsEntry("healthCheckId", SAMPLE_HEALTH_CHECK_ID)
          .containsEntry("oldValue", "/health")
          .containsEntry("newValue", LOCKED)
          .containsEntry("level", "INFO");
    }

    assertThat(report.locked()).isEqualTo(1);
    assertThat(report.failed()).isZero();
    assertThat(report.records())
        .singleElement()
        .isEqualTo(
            new FailoverReport.RecordOutcome(
                SampleEvents.messageId(event),
                "primary-health-check",
                "ALARM",
                SAMPLE_HEALTH_CHECK_ID,
                "ResourcePath",
                "/health",
                LOCKED,
                FailoverAction.LOCKED,
                null,
                null));
    verify(store).updateResourcePath(SAMPLE_HEALTH_CHECK_ID, LOCKED, 1);
  }

  @Test
  void metricMathAlarmLocksTheHealthCheckOfItsMetric() {
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);

    FailoverReport report =
        function(Map.of()).handleRequest(SampleEvents.load(SampleEvents.METRIC_MATH), null);

    assertThat(report.locked()).isEqualTo(1);
    verify(store).updateResourcePath(SAMPLE_HEALTH_CHECK_ID, LOCKED, 1);
  }

  @Test
  void alreadyLockedIsReportedAsSuch() {
    when(store.get(SAMPLE_HEALTH_CHECK_ID))
        .thenReturn(new HealthCheckState(SAMPLE_HEALTH_CHECK_ID, "HTTPS", LOCKED, null, List.of(), 2));

    FailoverReport report =
        function(Map.of()).handleRequest(SampleEvents.load(SampleEvents.ALARM), null);

    assertThat(report.alreadyLocked()).isEqualTo(1);
    assertThat(report.records().get(0).action()).isEqualTo(FailoverAction.ALREADY_LOCKED);
    verify(store, never())
        .updateResourcePath(anyString(), anyString(), org.mockito.ArgumentMatchers.anyLong());
  }

  @Test
  void okAndInsufficientDataAreSkipped() {
    SNSEvent insufficient =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> m.put("NewStateValue", "INSUFFICIENT_DATA"));

    FailoverReport report =
        function(Map.of())
            .handleRequest(
                SampleEvents.concat(SampleEvents.load(SampleEvents.OK), insufficient), null);

    assertThat(report.skipped()).isEqualTo(2);
    assertThat(report.records())
        .extracting(FailoverReport.RecordOutcome::getAction)
        .containsExactly("skipped-state", "skipped-state");
    assertThat(report.records())
        .extracting(FailoverReport.RecordOutcome::newState)
        .containsExactly("OK", "INSUFFICIENT_DATA");
    verifyNoInteractions(store);
  }

  @Test
  void healthCheckOutsideTheAllowedListIsRefusedWithoutThrowing() {
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);

    FailoverReport report;
    try (CapturedLog log = new CapturedLog(FailoverFunction.class)) {
      report =
          function(Map.of("ALLOWED_HEALTH_CHECK_IDS", "some-other-id")).handleRequest(event, null);
      assertThat(log.fields().get(0))
          .containsEntry("action", "refused-not-allowed")
          .containsEntry("level", "ERROR");
    }

    assertThat(report.refused()).isEqualTo(1);
    assertThat(report.records().get(0).error()).contains("ALLOWED_HEALTH_CHECK_IDS");
    verifyNoInteractions(store);
  }

  @Test
  void allowedHealthCheckIsLocked() {
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);

    FailoverReport report =
        function(Map.of("ALLOWED_HEALTH_CHECK_IDS", "x," + SAMPLE_HEALTH_CHECK_ID))
            .handleRequest(SampleEvents.load(SampleEvents.ALARM), null);

    assertThat(report.locked()).isEqualTo(1);
  }

  @Test
  void alarmWithoutDimensionUsesPrimaryHealthCheckId() {
    unlockedCheck("primary-id");
    SNSEvent event =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> ((ObjectNode) m.get("Trigger")).remove("Dimensions"));

    FailoverReport report =
        function(Map.of("PRIMARY_HEALTH_CHECK_ID", "primary-id")).handleRequest(event, null);

    assertThat(report.records().get(0).healthCheckId()).isEqualTo("primary-id");
    verify(store).updateResourcePath("primary-id", LOCKED, 1);
  }

  @Test
  void alarmWithoutDimensionOrPrimaryFailsNamingTheMessageId() {
    SNSEvent event =
        SampleEvents.editMessage(
            SampleEvents.load(SampleEvents.ALARM),
            m -> ((ObjectNode) m.get("Trigger")).remove("Dimensions"));

    assertThatThrownBy(() -> function(Map.of()).handleRequest(event, null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining(SampleEvents.messageId(event))
        .hasMessageContaining("PRIMARY_HEALTH_CHECK_ID");
    verifyNoInteractions(store);
  }

  @Test
  void everyRecordIsTriedBeforeTheInvocationFails() {
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);
    SNSEvent broken = SampleEvents.load(SampleEvents.ALARM);
    broken.getRecords().get(0).getSNS().setMessageId("broken-message-id");
    broken.getRecords().get(0).getSNS().setMessage("{not json");
    SNSEvent event =
        SampleEvents.concat(
            broken, SampleEvents.load(SampleEvents.ALARM), SampleEvents.load(SampleEvents.OK));

    FailoverFailedException e;
    try (CapturedLog log = new CapturedLog(FailoverFunction.class)) {
      e =
          org.junit.jupiter.api.Assertions.assertThrows(
              FailoverFailedException.class, () -> function(Map.of()).handleRequest(event, null));
      assertThat(log.fields())
          .extracting(m -> m.get("action"))
          .containsExactly("failed", "locked", "skipped-state");
    }

    assertThat(e.getMessage())
        .contains("broken-message-id")
        .contains("1 of 3")
        .doesNotContain(SampleEvents.messageId(SampleEvents.load(SampleEvents.OK)));
    assertThat(e.report().records())
        .extracting(FailoverReport.RecordOutcome::getAction)
        .containsExactly("failed", "locked", "skipped-state");
    verify(store).updateResourcePath(SAMPLE_HEALTH_CHECK_ID, LOCKED, 1);
  }

  @Test
  void emptyMessageFailsNamingTheMessageId() {
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);
    event.getRecords().get(0).getSNS().setMessage("");

    assertThatThrownBy(() -> function(Map.of()).handleRequest(event, null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining(SampleEvents.messageId(event))
        .hasMessageContaining("Sns.Message");
  }

  @Test
  void route53ErrorFailsTheInvocationWithTheMessageId() {
    when(store.get(SAMPLE_HEALTH_CHECK_ID))
        .thenThrow(new IllegalStateException("service unavailable"));
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);

    assertThatThrownBy(() -> function(Map.of()).handleRequest(event, null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining(SampleEvents.messageId(event))
        .hasMessageContaining("service unavailable");
  }

  @Test
  void wrongHealthCheckTypeFailsNamingTheType() {
    when(store.get(SAMPLE_HEALTH_CHECK_ID))
        .thenReturn(new HealthCheckState(SAMPLE_HEALTH_CHECK_ID, "CLOUDWATCH_METRIC", null, null, List.of(), 1));

    assertThatThrownBy(
            () -> function(Map.of()).handleRequest(SampleEvents.load(SampleEvents.ALARM), null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining("has type CLOUDWATCH_METRIC")
        .hasMessageContaining("put a CALCULATED gate in front of it");
  }

  @Test
  void eventWithoutRecordsGivesAnEmptyReport() {
    FailoverReport report = function(Map.of()).handleRequest(new SNSEvent(), null);

    assertThat(report.records()).isEmpty();
    assertThat(function(Map.of()).handleRequest(null, null).records()).isEmpty();
  }

  @Test
  void reportSerializesWithTheLambdaRuntimeSerializer() throws Exception {
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);
    FailoverReport report =
        function(Map.of()).handleRequest(SampleEvents.load(SampleEvents.ALARM), null);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JacksonFactory.getInstance().getSerializer(FailoverReport.class).toJson(report, out);
    JsonNode json = new ObjectMapper().readTree(out.toByteArray());

    assertThat(json.path("locked").asInt()).isEqualTo(1);
    assertThat(json.path("records").get(0).path("action").asText()).isEqualTo("locked");
    assertThat(json.path("records").get(0).path("healthCheckId").asText())
        .isEqualTo(SAMPLE_HEALTH_CHECK_ID);
    assertThat(json.path("records").get(0).path("newValue").asText()).isEqualTo(LOCKED);
  }

  // ---- deadline

  /** A Lambda context whose remaining time is {@code remainingMs}, then each later value in turn. */
  private static Context remaining(Integer remainingMs, Integer... later) {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(remainingMs, later);
    return context;
  }

  private static final int ATTEMPT_MS = (int) FailoverFunction.LOCK_ATTEMPT_BUDGET.toMillis();
  private static final int RESERVE_MS = (int) FailoverFunction.DEADLINE_RESERVE.toMillis();

  private static SNSEvent alarmFor(String messageId, String healthCheckId) {
    SNSEvent event = SampleEvents.withHealthCheckId(SampleEvents.load(SampleEvents.ALARM), healthCheckId);
    event.getRecords().get(0).getSNS().setMessageId(messageId);
    return event;
  }

  @Test
  void enoughTimeForOneLockAttemptLocks() {
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);

    FailoverReport report =
        function(Map.of())
            .handleRequest(SampleEvents.load(SampleEvents.ALARM), remaining(ATTEMPT_MS + RESERVE_MS));

    assertThat(report.locked()).isEqualTo(1);
  }

  @Test
  void recordsPastTheDeadlineFailWithoutTouchingRoute53AndNameTheirMessageIds() {
    unlockedCheck("hc-1");
    SNSEvent event =
        SampleEvents.concat(
            alarmFor("m-1", "hc-1"),
            alarmFor("m-2", "hc-2"),
            SampleEvents.load(SampleEvents.OK),
            alarmFor("m-3", "hc-3"));
    // Time for the first record; then one millisecond short of an attempt plus the reserve.
    Context context = remaining(ATTEMPT_MS + RESERVE_MS + 30_000, ATTEMPT_MS + RESERVE_MS - 1);

    FailoverFailedException e;
    try (CapturedLog log = new CapturedLog(FailoverFunction.class)) {
      e =
          org.junit.jupiter.api.Assertions.assertThrows(
              FailoverFailedException.class,
              () -> function(Map.of("ALLOWED_HEALTH_CHECK_IDS", "hc-1,hc-2,hc-3")).handleRequest(event, context));
      assertThat(log.fields())
          .extracting(m -> m.get("action"))
          .containsExactly("locked", "failed", "skipped-state", "failed");
      assertThat(log.fields().get(1))
          .containsEntry("messageId", "m-2")
          .containsEntry("healthCheckId", "hc-2")
          .containsEntry("level", "ERROR");
      assertThat((String) log.fields().get(1).get("error")).startsWith("deadline: ");
    }

    assertThat(e.getMessage()).contains("2 of 4").contains("m-2").contains("m-3").doesNotContain("m-1");
    assertThat(e.report().records().get(3).error())
        .startsWith("deadline: " + (ATTEMPT_MS - 1) + " ms left")
        .contains("one lock attempt may need " + ATTEMPT_MS + " ms")
        .contains("lock of health check hc-3 not started; nothing changed");
    verify(store).get("hc-1");
    verify(store, never()).get("hc-2");
    verify(store, never()).get("hc-3");
  }

  @Test
  void versionMismatchRetryIsNotStartedPastTheDeadline() {
    when(store.get(SAMPLE_HEALTH_CHECK_ID))
        .thenReturn(new HealthCheckState(SAMPLE_HEALTH_CHECK_ID, "HTTPS", "/health", null, List.of(), 1));
    when(store.tags(SAMPLE_HEALTH_CHECK_ID)).thenReturn(Map.of());
    when(store.updateResourcePath(SAMPLE_HEALTH_CHECK_ID, LOCKED, 1))
        .thenThrow(new VersionMismatchException(SAMPLE_HEALTH_CHECK_ID, 1, null));
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);

    assertThatThrownBy(
            () ->
                function(Map.of())
                    .handleRequest(event, remaining(ATTEMPT_MS + RESERVE_MS, ATTEMPT_MS)))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining(SampleEvents.messageId(event))
        .hasMessageContaining("deadline: ")
        .hasMessageContaining("changed under 1 attempt(s) (HealthCheckVersionMismatch)");
    verify(store, times(1)).get(SAMPLE_HEALTH_CHECK_ID);
  }

  @Test
  void createReadsTheConfigurationFromTheGivenMap() {
    assertThatThrownBy(() -> FailoverFunction.create(Map.of("FAILED_OVER_PATH", "no-slash")))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("FAILED_OVER_PATH");
  }

  @Test
  void aRecordWithoutItsSnsObjectFailsNamingItsPosition() {
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);
    SNSEvent.SNSRecord broken = new SNSEvent.SNSRecord();
    event.setRecords(java.util.List.of(event.getRecords().getFirst(), broken));
    unlockedCheck(SAMPLE_HEALTH_CHECK_ID);

    assertThatThrownBy(() -> function(Map.of()).handleRequest(event, null))
        .isInstanceOfSatisfying(
            FailoverFailedException.class,
            e -> {
              assertThat(e.report().locked()).isEqualTo(1);
              assertThat(e.report().records().get(1).error()).isEqualTo("record 1 has no Sns object");
            });
  }
}
