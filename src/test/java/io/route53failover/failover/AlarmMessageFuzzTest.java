package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.route53failover.testing.FuzzBounds;
import io.route53failover.testing.FuzzStats;
import io.route53failover.testing.InMemoryHealthCheckStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the SNS record path of FailoverFunction with arbitrary {@code Sns.Message} strings: {@link
 * AlarmNotification#parse}, then the whole per-record handling of {@link FailoverFunction} against
 * an in-memory Route 53 ({@link InMemoryHealthCheckStore}, which creates any health check id on
 * first use), under two configurations: no restriction and no primary; and {@code
 * PRIMARY_HEALTH_CHECK_ID} = {@code ALLOWED_HEALTH_CHECK_IDS} = the sample check.
 *
 * <p>Property: parsing returns a notification with a {@code NewStateValue}, or throws {@link
 * AlarmNotificationException} naming the SNS {@code MessageId} and a field. The handler answers
 * every record with exactly one outcome: {@code skipped-state}, {@code refused-not-allowed}, {@code
 * locked}/{@code already-locked} (and then the check it names is locked), or {@code failed} with an
 * {@code AlarmNotificationException}'s message (the fake store never fails, so no other error is
 * acceptable: a NullPointerException caught by the handler would show here). All within {@link
 * FuzzBounds}, with an error short enough for one log line.
 *
 * <p>Seeds: the {@code Sns.Message} of each {@code events/sns-*.json} sample, in {@code
 * src/test/resources/io/route53failover/failover/AlarmMessageFuzzTestInputs/alarmMessage/}.
 */
class AlarmMessageFuzzTest {
  private static final String MESSAGE_ID = "fuzz-message-1";
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  /** Longest record error accepted, in characters: one readable log line. */
  static final int MAX_ERROR_CHARS = 2_048;

  private static final Set<String> OUTCOMES =
      Set.of("skipped-state", "refused-not-allowed", "locked", "already-locked", "failed");

  static {
    // load and initialise Jackson and the handler, so an input's allocation is its own
    checkOne(SampleEvents.load(SampleEvents.ALARM).getRecords().getFirst().getSNS().getMessage());
    checkOne("{");
  }

  @DictionaryEntries({
    "\"NewStateValue\":", "\"ALARM\"", "\"OK\"", "\"INSUFFICIENT_DATA\"", "\"Trigger\":",
    "\"Dimensions\":", "\"Metrics\":", "\"MetricStat\":", "\"Metric\":", "\"name\":", "\"value\":",
    "\"HealthCheckId\"", "\"AlarmName\":", "\"Period\":", "\"Threshold\":", "null", "[]", "{}"
  })
  @FuzzTest(maxDuration = "20s")
  void alarmMessage(byte[] input) {
    String message = new String(input, StandardCharsets.UTF_8);
    FuzzBounds.check(input.length, () -> FuzzStats.record(checkOne(message)));
  }

  @AfterAll
  static void writeStats() {
    FuzzStats.write("AlarmMessageFuzzTest#alarmMessage");
  }

  /** Checks the property for one message; returns how the unrestricted handler ended. */
  private static String checkOne(String message) {
    checkParse(message);
    String outcome = checkHandler(message, Map.of());
    checkHandler(
        message,
        Map.of(
            FailoverConfig.PRIMARY_HEALTH_CHECK_ID, SampleEvents.SAMPLE_HEALTH_CHECK_ID,
            FailoverConfig.ALLOWED_HEALTH_CHECK_IDS, SampleEvents.SAMPLE_HEALTH_CHECK_ID));
    return outcome;
  }

  private static void checkParse(String message) {
    AlarmNotification n;
    try {
      n = AlarmNotification.parse(MESSAGE_ID, message);
    } catch (AlarmNotificationException e) {
      assertThat(e.messageId()).isEqualTo(MESSAGE_ID);
      assertThat(e.field()).isNotBlank();
      assertThat(e.getMessage())
          .startsWith("SNS message " + MESSAGE_ID + ": field \"" + e.field() + "\": ")
          .hasSizeLessThanOrEqualTo(MAX_ERROR_CHARS);
      return;
    }
    assertThat(n.newStateValue()).isNotBlank();
    assertThat(n.isAlarm()).isEqualTo("ALARM".equals(n.newStateValue()));
    try {
      String id = n.healthCheckId(MESSAGE_ID, Map.of(), Optional.of("fallback-id"));
      assertThat(id).isNotBlank();
    } catch (AlarmNotificationException e) {
      assertThat(e.getMessage()).contains("names several health checks");
    }
  }

  private static String checkHandler(String message, Map<String, String> env) {
    InMemoryHealthCheckStore store = new InMemoryHealthCheckStore("HTTPS");
    FailoverFunction function = new FailoverFunction(FailoverConfig.fromEnvironment(env), store);
    FailoverReport report;
    try {
      report = function.handleRequest(event(message), null);
    } catch (FailoverFailedException e) {
      report = e.report();
      assertThat(report.failed()).isEqualTo(1);
      assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MAX_ERROR_CHARS + 200);
    }
    assertThat(report.records()).hasSize(1);
    FailoverReport.RecordOutcome r = report.records().getFirst();
    assertThat(r.messageId()).isEqualTo(MESSAGE_ID);
    assertThat(r.getAction()).isIn(OUTCOMES);
    switch (r.getAction()) {
      case "failed" ->
          assertThat(r.error())
              .startsWith("AlarmNotificationException: SNS message " + MESSAGE_ID + ": field \"")
              .hasSizeLessThanOrEqualTo(MAX_ERROR_CHARS + 100);
      case "locked", "already-locked" -> {
        assertThat(r.newState()).isEqualTo("ALARM");
        assertThat(store.get(r.healthCheckId()).resourcePath()).isEqualTo(LOCKED);
      }
      case "refused-not-allowed" ->
          assertThat(r.healthCheckId()).isNotEqualTo(SampleEvents.SAMPLE_HEALTH_CHECK_ID);
      default -> assertThat(r.newState()).isNotEqualTo("ALARM");
    }
    return r.getAction();
  }

  private static SNSEvent event(String message) {
    SNSEvent.SNS sns = new SNSEvent.SNS().withMessageId(MESSAGE_ID).withType("Notification");
    sns.setMessage(message);
    SNSEvent.SNSRecord record = new SNSEvent.SNSRecord().withSns(sns).withEventSource("aws:sns");
    SNSEvent event = new SNSEvent();
    event.setRecords(List.of(record));
    return event;
  }
}
