package io.route53failover.failover;

import io.route53failover.aws.AwsErrors;
import io.route53failover.logging.LogEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The failover lock on a Route 53 health check: a {@code ResourcePath} that never answers 2xx/3xx
 * (the failed-over path), so Route 53 keeps the primary unhealthy until an operator fails back.
 *
 * <p><b>Lock</b> ({@link #lock}):
 *
 * <ol>
 *   <li>GetHealthCheck. Only {@code HTTP}, {@code HTTPS}, {@code HTTP_STR_MATCH} and {@code
 *       HTTPS_STR_MATCH} checks have a {@code ResourcePath}; any other type is refused.
 *   <li>If {@code ResourcePath} already is the failed-over path: nothing to do ({@code
 *       ALREADY_LOCKED}). SNS delivers at least once.
 *   <li>Record the current path in the tag {@value OriginalPathTag#KEY}, unless the tag is already
 *       there: a recorded original is never overwritten (a retry after a partial failure finds its
 *       own record; a lock left by an earlier {@code FAILED_OVER_PATH} is not recorded as the
 *       original). The current path is never the failed-over path here, so the lock never records
 *       itself. If the tag cannot be written, the lock still goes on and the result carries a
 *       warning: keeping the primary unhealthy matters more, and {@code failback --path} can supply
 *       the path.
 *   <li>UpdateHealthCheck with the failed-over path and the {@code HealthCheckVersion} read in step
 *       1. On {@code HealthCheckVersionMismatch} start again from step 1, at most {@code
 *       maxAttempts} times.
 * </ol>
 *
 * <p>One attempt makes at most {@value #MAX_CALLS_PER_ATTEMPT} Route 53 calls (GetHealthCheck,
 * ListTagsForResource, ChangeTagsForResource, UpdateHealthCheck). A caller with a deadline passes
 * a check that is asked before each attempt; a caller without one passes {@code () -> true}.
 *
 * <p><b>Failback</b> ({@link #failback}) refuses unless the check is locked, removes the tag, then
 * restores the recorded (or given) path with the {@code HealthCheckVersion} just read. The tag goes
 * first so that an unlocked check never carries a stale record: a duplicate SNS delivery that
 * reads the check just after the failback finds no tag, records the restored path and locks again
 * (if the tag went last, that delivery could keep the old tag, see it removed, and leave the check
 * locked with no record, so the next failback would need {@code --path}). If the update then fails
 * for any reason but a version mismatch, the tag is put back.
 */
public final class HealthCheckLock {
  private static final Logger LOG = LogManager.getLogger(HealthCheckLock.class);

  /** The health check types that have a {@code ResourcePath}. */
  public static final Set<String> LOCKABLE_TYPES =
      Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH");

  /** Route 53 calls one lock attempt makes at most; see the class comment. */
  public static final int MAX_CALLS_PER_ATTEMPT = 4;

  /** How many times a lock or failback reads the health check before giving up on mismatches. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private final HealthCheckStore store;
  private final String failedOverPath;
  private final int maxAttempts;
  private final FailbackGuard guard;

  /**
   * @param store the health checks
   * @param failedOverPath the locked {@code ResourcePath}, e.g. {@code /lb-check-failed-over}
   */
  public HealthCheckLock(HealthCheckStore store, String failedOverPath) {
    this(store, failedOverPath, DEFAULT_MAX_ATTEMPTS, FailbackGuard.NONE);
  }

  /**
   * @param maxAttempts reads of the health check before giving up on version mismatches
   * @param guard asked before a failback changes anything (the CLI's {@code RecoveryGuard})
   */
  public HealthCheckLock(
      HealthCheckStore store, String failedOverPath, int maxAttempts, FailbackGuard guard) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.store = store;
    this.failedOverPath = failedOverPath;
    this.maxAttempts = maxAttempts;
    this.guard = guard;
  }

  /** The {@code ResourcePath} that means "locked". */
  public String failedOverPath() {
    return failedOverPath;
  }

  /**
   * Locks the health check (see the class comment), asking {@code mayStartAttempt} before each
   * attempt, the first included.
   *
   * @param mayStartAttempt false when too little time is left for one more attempt
   * @throws LockDeadlineException when {@code mayStartAttempt} says no; the attempt not started
   *     changed nothing
   * @throws UnsupportedHealthCheckTypeException naming the type when the check has no {@code
   *     ResourcePath}
   * @throws HealthCheckNotFoundException when the check does not exist
   * @throws LockContentionException after {@code maxAttempts} version mismatches
   */
  public LockResult lock(String healthCheckId, BooleanSupplier mayStartAttempt) {
    VersionMismatchException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (!mayStartAttempt.getAsBoolean()) {
        throw new LockDeadlineException(healthCheckId, attempt - 1, last);
      }
      HealthCheckState s = store.get(healthCheckId);
      requireLockable(s);
      if (failedOverPath.equals(s.resourcePath())) {
        return new LockResult(
            healthCheckId,
            LockResult.Outcome.ALREADY_LOCKED,
            s.resourcePath(),
            s.resourcePath(),
            s.version(),
            s.version(),
            attempt,
            null);
      }
      String warning = recordOriginal(s);
      try {
        long newVersion = store.updateResourcePath(healthCheckId, failedOverPath, s.version());
        return new LockResult(
            healthCheckId,
            LockResult.Outcome.LOCKED,
            s.resourcePath(),
            failedOverPath,
            s.version(),
            newVersion,
            attempt,
            warning);
      } catch (VersionMismatchException e) {
        last = e;
        logMismatch("lock", s, attempt);
      }
    }
    throw new LockContentionException(healthCheckId, maxAttempts, last);
  }

  /**
   * Restores the health check's original {@code ResourcePath} and removes the tag.
   *
   * @param path the path to restore instead of the recorded one, if given
   * @throws FailbackRefusedException when the check is not locked, when no path is recorded and
   *     none is given, when {@code path} is invalid, or when the guard refuses; nothing is changed
   * @throws HealthCheckNotFoundException when the check does not exist
   * @throws LockContentionException after {@code maxAttempts} version mismatches
   */
  public FailbackResult failback(String healthCheckId, Optional<String> path) {
    path.ifPresent(this::requireRestorable);
    VersionMismatchException last = null;
    // the record this call removed, still needed if a version mismatch makes it read again
    String removedTag = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      HealthCheckState s = store.get(healthCheckId);
      if (!failedOverPath.equals(s.resourcePath())) {
        throw new FailbackRefusedException(
            "health check "
                + healthCheckId
                + " is not locked: its ResourcePath is "
                + describe(s.resourcePath())
                + ", not the failed-over path \""
                + failedOverPath
                + "\"; nothing changed");
      }
      String tagValue = store.tags(healthCheckId).get(OriginalPathTag.KEY);
      String target;
      String source;
      if (path.isPresent()) {
        target = path.get();
        source = "--path";
      } else {
        target = recordedPath(healthCheckId, tagValue != null ? tagValue : removedTag);
        source = "tag";
      }
      guard.check(s, target);
      String warning = null;
      boolean removedNow = false;
      if (tagValue != null) {
        try {
          store.removeTag(healthCheckId, OriginalPathTag.KEY);
          removedTag = tagValue;
          removedNow = true;
        } catch (RuntimeException e) {
          warning =
              "ResourcePath restored, but the tag "
                  + OriginalPathTag.KEY
                  + " could not be"
                  + " removed ("
                  + AwsErrors.describe(AwsErrors.ROUTE_53, e)
                  + "); remove it by hand, or a later lock will"
                  + " keep its stale value as the original path";
        }
      }
      long newVersion;
      try {
        newVersion = store.updateResourcePath(healthCheckId, target, s.version());
      } catch (VersionMismatchException e) {
        last = e;
        logMismatch("failback", s, attempt);
        continue;
      } catch (RuntimeException e) {
        if (removedNow) {
          restoreTag(healthCheckId, tagValue, e);
        }
        throw e;
      }
      LogEvent event =
          LogEvent.of("failback")
              .with("healthCheckId", healthCheckId)
              .with("oldPath", s.resourcePath())
              .with("newPath", target == null ? "" : target)
              .with("oldVersion", s.version())
              .with("newVersion", newVersion)
              .with("source", source)
              .with("warning", warning);
      if (warning == null) {
        LOG.info(event);
      } else {
        LOG.error(event);
      }
      return new FailbackResult(s, target, newVersion, source, warning == null, warning);
    }
    throw new LockContentionException(healthCheckId, maxAttempts, last);
  }

  /** After a failed failback update: puts the removed record back, so the check stays as found. */
  private void restoreTag(String healthCheckId, String tagValue, RuntimeException failure) {
    try {
      store.putTag(healthCheckId, OriginalPathTag.KEY, tagValue);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      LOG.error(
          LogEvent.of("failback failed and the original-path tag could not be put back")
              .with("healthCheckId", healthCheckId)
              .with("tag", OriginalPathTag.KEY)
              .with("value", tagValue)
              .with("error", AwsErrors.describe(AwsErrors.ROUTE_53, e)));
    }
  }

  /** Reads the health check and its tag, and says whether it is locked. Changes nothing. */
  public LockStatus status(String healthCheckId) {
    HealthCheckState s = store.get(healthCheckId);
    Map<String, String> tags = store.tags(healthCheckId);
    String tagValue = tags.get(OriginalPathTag.KEY);
    String recorded = null;
    String problem = null;
    if (tagValue != null) {
      try {
        recorded = OriginalPathTag.decode(tagValue);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    return new LockStatus(
        s,
        failedOverPath,
        failedOverPath.equals(s.resourcePath()),
        tagValue != null && problem == null,
        recorded,
        tagValue,
        problem);
  }

  private void requireLockable(HealthCheckState s) {
    if (!LOCKABLE_TYPES.contains(s.type())) {
      throw new UnsupportedHealthCheckTypeException(s.id(), s.type());
    }
  }

  private void requireRestorable(String path) {
    Optional<String> problem = ResourcePath.problem(path);
    if (problem.isPresent()) {
      throw new FailbackRefusedException("--path: " + problem.get() + "; nothing changed");
    }
    if (path.equals(failedOverPath)) {
      throw new FailbackRefusedException(
          "--path: \"" + path + "\" is the failed-over path itself; nothing changed");
    }
  }

  /** Writes the tag unless it is present. Returns a warning when the path could not be recorded. */
  private String recordOriginal(HealthCheckState s) {
    try {
      String existing = store.tags(s.id()).get(OriginalPathTag.KEY);
      if (existing != null) {
        if (!existing.equals(OriginalPathTag.encode(s.resourcePath()).orElse(null))) {
          LOG.warn(
              LogEvent.of("keeping the recorded original path")
                  .with("healthCheckId", s.id())
                  .with("recorded", existing)
                  .with("currentPath", s.resourcePath()));
        }
        return null;
      }
      Optional<String> value = OriginalPathTag.encode(s.resourcePath());
      if (value.isEmpty()) {
        return "original ResourcePath not recorded: its tag form is longer than "
            + OriginalPathTag.MAX_VALUE_LENGTH
            + " characters; failback will need --path "
            + s.resourcePath();
      }
      store.putTag(s.id(), OriginalPathTag.KEY, value.get());
      return null;
    } catch (RuntimeException e) {
      return "original ResourcePath "
          + describe(s.resourcePath())
          + " not recorded in tag "
          + OriginalPathTag.KEY
          + " ("
          + AwsErrors.describe(AwsErrors.ROUTE_53, e)
          + "); failback will need --path";
    }
  }

  private String recordedPath(String healthCheckId, String tagValue) {
    if (tagValue == null) {
      throw new FailbackRefusedException(
          "health check "
              + healthCheckId
              + " is locked but no original ResourcePath is recorded"
              + " (tag "
              + OriginalPathTag.KEY
              + " is absent); pass --path with the path to"
              + " restore; nothing changed");
    }
    String recorded;
    try {
      recorded = OriginalPathTag.decode(tagValue);
    } catch (IllegalArgumentException e) {
      throw new FailbackRefusedException(
          "health check "
              + healthCheckId
              + ": the tag "
              + OriginalPathTag.KEY
              + " holds \""
              + tagValue
              + "\", which is not a recorded path ("
              + e.getMessage()
              + "); pass --path with the path to restore; nothing changed");
    }
    if (failedOverPath.equals(recorded)) {
      throw new FailbackRefusedException(
          "health check "
              + healthCheckId
              + ": the tag "
              + OriginalPathTag.KEY
              + " records the"
              + " failed-over path itself; pass --path with the path to restore; nothing changed");
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

  /** A path for messages: quoted, or "absent". */
  static String describe(String path) {
    return path == null ? "absent" : "\"" + path + "\"";
  }
}
