package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.testing.Bounded;
import io.route53failover.testing.InMemoryHealthCheckStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Oversized SNS events and alarm messages through FailoverFunction, against an in-memory Route 53
 * with real version semantics. Lambda's SNS trigger delivers one record per invocation and SNS
 * messages are at most 256 KB, so these go well past what AWS sends; each must still be answered
 * within a bounded time and allocation, record by record, with a clear error where it is rejected.
 */
class OversizedSnsEventsTest {
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;
  private static final Duration TIME_LIMIT = Duration.ofSeconds(20);
  private static final long MAX_ALLOCATED_BYTES = 256L << 20;

  private InMemoryHealthCheckStore store;

  @BeforeEach
  void warmUp() {
    // load Jackson, the lock and the logging once, so the measures are of the event alone
    store = new InMemoryHealthCheckStore("HTTPS");
    handle(SampleEvents.load(SampleEvents.ALARM));
    store = new InMemoryHealthCheckStore("HTTPS");
  }

  private Bounded.Result<FailoverReport> handle(SNSEvent event) {
    FailoverFunction function = new FailoverFunction(FailoverConfig.fromEnvironment(Map.of()), store);
    Bounded.Result<FailoverReport> r =
        Bounded.within(TIME_LIMIT, () -> function.handleRequest(event, null));
    assertThat(r.allocatedBytes()).isLessThanOrEqualTo(MAX_ALLOCATED_BYTES);
    System.out.printf(
        "%d records: %d ms, %,d bytes allocated, %s%n",
        event.getRecords().size(),
        r.took().toMillis(),
        r.allocatedBytes(),
        r.thrown() == null
            ? "locked " + r.value().locked() + ", already locked " + r.value().alreadyLocked()
            : TextShort.of(r.thrown().getMessage()));
    return r;
  }

  private static final class TextShort {
    static String of(String s) {
      return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
  }

  /** {@code count} copies of the sample alarm event's record, each with its own MessageId and edit. */
  private static SNSEvent records(int count, java.util.function.IntFunction<UnaryOperator<String>> edit) {
    List<SNSEvent.SNSRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SNSEvent.SNSRecord r = SampleEvents.load(SampleEvents.ALARM).getRecords().getFirst();
      r.getSNS().setMessageId("message-" + i);
      r.getSNS().setMessage(edit.apply(i).apply(r.getSNS().getMessage()));
      records.add(r);
    }
    SNSEvent event = new SNSEvent();
    event.setRecords(records);
    return event;
  }

  /** The sample alarm with one more top-level field, {@code "Extra": <json>}. */
  private Bounded.Result<FailoverReport> handleAlarmWithExtraField(String json) {
    return handle(records(1, i -> m -> m.replaceFirst("\\{", "{\"Extra\":" + json + ",")));
  }

  /** The error of the first record of a failed invocation. */
  private static String firstError(Bounded.Result<FailoverReport> r) {
    assertThat(r.thrown()).isInstanceOf(FailoverFailedException.class);
    return ((FailoverFailedException) r.thrown()).report().records().getFirst().error();
  }

  private static String withHealthCheckId(String message, String id) {
    SNSEvent one = SampleEvents.load(SampleEvents.ALARM);
    one.getRecords().getFirst().getSNS().setMessage(message);
    return SampleEvents.withHealthCheckId(one, id).getRecords().getFirst().getSNS().getMessage();
  }

  @Test
  void hundredDuplicateDeliveriesLockOnceAndReadOnceEach() {
    Bounded.Result<FailoverReport> r = handle(records(100, i -> UnaryOperator.identity()));

    assertThat(r.thrown()).isNull();
    assertThat(r.value().records()).hasSize(100);
    assertThat(r.value().locked()).isEqualTo(1);
    assertThat(r.value().alreadyLocked()).isEqualTo(99);
    assertThat(store.get(SampleEvents.SAMPLE_HEALTH_CHECK_ID).resourcePath()).isEqualTo(LOCKED);
    // the first record: read, tags, tag, update; each duplicate: a read and its tags (for the
    // last failback), plus this assertion's read
    assertThat(store.calls()).isEqualTo(4 + 2 * 99 + 1);
  }

  @Test
  void hundredAlarmsOnHundredChecksLockEachOfThem() {
    Bounded.Result<FailoverReport> r =
        handle(records(100, i -> m -> withHealthCheckId(m, "check-" + i)));

    assertThat(r.thrown()).isNull();
    assertThat(r.value().locked()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(store.get("check-" + i).resourcePath()).isEqualTo(LOCKED);
    }
  }

  @Test
  void hundredUnreadableRecordsAreEachNamedInOneBoundedError() {
    Bounded.Result<FailoverReport> r = handle(records(100, i -> m -> "not json " + i));

    assertThat(r.thrown()).isInstanceOf(FailoverFailedException.class);
    String error = r.thrown().getMessage();
    assertThat(error).startsWith("100 of 100 SNS record(s) could not be handled: ");
    for (int i = 0; i < 100; i++) {
      assertThat(error).contains("[MessageId message-" + i + "] AlarmNotificationException");
    }
    assertThat(error).hasSizeLessThan(100 * 400);
    assertThat(store.calls()).isZero();
  }

  @Test
  void alarmNestedOneThousandLevelsDeepIsRejectedNamingTheMessage() {
    Bounded.Result<FailoverReport> r =
        handleAlarmWithExtraField("[".repeat(1_000) + "]".repeat(1_000));

    assertThat(firstError(r))
        .startsWith("AlarmNotificationException: SNS message message-0: field \"Sns.Message\": malformed JSON: ")
        .contains("nesting depth");
    assertThat(store.calls()).isZero();
  }

  @Test
  void alarmNestedJustWithinTheLimitIsParsedAndLocks() {
    Bounded.Result<FailoverReport> r = handleAlarmWithExtraField("[".repeat(100) + "]".repeat(100));

    assertThat(r.thrown()).isNull();
    assertThat(r.value().locked()).isEqualTo(1);
  }

  @Test
  void nestingInsideTheTriggerNamesTheField() {
    String deep = "[".repeat(1_000) + "]".repeat(1_000);
    Bounded.Result<FailoverReport> r =
        handle(
            records(
                1,
                i -> m -> m.replace("\"Dimensions\":[", "\"Dimensions\":[" + deep + ",")));

    assertThat(firstError(r))
        .startsWith("AlarmNotificationException: SNS message message-0: field \"");
  }

  @Test
  void quarterMegabyteMessageIsParsed() {
    // SNS's largest message: 256 KB, here mostly one unknown field
    Bounded.Result<FailoverReport> r =
        handleAlarmWithExtraField("\"" + "x".repeat(256 * 1024 - 2_000) + "\"");

    assertThat(r.thrown()).isNull();
    assertThat(r.value().locked()).isEqualTo(1);
  }
}
