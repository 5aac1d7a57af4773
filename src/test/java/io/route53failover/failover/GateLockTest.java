package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.route53failover.testing.InMemoryHealthCheckStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * The lock of {@code CALCULATED} gates ({@link HealthThresholdLock}) and the stale-notification
 * rule ({@link LastFailbackTag}) for both mechanisms, through {@link HealthCheckLock}.
 */
class GateLockTest {
  private static final String GATE = "gate-1";
  private static final String CHILD = "metric-1";
  private static final String LOCKED_PATH = "/lb-check-failed-over";
  private static final String TAG = HealthThresholdLock.TAG;
  private static final Instant FAILBACK = Instant.parse("2026-12-03T12:00:00.250Z");

  private final InMemoryHealthCheckStore store = new InMemoryHealthCheckStore();
  private final HealthCheckLock lock =
      new HealthCheckLock(
          store, LOCKED_PATH, 5, FailbackGuard.NONE, Clock.fixed(FAILBACK, ZoneOffset.UTC));

  @Test
  void oneChildGateLocksAtTwoRecordingTheOriginalAndKeepingTheChild() {
    store.addGate(GATE, 1, CHILD);

    LockResult r = lock.lock(GATE, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.field()).isEqualTo("HealthThreshold");
    assertThat(r.oldValue()).isEqualTo("1");
    assertThat(r.newValue()).isEqualTo("2");
    assertThat(r.newVersion()).isEqualTo(2);
    assertThat(store.threshold(GATE)).isEqualTo(2);
    assertThat(store.children(GATE)).containsExactly(CHILD);
    assertThat(store.tagsNow(GATE)).containsEntry(TAG, "1");
  }

  @Test
  void theOriginalIsTaggedBeforeTheUpdateWhichCarriesTheChildrenJustRead() {
    HealthCheckStore s = mock(HealthCheckStore.class);
    when(s.get(GATE)).thenReturn(gate(2, 4, "a", "b"));
    when(s.tags(GATE)).thenReturn(Map.of());
    when(s.updateHealthThreshold(GATE, 3, List.of("a", "b"), 4)).thenReturn(5L);

    LockResult r = new HealthCheckLock(s, LOCKED_PATH).lock(GATE, () -> true);

    assertThat(r.newValue()).isEqualTo("3");
    InOrder order = inOrder(s);
    order.verify(s).putTag(GATE, TAG, "2");
    order.verify(s).updateHealthThreshold(GATE, 3, List.of("a", "b"), 4);
  }

  @Test
  void twoChildrenLockAtThreeAndFailBackToTheRecordedTwo() {
    store.addGate(GATE, 2, "a", "b");

    assertThat(lock.lock(GATE, () -> true).newValue()).isEqualTo("3");
    FailbackResult f = lock.failback(GATE, Optional.empty());

    assertThat(f.field()).isEqualTo("HealthThreshold");
    assertThat(f.restoredValue()).isEqualTo("2");
    assertThat(f.source()).isEqualTo("tag");
    assertThat(f.at()).isEqualTo(FAILBACK);
    assertThat(store.threshold(GATE)).isEqualTo(2);
    assertThat(store.children(GATE)).containsExactly("a", "b");
    assertThat(store.tagsNow(GATE))
        .doesNotContainKey(TAG)
        .containsEntry(LastFailbackTag.KEY, "2026-12-03T12:00:00.250Z");
  }

