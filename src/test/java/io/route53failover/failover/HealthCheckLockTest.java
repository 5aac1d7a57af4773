package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.route53failover.testing.CapturedLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class HealthCheckLockTest {
  private static final String ID = "hc-1";
  private static final String LOCKED = "/lb-check-failed-over";
  private static final String TAG = OriginalPathTag.KEY;

  private final HealthCheckStore store = mock(HealthCheckStore.class);
  private final HealthCheckLock lock = new HealthCheckLock(store, LOCKED);

  private static HealthCheckState state(String type, String path, long version) {
    return new HealthCheckState(ID, type, path, null, List.of(), version);
  }

  private static VersionMismatchException mismatch(long version) {
    return new VersionMismatchException(ID, version, null);
  }

  // ---- lock

  @Test
  void locksAnUnlockedCheckRecordingTheOriginalPathFirst() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 3));
    when(store.tags(ID)).thenReturn(Map.of("Name", "primary"));
    when(store.updateResourcePath(ID, LOCKED, 3)).thenReturn(4L);

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.oldValue()).isEqualTo("/health");
    assertThat(r.newValue()).isEqualTo(LOCKED);
    assertThat(r.oldVersion()).isEqualTo(3);
    assertThat(r.newVersion()).isEqualTo(4);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.warning()).isNull();
    InOrder order = inOrder(store);
    order.verify(store).get(ID);
    order.verify(store).putTag(ID, TAG, "/health");
    order.verify(store).updateResourcePath(ID, LOCKED, 3);
  }

  @Test
  void everyTypeWithAResourcePathCanBeLocked() {
    for (String type : new String[] {"HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH"}) {
      HealthCheckStore s = mock(HealthCheckStore.class);
      when(s.get(ID)).thenReturn(state(type, "/", 1));
      when(s.tags(ID)).thenReturn(Map.of());
      when(s.updateResourcePath(ID, LOCKED, 1)).thenReturn(2L);

      assertThat(new HealthCheckLock(s, LOCKED).lock(ID, () -> true).outcome())
          .as(type)
          .isEqualTo(LockResult.Outcome.LOCKED);
    }
  }

  @Test
  void alreadyLockedChangesNothing() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 7));

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.ALREADY_LOCKED);
    assertThat(r.oldVersion()).isEqualTo(7);
    assertThat(r.newVersion()).isEqualTo(7);
    verify(store).get(ID);
    verify(store).tags(ID); // for the last failback, which a manual lock ignores
    verifyNoMoreInteractions(store);
  }

  @Test
  void typeWithoutResourcePathIsRefusedNamingTheType() {
    when(store.get(ID)).thenReturn(state("CLOUDWATCH_METRIC", null, 1));

    assertThatThrownBy(() -> lock.lock(ID, () -> true))
        .isInstanceOfSatisfying(
            UnsupportedHealthCheckTypeException.class,
            e -> assertThat(e.type()).isEqualTo("CLOUDWATCH_METRIC"))
        .hasMessageContaining("CLOUDWATCH_METRIC")
        .hasMessageContaining(ID);
    verify(store, never()).updateResourcePath(anyString(), any(), anyLong());
    verify(store, never()).putTag(anyString(), anyString(), anyString());
  }

  @Test
  void versionMismatchRereadsOnceAndRetriesWithTheNewVersion() {
    when(store.get(ID))
        .thenReturn(state("HTTPS", "/health", 3))
        .thenReturn(state("HTTPS", "/health", 4));
    when(store.tags(ID)).thenReturn(Map.of()).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, LOCKED, 3)).thenThrow(mismatch(3));
    when(store.updateResourcePath(ID, LOCKED, 4)).thenReturn(5L);

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.oldVersion()).isEqualTo(4);
    assertThat(r.newVersion()).isEqualTo(5);
    verify(store, times(2)).get(ID);
    verify(store).updateResourcePath(ID, LOCKED, 3);
    verify(store).updateResourcePath(ID, LOCKED, 4);
    verify(store, times(1)).putTag(ID, TAG, "/health");
  }

  @Test
  void versionMismatchWhereTheOtherWriterLockedEndsAsAlreadyLocked() {
    when(store.get(ID))
        .thenReturn(state("HTTPS", "/health", 3))
        .thenReturn(state("HTTPS", LOCKED, 4));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 3)).thenThrow(mismatch(3));

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.ALREADY_LOCKED);
    verify(store, times(1)).updateResourcePath(anyString(), any(), anyLong());
  }

  @Test
  void persistentVersionMismatchGivesUpAfterTheBoundedAttempts() {
    long[] version = {10};
    when(store.get(ID)).thenAnswer(inv -> state("HTTPS", "/health", version[0]++));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(eq(ID), eq(LOCKED), anyLong()))
        .thenAnswer(
            inv -> {
              throw mismatch(inv.getArgument(2));
            });

    assertThatThrownBy(() -> lock.lock(ID, () -> true))
        .isInstanceOf(LockContentionException.class)
        .hasMessageContaining(ID)
        .hasMessageContaining("5 attempts");
    verify(store, times(HealthCheckLock.DEFAULT_MAX_ATTEMPTS)).get(ID);
    verify(store, times(HealthCheckLock.DEFAULT_MAX_ATTEMPTS))
        .updateResourcePath(eq(ID), eq(LOCKED), anyLong());
  }

  @Test
  void noTimeForAFirstAttemptChangesNothing() {
    assertThatThrownBy(() -> lock.lock(ID, () -> false))
        .isInstanceOf(LockDeadlineException.class)
        .hasMessageContaining(ID)
        .hasMessageContaining("not started");
    verifyNoMoreInteractions(store);
  }

  @Test
  void noTimeForAnotherAttemptAfterAMismatchGivesUp() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 3));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 3)).thenThrow(mismatch(3));
    int[] asked = {0};

    assertThatThrownBy(() -> lock.lock(ID, () -> ++asked[0] == 1))
        .isInstanceOf(LockDeadlineException.class)
        .hasMessageContaining("1 attempt(s) (HealthCheckVersionMismatch)")
        .hasCauseInstanceOf(VersionMismatchException.class);
    assertThat(asked[0]).isEqualTo(2);
    verify(store, times(1)).get(ID);
    verify(store, times(1)).updateResourcePath(anyString(), any(), anyLong());
  }

  @Test
  void aRecordedOriginalPathIsNeverOverwritten() {
    // a lock left by an earlier FAILED_OVER_PATH: the current path is not the real original
    when(store.get(ID)).thenReturn(state("HTTPS", "/old-lock-path", 5));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, LOCKED, 5)).thenReturn(6L);

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    verify(store, never()).putTag(anyString(), anyString(), anyString());
  }

  @Test
  void retryAfterAPartialFailureKeepsItsOwnRecord() {
    // first delivery wrote the tag, then UpdateHealthCheck failed; SNS delivers again
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 2));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, LOCKED, 2)).thenReturn(3L);

    assertThat(lock.lock(ID, () -> true).outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    verify(store, never()).putTag(anyString(), anyString(), anyString());
  }

  @Test
  void checkWithoutResourcePathIsRecordedAsTheEmptyValue() {
    when(store.get(ID)).thenReturn(state("HTTP", null, 1));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 1)).thenReturn(2L);

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.oldValue()).isNull();
    verify(store).putTag(ID, TAG, "");
  }

  @Test
  void failingToRecordTheOriginalStillLocksAndWarns() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 1));
    when(store.tags(ID)).thenReturn(Map.of());
    doThrow(new IllegalStateException("AccessDenied on ChangeTagsForResource"))
        .when(store)
        .putTag(ID, TAG, "/health");
    when(store.updateResourcePath(ID, LOCKED, 1)).thenReturn(2L);

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.warning()).contains("AccessDenied").contains("--path").contains("\"/health\"");
  }

  @Test
  void updateErrorsOtherThanMismatchPropagate() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 1));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 1)).thenThrow(new IllegalStateException("500"));

    assertThatThrownBy(() -> lock.lock(ID, () -> true)).isInstanceOf(IllegalStateException.class);
    verify(store, times(1)).get(ID);
  }

  // ---- failback

  @Test
  void failbackRefusesWhenNotLockedAndChangesNothing() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 4));

    assertThatThrownBy(() -> lock.failback(ID, Optional.empty()))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("is not locked")
        .hasMessageContaining("\"/health\"")
        .hasMessageContaining("nothing changed");
    verify(store, never()).updateResourcePath(anyString(), any(), anyLong());
    verify(store, never()).removeTag(anyString(), anyString());
  }

  @Test
  void failbackRemovesTheTagThenRestoresTheRecordedPathWithTheVersion() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 8));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/health", 8)).thenReturn(9L);

    FailbackResult r = lock.failback(ID, Optional.empty());

    assertThat(r.restoredValue()).isEqualTo("/health");
    assertThat(r.newVersion()).isEqualTo(9);
    assertThat(r.source()).isEqualTo("tag");
    assertThat(r.tagRemoved()).isTrue();
    assertThat(r.warning()).isNull();
    // the record goes first, so an unlocked check never carries it (LockFailbackInterleavingsTest)
    InOrder order = inOrder(store);
    order.verify(store).removeTag(ID, TAG);
    order.verify(store).updateResourcePath(ID, "/health", 8);
  }

  @Test
  void failbackDecodesAnEscapedRecord() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 2));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health=3Ffull=3D1"));
    when(store.updateResourcePath(ID, "/health?full=1", 2)).thenReturn(3L);

    assertThat(lock.failback(ID, Optional.empty()).restoredValue()).isEqualTo("/health?full=1");
  }

  @Test
  void failbackOfACheckThatHadNoPathRemovesThePath() {
    when(store.get(ID)).thenReturn(state("HTTP", LOCKED, 2));
    when(store.tags(ID)).thenReturn(Map.of(TAG, ""));
    when(store.updateResourcePath(ID, null, 2)).thenReturn(3L);

    FailbackResult r = lock.failback(ID, Optional.empty());

    assertThat(r.restoredValue()).isNull();
    verify(store).updateResourcePath(ID, null, 2);
  }

  @Test
  void failbackWithAnExplicitPathWinsOverTheTag() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 2));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/ready", 2)).thenReturn(3L);

    FailbackResult r = lock.failback(ID, Optional.of("/ready"));

    assertThat(r.restoredValue()).isEqualTo("/ready");
    assertThat(r.source()).isEqualTo("--path");
    verify(store).removeTag(ID, TAG);
  }

  @Test
  void failbackWithoutRecordOrPathRefuses() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 2));
    when(store.tags(ID)).thenReturn(Map.of());

    assertThatThrownBy(() -> lock.failback(ID, Optional.empty()))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("no original ResourcePath is recorded")
        .hasMessageContaining("--path");
    verify(store, never()).updateResourcePath(anyString(), any(), anyLong());
  }

  @Test
  void failbackWithoutRecordButWithPathRestoresIt() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 2));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, "/health", 2)).thenReturn(3L);

    FailbackResult r = lock.failback(ID, Optional.of("/health"));

    assertThat(r.restoredValue()).isEqualTo("/health");
    verify(store, never()).removeTag(anyString(), anyString());
  }

  @Test
  void failbackRefusesInvalidOrLockedPaths() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 3));
    assertThatThrownBy(() -> lock.failback(ID, Optional.of("health")))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageStartingWith("--path: must start with '/'");
    assertThatThrownBy(() -> lock.failback(ID, Optional.of(LOCKED)))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("failed-over path itself");
    assertThatThrownBy(() -> lock.failback(ID, Optional.of("")))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessage("--path: must not be empty; nothing changed");
    verify(store, times(3)).get(ID); // the mechanism depends on the type; nothing else is called
    verifyNoMoreInteractions(store);
  }

  @Test
  void failbackRetriesAVersionMismatchWithTheNewVersion() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 5)).thenReturn(state("HTTPS", LOCKED, 6));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/health", 5)).thenThrow(mismatch(5));
    when(store.updateResourcePath(ID, "/health", 6)).thenReturn(7L);

    assertThat(lock.failback(ID, Optional.empty()).newVersion()).isEqualTo(7);
    verify(store, times(2)).get(ID);
    // this mock still lists the tag on the second read, so it is removed before each update
    verify(store, times(2)).removeTag(ID, TAG);
  }

  @Test
  void failbackRereadAfterAMismatchStillRestoresTheRecordItRemoved() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 5)).thenReturn(state("HTTPS", LOCKED, 6));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health=3Fdeep")).thenReturn(Map.of());
    when(store.updateResourcePath(ID, "/health?deep", 5)).thenThrow(mismatch(5));
    when(store.updateResourcePath(ID, "/health?deep", 6)).thenReturn(7L);

    FailbackResult r = lock.failback(ID, Optional.empty());

    assertThat(r.restoredValue()).isEqualTo("/health?deep");
    assertThat(r.source()).isEqualTo("tag");
    verify(store, times(1)).removeTag(ID, TAG);
  }

  @Test
  void failbackWhoseUpdateFailsPutsTheRecordBack() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 5));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/health", 5))
        .thenThrow(new IllegalStateException("InternalFailure"));

    assertThatThrownBy(() -> lock.failback(ID, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("InternalFailure");
    InOrder order = inOrder(store);
    order.verify(store).removeTag(ID, TAG);
    order.verify(store).updateResourcePath(ID, "/health", 5);
    order.verify(store).putTag(ID, TAG, "/health");
  }

  @Test
  void failbackWhoseRecordCannotBePutBackKeepsBothErrors() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 5));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/health", 5))
        .thenThrow(new IllegalStateException("InternalFailure"));
    doThrow(new IllegalStateException("Throttling")).when(store).putTag(ID, TAG, "/health");

    assertThatThrownBy(() -> lock.failback(ID, Optional.empty()))
        .hasMessage("InternalFailure")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement().hasToString(
            "java.lang.IllegalStateException: Throttling"));
  }

  @Test
  void failbackReportsATagThatCouldNotBeRemoved() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 5));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/health", 5)).thenReturn(6L);
    doThrow(new IllegalStateException("Throttling")).when(store).removeTag(ID, TAG);

    FailbackResult r = lock.failback(ID, Optional.empty());

    assertThat(r.restoredValue()).isEqualTo("/health");
    assertThat(r.tagRemoved()).isFalse();
    assertThat(r.warning()).contains("could not be removed").contains("Throttling");
  }

  @Test
  void failbackGuardCanStopTheFailbackBeforeAnyChange() {
    HealthCheckLock guarded =
        new HealthCheckLock(
            store,
            LOCKED,
            HealthCheckLock.DEFAULT_MAX_ATTEMPTS,
            (locked, path) -> {
              throw new FailbackRefusedException("primary not healthy yet");
            });
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 5));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));

    assertThatThrownBy(() -> guarded.failback(ID, Optional.empty()))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessage("primary not healthy yet");
    verify(store, never()).updateResourcePath(anyString(), any(), anyLong());
  }

  // ---- status

  @Test
  void statusReadsLockAndRecord() {
    when(store.get(ID)).thenReturn(state("HTTPS", LOCKED, 2));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));

    LockStatus s = lock.status(ID);

    assertThat(s.locked()).isTrue();
    assertThat(s.originalRecorded()).isTrue();
    assertThat(s.recordedOriginal()).isEqualTo("/health");
    verify(store, never()).updateResourcePath(anyString(), any(), anyLong());
  }

  @Test
  void statusOfAnUnlockedCheckWithAnUnreadableTag() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 2));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/x?y"));

    LockStatus s = lock.status(ID);

    assertThat(s.locked()).isFalse();
    assertThat(s.originalRecorded()).isFalse();
    assertThat(s.tagProblem()).contains("unexpected character");
  }

  // ---- limits, records and log lines (mutants PIT found surviving, see RELIABILITY.md)

  @Test
  void oneAttemptIsAllowedAndZeroIsNot() {
    HealthCheckLock once = new HealthCheckLock(store, LOCKED, 1, FailbackGuard.NONE);
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 3));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 3)).thenThrow(mismatch(3));

    assertThatThrownBy(() -> once.lock(ID, () -> true)).isInstanceOf(LockContentionException.class);
    verify(store, times(1)).get(ID);
    assertThatThrownBy(() -> new HealthCheckLock(store, LOCKED, 0, FailbackGuard.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1, was 0");
  }

  @Test
  void persistentVersionMismatchStopsTheFailbackAfterTheBoundedAttempts() {
    long[] version = {10};
    when(store.get(ID)).thenAnswer(inv -> state("HTTPS", LOCKED, version[0]++));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(eq(ID), eq("/health"), anyLong()))
        .thenAnswer(
            inv -> {
              throw mismatch(inv.getArgument(2));
            });

    assertThatThrownBy(() -> lock.failback(ID, Optional.empty()))
        .isInstanceOf(LockContentionException.class)
        .hasMessageContaining("5 attempts");
    verify(store, times(HealthCheckLock.DEFAULT_MAX_ATTEMPTS)).get(ID);
  }

  @Test
  void aPathTooLongForTheTagStillLocksWithAWarningNamingThePath() {
    String path = "/" + "\u00e9".repeat(127); // 254 characters, 1,524 in the tag's =XX form
    when(store.get(ID)).thenReturn(state("HTTPS", path, 3));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 3)).thenReturn(4L);

    LockResult r = lock.lock(ID, () -> true);

    assertThat(r.outcome()).isEqualTo(LockResult.Outcome.LOCKED);
    assertThat(r.warning())
        .isEqualTo(
            "original ResourcePath not recorded: its tag form is longer than 256 characters;"
                + " failback will need --path "
                + path);
    verify(store, never()).putTag(anyString(), anyString(), anyString());
  }

  @Test
  void everyMismatchAndEveryFailbackLeavesALogLine() {
    when(store.get(ID))
        .thenReturn(state("HTTPS", LOCKED, 5))
        .thenReturn(state("HTTPS", LOCKED, 6))
        .thenReturn(state("HTTPS", LOCKED, 8));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, "/health", 5)).thenThrow(mismatch(5));
    when(store.updateResourcePath(ID, "/health", 6)).thenReturn(7L);
    when(store.updateResourcePath(ID, "/health", 8)).thenReturn(9L);
    doNothing()
        .doNothing()
        .doThrow(new IllegalStateException("AccessDenied"))
        .when(store)
        .removeTag(ID, TAG);

    try (CapturedLog log = new CapturedLog(HealthCheckLock.class)) {
      lock.failback(ID, Optional.empty()); // one mismatch, then restored
      lock.failback(ID, Optional.empty()); // restored, but the tag stays: an error line

      assertThat(log.fields())
          .extracting(f -> f.get("message"), f -> f.get("level"))
          .containsExactly(
              tuple("HealthCheckVersionMismatch, reading the health check again", "INFO"),
              tuple("failback", "INFO"),
              tuple("failback", "ERROR"));
      assertThat(log.fields().get(0))
          .containsEntry("operation", "failback")
          .containsEntry("expectedVersion", 5L)
          .containsEntry("attempt", 1);
      assertThat(log.fields().get(1))
          .containsEntry("field", "ResourcePath")
          .containsEntry("oldValue", LOCKED)
          .containsEntry("newValue", "/health")
          .containsEntry("oldVersion", 6L)
          .containsEntry("newVersion", 7L)
          .containsEntry("source", "tag");
    }
  }

  @Test
  void aLockThatMeetsAMismatchSaysSoInTheLog() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/health", 3)).thenReturn(state("HTTPS", LOCKED, 4));
    when(store.tags(ID)).thenReturn(Map.of());
    when(store.updateResourcePath(ID, LOCKED, 3)).thenThrow(mismatch(3));

    try (CapturedLog log = new CapturedLog(HealthCheckLock.class)) {
      lock.lock(ID, () -> true);

      assertThat(log.fields())
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f)
                      .containsEntry("operation", "lock")
                      .containsEntry("healthCheckId", ID)
                      .containsEntry("maxAttempts", 5));
    }
  }

  @Test
  void aMismatchNamesTheCheckAndTheVersion() {
    VersionMismatchException e = mismatch(7);

    assertThat(e.healthCheckId()).isEqualTo(ID);
    assertThat(e.expectedVersion()).isEqualTo(7);
    assertThat(e).hasMessageContaining("HealthCheckVersion 7 is no longer current");
  }

  @Test
  void aKeptRecordIsNoWarningButADifferentOneIsLogged() {
    when(store.get(ID)).thenReturn(state("HTTPS", "/old-lock-path", 5));
    when(store.tags(ID)).thenReturn(Map.of(TAG, "/health"));
    when(store.updateResourcePath(ID, LOCKED, 5)).thenReturn(6L);

    try (CapturedLog log = new CapturedLog(HealthCheckLock.class)) {
      assertThat(lock.lock(ID, () -> true).warning()).isNull();

      assertThat(log.fields())
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f)
                      .containsEntry("message", "keeping the recorded original value")
                      .containsEntry("level", "WARN")
                      .containsEntry("recorded", "/health")
                      .containsEntry("current", "/old-lock-path"));
    }
  }
}
