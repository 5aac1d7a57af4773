package io.route53failover.failover;

import static io.route53failover.failover.SampleEvents.SAMPLE_HEALTH_CHECK_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.testing.CapturedLog;
import io.route53failover.testing.InMemoryHealthCheckStore;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * FailoverFunction with gates: which health check an alarm locks ({@code ALARM_HEALTH_CHECKS},
 * then the {@code HealthCheckId} dimension, then {@code PRIMARY_HEALTH_CHECK_ID}), and stale
 * notifications reported as {@code skipped-stale}.
 */
class GateFailoverFunctionTest {
  /** The sample ALARM's AlarmName; it carries the HealthCheckId dimension SAMPLE_HEALTH_CHECK_ID. */
  private static final String ALARM_NAME = "primary-health-check";

  private final InMemoryHealthCheckStore store =
      new InMemoryHealthCheckStore()
          .addGate("gate-1", 1, "metric-1")
          .add(SAMPLE_HEALTH_CHECK_ID, "HTTPS", "/health")
          .add("primary-id", "HTTPS", "/health");

  private FailoverReport handle(Map<String, String> env, SNSEvent event) {
    return new FailoverFunction(FailoverConfig.fromEnvironment(env), store)
        .handleRequest(event, null);
  }

  @Test
  void theAlarmNameMapWinsOverTheDimensionAndThePrimary() {
    FailoverReport r =
        handle(
            Map.of(
                "ALARM_HEALTH_CHECKS", "{\"" + ALARM_NAME + "\":\"gate-1\"}",
                "PRIMARY_HEALTH_CHECK_ID", "primary-id"),
            SampleEvents.load(SampleEvents.ALARM));

    assertThat(r.locked()).isEqualTo(1);
    FailoverReport.RecordOutcome o = r.records().getFirst();
    assertThat(o.healthCheckId()).isEqualTo("gate-1");
    assertThat(o.field()).isEqualTo("HealthThreshold");
    assertThat(o.oldValue()).isEqualTo("1");
    assertThat(o.newValue()).isEqualTo("2");
    assertThat(store.threshold("gate-1")).isEqualTo(2);
    assertThat(store.path(SAMPLE_HEALTH_CHECK_ID)).isEqualTo("/health");
  }

  @Test
  void anAlarmNotInTheMapFallsBackToTheDimension() {
    FailoverReport r =
        handle(
            Map.of("ALARM_HEALTH_CHECKS", "{\"another-alarm\":\"gate-1\"}"),
            SampleEvents.load(SampleEvents.ALARM));

    assertThat(r.records().getFirst().healthCheckId()).isEqualTo(SAMPLE_HEALTH_CHECK_ID);
    assertThat(store.threshold("gate-1")).isEqualTo(1);
  }

  @Test
  void theAllowListAppliesToTheMappedGate() {
    // the config refuses a map entry outside the allow list at start-up
    assertThatThrownBy(
            () ->
                FailoverConfig.fromEnvironment(
                    Map.of(
                        "ALARM_HEALTH_CHECKS", "{\"" + ALARM_NAME + "\":\"gate-1\"}",
                        "ALLOWED_HEALTH_CHECK_IDS", SAMPLE_HEALTH_CHECK_ID)))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("ALARM_HEALTH_CHECKS: ")
        .hasMessageContaining("not in ALLOWED_HEALTH_CHECK_IDS");
  }

  @Test
  void aLateDuplicateAfterTheFailbackIsSkippedStaleLoggedAndCounted() {
    Map<String, String> env = Map.of("ALARM_HEALTH_CHECKS", "{\"" + ALARM_NAME + "\":\"gate-1\"}");
    SNSEvent alarm = SampleEvents.load(SampleEvents.ALARM); // StateChangeTime 2026-01-05
    assertThat(handle(env, alarm).locked()).isEqualTo(1);
    new HealthCheckLock(store, FailoverConfig.DEFAULT_FAILED_OVER_PATH)
        .failback("gate-1", Optional.empty());

    FailoverReport r;
    try (CapturedLog log = new CapturedLog(FailoverFunction.class)) {
      r = handle(env, SampleEvents.load(SampleEvents.ALARM));
      assertThat(log.fields())
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f)
                      .containsEntry("action", "skipped-stale")
                      .containsEntry("level", "INFO")
                      .containsEntry("healthCheckId", "gate-1"));
    }

    assertThat(r.skippedStale()).isEqualTo(1);
    assertThat(r.locked() + r.alreadyLocked() + r.failed()).isZero();
    assertThat(r.records().getFirst().getAction()).isEqualTo("skipped-stale");
    assertThat(r.records().getFirst().error())
        .startsWith("StateChangeTime 2026-01-05T10:15:30.123+0000 is not after the last failback")
        .contains(LastFailbackTag.KEY);
    assertThat(store.threshold("gate-1")).isEqualTo(1);
  }

  @Test
  void badAlarmHealthChecksFailAtStartUpNamingTheVariable() {
    for (String bad : new String[] {"{", "[\"a\"]", "{\"a\":1}", "{\"a\":\"\"}", "{\"\":\"x\"}"}) {
      assertThatThrownBy(() -> FailoverConfig.fromEnvironment(Map.of("ALARM_HEALTH_CHECKS", bad)))
          .as(bad)
          .isInstanceOf(FailoverConfigException.class)
          .hasMessageStartingWith("ALARM_HEALTH_CHECKS: ");
    }
    assertThat(
            FailoverConfig.fromEnvironment(Map.of("ALARM_HEALTH_CHECKS", " {\"a\":\" g \"} "))
                .alarmHealthChecks())
        .isEqualTo(Map.of("a", "g"));
    assertThat(FailoverConfig.fromEnvironment(Map.of("ALARM_HEALTH_CHECKS", " ")).alarmHealthChecks())
        .isEmpty();
  }

  @Test
  void stateChangeTimeIsReadInCloudWatchsFormAndIso() {
    assertThat(notification("2026-01-05T10:15:30.123+0000").stateChangeInstant())
        .contains(java.time.Instant.parse("2026-01-05T10:15:30.123Z"));
    assertThat(notification("2026-01-05T11:15:30.123+01:00").stateChangeInstant())
        .contains(java.time.Instant.parse("2026-01-05T10:15:30.123Z"));
    assertThat(notification("yesterday").stateChangeInstant()).isEmpty();
    assertThat(notification(null).stateChangeInstant()).isEmpty();
  }

  private static AlarmNotification notification(String time) {
    return new AlarmNotification("a", null, null, "ALARM", "OK", null, time, null, null, null);
  }
}