  @Test
  void zeroChildrenLockAtOneAndOneIsAlreadyLocked() {
    store.addGate(GATE, 0);
    assertThat(lock.lock(GATE, () -> true).newValue()).isEqualTo("1");
    assertThat(store.threshold(GATE)).isEqualTo(1);

    InMemoryHealthCheckStore other = new InMemoryHealthCheckStore().addGate(GATE, 1);
    LockResult r = new HealthCheckLock(other, LOCKED_PATH).lock(GATE, () -> true);
    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.ALREADY_LOCKED);
    assertThat(other.writes()).isEmpty();
  }

  @Test
  void redeliveryIsAlreadyLockedAndKeepsTheFirstRecord() {
    store.addGate(GATE, 1, CHILD);
    lock.lock(GATE, () -> true);

    LockResult again = lock.lock(GATE, () -> true);

    assertThat(again.outcome()).isEqualTo(LockResult.Outcome.ALREADY_LOCKED);
    assertThat(store.writes()).hasSize(1);
    assertThat(store.tagsNow(GATE)).containsEntry(TAG, "1");
  }

  @Test
  void aGateLockedByHandAboveItsChildrenIsAlreadyLockedAndNeedsThreshold() {
    store.addGate(GATE, 5, CHILD);

    assertThat(lock.lock(GATE, () -> true).outcome())
        .isEqualTo(LockResult.Outcome.ALREADY_LOCKED);
    assertThatThrownBy(() -> lock.failback(GATE, Optional.empty()))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("no original HealthThreshold is recorded")
        .hasMessageContaining("pass --threshold");
    assertThatThrownBy(() -> lock.failback(GATE, Optional.of("2")))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessage(
            "--threshold: HealthThreshold 2 is above the gate's 1 child, which is the locked state"
                + " itself; nothing changed");
    assertThatThrownBy(() -> lock.failback(GATE, Optional.of("/health")))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageStartingWith("--threshold: \"/health\" is not a HealthThreshold");
    assertThat(store.writes()).isEmpty();

    FailbackResult f = lock.failback(GATE, Optional.of("1"));
    assertThat(f.source()).isEqualTo("--threshold");
    assertThat(store.threshold(GATE)).isEqualTo(1);
  }

  @Test
  void aRecordedThresholdAboveTheChildrenNowIsRefused() {
    store.addGate(GATE, 3, CHILD);
    store.putTag(GATE, TAG, "2");

    assertThatThrownBy(() -> lock.failback(GATE, Optional.empty()))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("records a value that cannot be restored")
        .hasMessageContaining("pass --threshold");
    store.putTag(GATE, TAG, "two");
    assertThatThrownBy(() -> lock.failback(GATE, Optional.empty()))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("which is not a recorded HealthThreshold");
    assertThat(store.writes()).isEmpty();
  }

  @Test
  void aVersionMismatchReadsTheGateAgain() {
    HealthCheckStore s = mock(HealthCheckStore.class);
    when(s.get(GATE)).thenReturn(gate(1, 3, CHILD), gate(1, 4, CHILD));
    when(s.tags(GATE)).thenReturn(Map.of(), Map.of(TAG, "1"));
    when(s.updateHealthThreshold(GATE, 2, List.of(CHILD), 3))
        .thenThrow(new VersionMismatchException(GATE, 3, null));
    when(s.updateHealthThreshold(GATE, 2, List.of(CHILD), 4)).thenReturn(5L);

    LockResult r = new HealthCheckLock(s, LOCKED_PATH).lock(GATE, () -> true);

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.newVersion()).isEqualTo(5);
    verify(s).putTag(GATE, TAG, "1"); // once: the second attempt finds its own record
  }

  @Test
  void aTagThatCannotBeWrittenStillLocksWithAWarning() {
    HealthCheckStore s = mock(HealthCheckStore.class);
    when(s.get(GATE)).thenReturn(gate(1, 1, CHILD));
    when(s.tags(GATE)).thenReturn(Map.of());
    doThrow(Route53Exception.builder().message("Rate exceeded").statusCode(400).build())
        .when(s)
        .putTag(GATE, TAG, "1");
    when(s.updateHealthThreshold(GATE, 2, List.of(CHILD), 1)).thenReturn(2L);

    LockResult r = new HealthCheckLock(s, LOCKED_PATH).lock(GATE, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.warning())
        .startsWith("original HealthThreshold \"1\" not recorded in tag " + TAG)
        .contains("Rate exceeded")
        .endsWith("failback will need --threshold");
  }

  @Test
  void unreadableTagsStillLockWithoutTheStaleCheck() {
    HealthCheckStore s = mock(HealthCheckStore.class);
    when(s.get(GATE)).thenReturn(gate(1, 1, CHILD));
    when(s.tags(GATE))
        .thenThrow(Route53Exception.builder().message("Rate exceeded").statusCode(400).build());
    when(s.updateHealthThreshold(GATE, 2, List.of(CHILD), 1)).thenReturn(2L);

    LockResult r =
        new HealthCheckLock(s, LOCKED_PATH)
            .lock(GATE, Optional.of(FAILBACK.minusSeconds(60)), () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.warning()).contains("not recorded").contains("Rate exceeded");
    verify(s, never()).putTag(anyString(), anyString(), anyString());
  }

  @Test
  void typesWithoutALockNameTheTypeAndTheGate() {
    for (String type : new String[] {"CLOUDWATCH_METRIC", "TCP", "RECOVERY_CONTROL"}) {
      InMemoryHealthCheckStore s = new InMemoryHealthCheckStore().add("x", type, null);
      assertThatThrownBy(() -> new HealthCheckLock(s, LOCKED_PATH).lock("x", () -> true))
          .as(type)
          .isInstanceOf(UnsupportedHealthCheckTypeException.class)
          .hasMessageContaining("has type " + type)
          .hasMessageContaining("put a CALCULATED gate in front of it");
      assertThat(new HealthCheckLock(s, LOCKED_PATH).status("x").lockable()).isFalse();
    }
  }

  // ---- stale notifications

  @Test
  void anAlarmNotAfterTheLastFailbackIsSkippedForBothMechanisms() {
    store.addGate(GATE, 1, CHILD).add("web", "HTTPS", "/health");
    for (String id : List.of(GATE, "web")) {
      lock.lock(id, () -> true);
      lock.failback(id, Optional.empty());
      int writes = store.writes().size();

      for (Instant stale : List.of(FAILBACK, FAILBACK.minusMillis(1), FAILBACK.minusSeconds(600))) {
        LockResult r = lock.lock(id, Optional.of(stale), () -> true);
        assertThat(r.outcome()).as(id + " " + stale).isEqualTo(LockResult.Outcome.SKIPPED_STALE);
        assertThat(r.lastFailback()).isEqualTo(FAILBACK);
        assertThat(r.newValue()).isEqualTo(r.oldValue());
      }
      assertThat(store.writes()).hasSize(writes);

      LockResult fresh = lock.lock(id, Optional.of(FAILBACK.plusMillis(1)), () -> true);
      assertThat(fresh.outcome()).as(id).isEqualTo(LockResult.Outcome.LOCKED);
      // a lock without a notification time (an operator's) is never stale
      lock.failback(id, Optional.empty());
      assertThat(lock.lock(id, () -> true).outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    }
  }

  @Test
  void anUnreadableFailbackTimeDoesNotStopTheLock() {
    store.addGate(GATE, 1, CHILD);
    store.putTag(GATE, LastFailbackTag.KEY, "yesterday");

    LockResult r = lock.lock(GATE, Optional.of(Instant.EPOCH), () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.lastFailback()).isNull();
  }

  @Test
  void aFailbackTimeThatCannotBeWrittenIsAWarningAfterTheRestore() {
    HealthCheckStore s = mock(HealthCheckStore.class);
    when(s.get(GATE)).thenReturn(gate(2, 2, CHILD));
    when(s.tags(GATE)).thenReturn(Map.of(TAG, "1"));
    doThrow(Route53Exception.builder().message("Access denied").statusCode(403).build())
        .when(s)
        .putTag(eq(GATE), eq(LastFailbackTag.KEY), anyString());
    when(s.updateHealthThreshold(GATE, 1, List.of(CHILD), 2)).thenReturn(3L);

    FailbackResult f = new HealthCheckLock(s, LOCKED_PATH).failback(GATE, Optional.empty());

    assertThat(f.restoredValue()).isEqualTo("1");
    assertThat(f.tagRemoved()).isTrue();
    assertThat(f.warning())
        .contains(LastFailbackTag.KEY)
        .contains("Access denied")
        .contains("a late duplicate of an old ALARM notification can lock again");
  }

  // ---- status

  @Test
  void statusNamesTheMechanismTheChildrenTheOriginalAndTheLastFailback() {
    store.addGate(GATE, 1, CHILD).add(CHILD, "CLOUDWATCH_METRIC", null);
    store.reportStatus(CHILD, "Success: HealthCheckStatus OK");
    lock.lock(GATE, () -> true);

    LockStatus locked = lock.status(GATE);
    assertThat(locked.field()).isEqualTo("HealthThreshold");
    assertThat(locked.currentValue()).isEqualTo("2");
    assertThat(locked.lockedValue()).isEqualTo("2");
    assertThat(locked.locked()).isTrue();
    assertThat(locked.lockDescription()).isEqualTo("HealthThreshold 2 > 1 child");
    assertThat(locked.recordedOriginal()).isEqualTo("1");
    assertThat(locked.originalRecorded()).isTrue();
    assertThat(locked.children())
        .containsExactly(new LockStatus.Child(CHILD, "Success: HealthCheckStatus OK"));
    assertThat(locked.lastFailback()).isNull();

    lock.failback(GATE, Optional.empty());
    LockStatus after = lock.status(GATE);
    assertThat(after.locked()).isFalse();
    assertThat(after.lockDescription()).isEqualTo("HealthThreshold 1 <= 1 child");
    assertThat(after.tagValue()).isNull();
    assertThat(after.lastFailback()).isEqualTo(FAILBACK);
  }

  @Test
  void aChildWhoseStatusCannotBeReadIsReportedNotFatal() {
    store.addGate(GATE, 1, "gone");

    LockStatus s = lock.status(GATE);

    assertThat(s.children()).singleElement().satisfies(c -> {
      assertThat(c.healthCheckId()).isEqualTo("gone");
      assertThat(c.lastReportedStatus()).startsWith("(unknown: ");
    });
  }

  private static HealthCheckState gate(int threshold, long version, String... children) {
    return new HealthCheckState(GATE, "CALCULATED", null, threshold, List.of(children), version);
  }
}
