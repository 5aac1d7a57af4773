package io.route53failover.failover;

import static io.route53failover.failover.SampleEvents.SAMPLE_HEALTH_CHECK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.Mechanism;
import io.route53failover.testing.InMemoryHealthCheckStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FailoverFunction with the arm state and the events: skipped-disarmed, expiry, one event each. */
class FailoverControlTest {
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private final InMemoryHealthCheckStore store =
      new InMemoryHealthCheckStore().add(SAMPLE_HEALTH_CHECK_ID, "HTTPS", "/health");
  private final List<ActionEvent> events = new ArrayList<>();

  private FailoverReport alarmAt(Instant now) {
    FailoverConfig config = FailoverConfig.fromEnvironment(Map.of());
    FailoverFunction f =
        new FailoverFunction(
            config,
            new HealthCheckLock(store, LOCKED),
            new FailoverControl(store, events::add, Clock.fixed(now, ZoneOffset.UTC), "fn"));
    return f.handleRequest(SampleEvents.load(SampleEvents.ALARM), null);
  }

  private void disarmFor(Duration d) {
    ArmState.disarmTags(NOW, d, "planned restart", "arn:op")
        .forEach((k, v) -> store.putTag(SAMPLE_HEALTH_CHECK_ID, k, v));
    store.putTag(SAMPLE_HEALTH_CHECK_ID, GateTags.NODE, "node1");
  }

  @Test
  void disarmedCheckIsSkippedUnchangedAndTheSkipIsPublished() {
    disarmFor(Duration.ofMinutes(30));

    FailoverReport report = alarmAt(NOW.plusSeconds(60));

    assertThat(report.records()).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(FailoverAction.SKIPPED_DISARMED);
      assertThat(r.warning()).startsWith("disarmed until 2026-12-03T12:30:00Z (reason: planned restart");
    });
    assertThat(report.locked()).isZero();
    assertThat(store.path(SAMPLE_HEALTH_CHECK_ID)).isEqualTo("/health");
    assertThat(store.writes()).isEmpty();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(Action.SKIPPED_DISARMED);
      assertThat(e.healthCheckId()).isEqualTo(SAMPLE_HEALTH_CHECK_ID);
      assertThat(e.node()).isEqualTo("node1");
      assertThat(e.alarm()).isEqualTo("primary-health-check");
      assertThat(e.actor()).isEqualTo("fn");
      assertThat(e.time()).isEqualTo(NOW.plusSeconds(60));
    });
  }

  @Test
  void anExpiredDisarmLocksAndPublishesLocked() {
    disarmFor(Duration.ofMinutes(30));

    FailoverReport report = alarmAt(NOW.plus(Duration.ofMinutes(30)));

    assertThat(report.locked()).isEqualTo(1);
    assertThat(store.path(SAMPLE_HEALTH_CHECK_ID)).isEqualTo(LOCKED);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(Action.LOCKED);
      assertThat(e.mechanism()).isEqualTo(Mechanism.RESOURCE_PATH);
      assertThat(e.oldValue()).isEqualTo("/health");
      assertThat(e.newValue()).isEqualTo(LOCKED);
    });

    alarmAt(NOW.plus(Duration.ofMinutes(31)));
    assertThat(events).last().extracting(ActionEvent::action).isEqualTo(Action.ALREADY_LOCKED);
  }

  @Test
  void initialStaysDisarmedUntilArmed() {
    store.putTag(SAMPLE_HEALTH_CHECK_ID, ArmState.DISARMED_UNTIL, ArmState.INITIAL);
    assertThat(alarmAt(NOW).records().get(0).action()).isEqualTo(FailoverAction.SKIPPED_DISARMED);

    store.removeTag(SAMPLE_HEALTH_CHECK_ID, ArmState.DISARMED_UNTIL);
    assertThat(alarmAt(NOW).records().get(0).action()).isEqualTo(FailoverAction.LOCKED);
  }

  @Test
  void okNotificationsPublishNothingAndFailuresPublishFailed() {
    FailoverConfig config = FailoverConfig.fromEnvironment(Map.of());
    FailoverControl control =
        new FailoverControl(store, events::add, Clock.fixed(NOW, ZoneOffset.UTC), "fn");
    new FailoverFunction(config, new HealthCheckLock(store, LOCKED), control)
        .handleRequest(SampleEvents.load(SampleEvents.OK), null);
    assertThat(events).isEmpty();

    InMemoryHealthCheckStore empty = new InMemoryHealthCheckStore();
    FailoverControl other =
        new FailoverControl(empty, events::add, Clock.fixed(NOW, ZoneOffset.UTC), "fn");
    try {
      new FailoverFunction(config, new HealthCheckLock(empty, LOCKED), other)
          .handleRequest(SampleEvents.load(SampleEvents.ALARM), null);
    } catch (FailoverFailedException expected) {
      // the unknown check fails the record
    }
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(Action.FAILED);
      assertThat(e.reason()).isNotBlank();
    });
  }
}
