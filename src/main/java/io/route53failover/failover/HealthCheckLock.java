package io.route53failover.failover;

import io.route53failover.aws.AwsErrors;
import io.route53failover.logging.LogEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The failover lock on a Route 53 health check: a change that keeps Route 53 seeing the check
 * unhealthy, whatever its target does, until an operator fails back. How a check is locked depends
 * on its type ({@link LockMechanism}): an endpoint check's {@code ResourcePath} becomes the
 * failed-over path ({@link ResourcePathLock}); a {@code CALCULATED} gate's {@code HealthThreshold}
 * becomes its child count + 1 ({@link HealthThresholdLock}). Other types are refused with {@link
 * UnsupportedHealthCheckTypeException}.
 *
 * <p><b>Lock</b> ({@link #lock}):
 *
 * <ol>
 *   <li>GetHealthCheck; choose the mechanism from the type.
 *   <li>ListTagsForResource. When the lock was triggered by an {@code ALARM} whose {@code
 *       StateChangeTime} is not after the tag {@value LastFailbackTag#KEY}, the notification is
 *       older than the last failback: {@code SKIPPED_STALE}, nothing changed. If the tags cannot
 *       be read, the lock goes on (without the stale check) and carries a warning.
 *   <li>Already locked: nothing to do ({@code ALREADY_LOCKED}). SNS delivers at least once.
 *   <li>Record the current value in the mechanism's tag, unless the tag is already there: a
 *       recorded original is never overwritten (a retry after a partial failure finds its own
 *       record). The current value is never a locked one here, so the lock never records itself.
 *       If the tag cannot be written, the lock still goes on and the result carries a warning:
 *       keeping the primary unhealthy matters more, and {@code failback --path}/{@code --threshold}
 *       can supply the value.
 *   <li>UpdateHealthCheck with the locked value and the {@code HealthCheckVersion} read in step 1.
 *       On {@code HealthCheckVersionMismatch} start again from step 1, at most {@code maxAttempts}
 *       times.
 * </ol>
 *
 * <p>One attempt makes at most {@value #MAX_CALLS_PER_ATTEMPT} Route 53 calls (GetHealthCheck,
 * ListTagsForResource, ChangeTagsForResource, UpdateHealthCheck). A caller with a deadline passes
 * a check that is asked before each attempt; a caller without one passes {@code () -> true}.
 *
 * <p><b>Failback</b> ({@link #failback}) refuses unless the check is locked, removes the original
 * tag, records its own time in {@value LastFailbackTag#KEY}, then restores the recorded (or given)
 * value with the {@code HealthCheckVersion} just read. The original tag goes first so that an
 * unlocked check never carries a stale record; the failback time goes before the update so that
 * no stale {@code ALARM} can lock again once the check is unlocked. If the update then fails for
 * any reason but a version mismatch, the original tag is put back.
 */
public final class HealthCheckLock {
  private static final Logger LOG = LogManager.getLogger(HealthCheckLock.class);

  /** Route 53 calls one lock attempt makes at most; see the class comment. */
  public static final int MAX_CALLS_PER_ATTEMPT = 4;

  /** How many times a lock or failback reads the health check before giving up on mismatches. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private final HealthCheckStore store;
  private final String failedOverPath;
  private final List<LockMechanism> mechanisms;
  private final int maxAttempts;
  private final FailbackGuard guard;
  private final Clock clock;

  /**
   * @param store the health checks
   * @param failedOverPath the locked {@code ResourcePath}, e.g. {@code /lb-check-failed-over}
   */
  public HealthCheckLock(HealthCheckStore store, String failedOverPath) {
    this(store, failedOverPath, DEFAULT_MAX_ATTEMPTS, FailbackGuard.NONE, Clock.systemUTC());
  }

  HealthCheckLock(
      HealthCheckStore store, String failedOverPath, int maxAttempts, FailbackGuard guard) {
    this(store, failedOverPath, maxAttempts, guard, Clock.systemUTC());
  }

  HealthCheckLock(
      HealthCheckStore store,
      String failedOverPath,
      int maxAttempts,
      FailbackGuard guard,
      Clock clock) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.store = store;
    this.failedOverPath = failedOverPath;
    this.mechanisms = List.of(new ResourcePathLock(failedOverPath), new HealthThresholdLock());
    this.maxAttempts = maxAttempts;
    this.guard = guard;
    this.clock = clock;
  }

  /** The {@code ResourcePath} that means "locked" for endpoint checks. */
  public String failedOverPath() {
    return failedOverPath;
  }

  /** The mechanism that locks health checks of {@code type}, if any. */
  public Optional<LockMechanism> mechanism(String type) {
    return mechanisms.stream().filter(m -> m.types().contains(type)).findFirst();
  }

  /**
   * Locks the health check without a triggering notification (no stale check): for an operator's
   * deliberate lock.
   *
   * @see #lock(String, Optional, BooleanSupplier)
   */
  public LockResult lock(String healthCheckId, BooleanSupplier mayStartAttempt) {
    return lock(healthCheckId, Optional.empty(), mayStartAttempt);
  }

  /**
   * Locks the health check (see the class comment), asking {@code mayStartAttempt} before each
   * attempt, the first included.
   *
   * @param alarmTime the triggering {@code ALARM}'s {@code StateChangeTime}; empty for none (then
   *     no stale check)
   * @param mayStartAttempt false when too little time is left for one more attempt
   * @throws LockDeadlineException when {@code mayStartAttempt} says no; the attempt not started
   *     changed nothing
   * @throws UnsupportedHealthCheckTypeException naming the type when no mechanism locks it
   * @throws HealthCheckNotFoundException when the check does not exist
   * @throws LockContentionException after {@code maxAttempts} version mismatches
   */
  public LockResult lock(
      String healthCheckId, Optional<Instant> alarmTime, BooleanSupplier mayStartAttempt) {
    VersionMismatchException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (!mayStartAttempt.getAsBoolean()) {
        throw new LockDeadlineException(healthCheckId, attempt - 1, last);
      }
      HealthCheckState s = store.get(healthCheckId);
      LockMechanism m = require(s);
      String current = m.currentValue(s);
      Map<String, String> tags;
      String tagsError = null;
      try {
        tags = store.tags(healthCheckId);
      } catch (RuntimeException e) {
        tags = null;
        tagsError = AwsErrors.describe(AwsErrors.ROUTE_53, e);
      }
      Instant lastFailback =
          tags == null ? null : LastFailbackTag.parse(tags.get(LastFailbackTag.KEY)).orElse(null);
      if (lastFailback != null
          && alarmTime.isPresent()
          && !alarmTime.get().isAfter(lastFailback)) {
        return result(s, m, LockResult.Outcome.SKIPPED_STALE, current, s.version(), attempt,
            lastFailback, null);
      }
      if (m.isLocked(s)) {
        return result(s, m, LockResult.Outcome.ALREADY_LOCKED, current, s.version(), attempt,
            lastFailback, null);
      }
      String locked = m.lockedValue(s);
      String warning =
          tags == null ? notRecorded(m, current, tagsError) : recordOriginal(s, m, current, tags);
      try {
        long newVersion = m.update(store, s, locked);
        return result(s, m, LockResult.Outcome.LOCKED, locked, newVersion, attempt, lastFailback,
            warning);
      } catch (VersionMismatchException e) {
        last = e;
        logMismatch("lock", s, attempt);
      }
    }
    throw new LockContentionException(healthCheckId, maxAttempts, last);
  }

  private static LockResult result(
      HealthCheckState s,
      LockMechanism m,
      LockResult.Outcome outcome,
      String newValue,
      long newVersion,
      int attempt,
      Instant lastFailback,
      String warning) {
    return new LockResult(
        s.id(),
        outcome,
        m.field(),
        m.currentValue(s),
        newValue,
        s.version(),
        newVersion,
        attempt,
        lastFailback,
        warning);
  }

  /**
   * Restores the health check's original value, removes the original-value tag and records the
   * failback's time.
   *
   * @param value the value to restore instead of the recorded one, if given: a {@code
   *     ResourcePath} for an endpoint check, a {@code HealthThreshold} for a {@code CALCULATED}
   *     gate
   * @throws FailbackRefusedException when the check is not locked, when no value is recorded and
   *     none is given, when {@code value} is invalid, or when the guard refuses; nothing is changed
   * @throws UnsupportedHealthCheckTypeException when the check's type cannot be locked
   * @throws HealthCheckNotFoundException when the check does not exist
   * @throws LockContentionException after {@code maxAttempts} version mismatches
   */
  public FailbackResult failback(String healthCheckId, Optional<String> value) {
    VersionMismatchException last = null;
    // the record this call removed, still needed if a version mismatch makes it read again
    String removedTag = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      HealthCheckState s = store.get(healthCheckId);
      LockMechanism m = require(s);
      if (value.isPresent()) {
        Optional<String> problem = m.restoreProblem(s, value.get());
        if (problem.isPresent()) {
          throw new FailbackRefusedException(
              m.option() + ": " + problem.get() + "; nothing changed");
        }
      }
      if (!m.isLocked(s)) {
        throw new FailbackRefusedException(
            "health check "
                + healthCheckId
                + " is not locked: its "
                + m.field()
                + " is "
                + describe(m.currentValue(s))
                + " ("
                + m.describeLock(s)
                + "); nothing changed");
      }
      String tagValue = store.tags(healthCheckId).get(m.originalTag());
      String target;
      String source;
      if (value.isPresent()) {
        target = value.get();
        source = m.option();
      } else {
        target = recorded(s, m, tagValue != null ? tagValue : removedTag);
        source = "tag";
      }
      guard.check(s, target);
      List<String> warnings = new ArrayList<>();
      boolean removedNow = false;
      if (tagValue != null) {
        try {
          store.removeTag(healthCheckId, m.originalTag());
          removedTag = tagValue;
          removedNow = true;
        } catch (RuntimeException e) {
          warnings.add(
              m.field()
                  + " restored, but the tag "
                  + m.originalTag()
                  + " could not be removed ("
                  + AwsErrors.describe(AwsErrors.ROUTE_53, e)
                  + "); remove it by hand, or a later lock will keep its stale value as the"
                  + " original");
        }
      }
      Instant at = clock.instant();
      try {
        store.putTag(healthCheckId, LastFailbackTag.KEY, LastFailbackTag.format(at));
      } catch (RuntimeException e) {
        warnings.add(
            "the failback time could not be recorded in the tag "
                + LastFailbackTag.KEY
                + " ("
                + AwsErrors.describe(AwsErrors.ROUTE_53, e)
                + "); a late duplicate of an old ALARM notification can lock again");
      }
      long newVersion;
      try {
        newVersion = m.update(store, s, target);
      } catch (VersionMismatchException e) {
        last = e;
        logMismatch("failback", s, attempt);
        continue;
      } catch (RuntimeException e) {
        if (removedNow) {
          restoreTag(healthCheckId, m.originalTag(), tagValue, e);
        }
        throw e;
      }
      String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
      LogEvent event =
          LogEvent.of("failback")
              .with("healthCheckId", healthCheckId)
              .with("field", m.field())
              .with("oldValue", m.currentValue(s))
              .with("newValue", target == null ? "" : target)
              .with("oldVersion", s.version())
              .with("newVersion", newVersion)
              .with("source", source)
              .with("at", LastFailbackTag.format(at))
              .with("warning", warning);
      if (warning == null) {
        LOG.info(event);
      } else {
        LOG.error(event);
      }
      return new FailbackResult(
          s, m.field(), target, newVersion, source, at, removedNow || tagValue == null, warning);
    }
    throw new LockContentionException(healthCheckId, maxAttempts, last);
  }

  /** After a failed failback update: puts the removed record back, so the check stays as found. */
  private void restoreTag(String healthCheckId, String key, String tagValue, RuntimeException failure) {
    try {
      store.putTag(healthCheckId, key, tagValue);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      LOG.error(
          LogEvent.of("failback failed and the original-value tag could not be put back")
              .with("healthCheckId", healthCheckId)
              .with("tag", key)
              .with("value", tagValue)
              .with("error", AwsErrors.describe(AwsErrors.ROUTE_53, e)));
    }
  }

  /**
   * Reads the health check, its tags and (for a {@code CALCULATED} gate) its children's last
   * reported status, and says whether it is locked. Changes nothing. A child whose status cannot
   * be read is reported as such; it does not fail the status.
   */
  public LockStatus status(String healthCheckId) {
    HealthCheckState s = store.get(healthCheckId);
    Map<String, String> tags = store.tags(healthCheckId);
    Instant lastFailback = LastFailbackTag.parse(tags.get(LastFailbackTag.KEY)).orElse(null);
    List<LockStatus.Child> children = new ArrayList<>();
    for (String child : s.childHealthChecks()) {
      children.add(new LockStatus.Child(child, lastReportedStatus(child)));
    }
    Optional<LockMechanism> mechanism = mechanism(s.type());
    if (mechanism.isEmpty()) {
      return new LockStatus(s, null, null, null, false,
          new UnsupportedHealthCheckTypeException(s.id(), s.type()).getMessage(), null, null, null,
          null, children, lastFailback);
    }
    LockMechanism m = mechanism.get();
    String tagValue = tags.get(m.originalTag());
    String recorded = null;
    String problem = null;
    if (tagValue != null) {
      try {
        recorded = m.decode(tagValue);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    return new LockStatus(
        s,
        m.field(),
        m.currentValue(s),
        m.lockedValue(s),
        m.isLocked(s),
        m.describeLock(s),
        m.originalTag(),
        tagValue,
        recorded,
        problem,
        children,
        lastFailback);
  }

  private String lastReportedStatus(String child) {
    try {
      return store.lastReportedStatus(child).orElse("(no observation reported)");
    } catch (RuntimeException e) {
      return "(unknown: " + AwsErrors.describe(AwsErrors.ROUTE_53, e) + ")";
    }
  }

  private LockMechanism require(HealthCheckState s) {
    return mechanism(s.type())
        .orElseThrow(() -> new UnsupportedHealthCheckTypeException(s.id(), s.type()));
  }

  /** Writes the tag unless it is present. Returns a warning when the value could not be recorded. */
  private String recordOriginal(
      HealthCheckState s, LockMechanism m, String current, Map<String, String> tags) {
    String existing = tags.get(m.originalTag());
    if (existing != null) {
      if (!existing.equals(m.encode(current).orElse(null))) {
        LOG.warn(
            LogEvent.of("keeping the recorded original value")
                .with("healthCheckId", s.id())
                .with("tag", m.originalTag())
                .with("recorded", existing)
                .with("current", current));
      }
      return null;
    }
    Optional<String> encoded = m.encode(current);
    if (encoded.isEmpty()) {
      return "original "
          + m.field()
          + " not recorded: its tag form is longer than "
          + OriginalPathTag.MAX_VALUE_LENGTH
          + " characters; failback will need "
          + m.option()
          + " "
          + current;
    }
    try {
      store.putTag(s.id(), m.originalTag(), encoded.get());
      return null;
    } catch (RuntimeException e) {
      return notRecorded(m, current, AwsErrors.describe(AwsErrors.ROUTE_53, e));
    }
  }

  private static String notRecorded(LockMechanism m, String current, String error) {
    return "original "
        + m.field()
        + " "
        + describe(current)
        + " not recorded in tag "
        + m.originalTag()
        + " ("
        + error
        + "); failback will need "
        + m.option();
  }

  private static String recorded(HealthCheckState s, LockMechanism m, String tagValue) {
    String id = s.id();
    if (tagValue == null) {
      throw new FailbackRefusedException(
          "health check "
              + id
              + " is locked but no original "
              + m.field()
              + " is recorded (tag "
              + m.originalTag()
              + " is absent); pass "
              + m.option()
              + " with the value to restore; nothing changed");
    }
    String recorded;
    try {
      recorded = m.decode(tagValue);
    } catch (IllegalArgumentException e) {
      throw new FailbackRefusedException(
          "health check "
              + id
              + ": the tag "
              + m.originalTag()
              + " holds \""
              + tagValue
              + "\", which is not a recorded "
              + m.field()
              + " ("
              + e.getMessage()
              + "); pass "
              + m.option()
              + " with the value to restore; nothing changed");
    }
    Optional<String> problem = m.restoreProblem(s, recorded);
    if (problem.isPresent()) {
      throw new FailbackRefusedException(
          "health check "
              + id
              + ": the tag "
              + m.originalTag()
              + " records a value that cannot be restored: "
              + problem.get()
              + "; pass "
              + m.option()
              + " with the value to restore; nothing changed");
    }
    return recorded;
  }

  private void logMismatch(String operation, HealthCheckState s, int attempt) {
    LOG.info(
        LogEvent.of("HealthCheckVersionMismatch, reading the health check again")
            .with("operation", operation)
            .with("healthCheckId", s.id())
            .with("expectedVersion", s.version())
            .with("attempt", attempt)
            .with("maxAttempts", maxAttempts));
  }

  /** A value for messages: quoted, or "absent". */
  static String describe(String value) {
    return value == null ? "absent" : "\"" + value + "\"";
  }
}
