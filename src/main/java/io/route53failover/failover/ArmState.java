package io.route53failover.failover;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether FailoverFunction may lock a health check now: the arm state recorded in the health
 * check's own tags. Pure logic; the caller reads the tags and gives "now".
 *
 * <ul>
 *   <li>No {@value #DISARMED_UNTIL} tag: <b>armed</b> (checks created outside the template keep
 *       the behaviour they had before arm/disarm existed).
 *   <li>{@value #DISARMED_UNTIL} = an ISO-8601 UTC instant, e.g. {@code 2026-12-03T14:00:00Z}:
 *       disarmed before that instant, armed from it on (an expired disarm re-arms by itself).
 *   <li>{@value #DISARMED_UNTIL} = {@value #INITIAL}: disarmed until an operator runs {@code arm}
 *       (the template sets it on a new stack's gates, so the first minutes of a deployment cannot
 *       lock).
 *   <li>Any other value: armed, with {@link #problem()} saying why the tag was ignored. A tag that
 *       cannot be read never keeps the lock from firing.
 * </ul>
 *
 * <p>{@value #DISARM_REASON} and {@value #DISARMED_BY} hold the operator's reason and ARN. These
 * tags are written with ChangeTagsForResource, which takes no {@code HealthCheckVersion}: arm and
 * disarm change tags only, never the health check's configuration, so they cannot race a lock.
 *
 * @param until the end of the disarm; {@code null} when none or {@link #initial()}
 * @param initial whether the tag says {@value #INITIAL}
 * @param reason the recorded reason, or {@code null}
 * @param by the recorded ARN of who disarmed, or {@code null}
 * @param problem why a present {@value #DISARMED_UNTIL} tag was ignored, or {@code null}
 */
public record ArmState(
    Instant until, boolean initial, String reason, String by, String problem) {

  /** Tag: end of the disarm (ISO-8601 UTC), or {@value #INITIAL}. */
  public static final String DISARMED_UNTIL = "route53-failover:disarmed-until";

  /** Tag: why the check is disarmed. */
  public static final String DISARM_REASON = "route53-failover:disarm-reason";

  /** Tag: the ARN of who disarmed it (STS GetCallerIdentity). */
  public static final String DISARMED_BY = "route53-failover:disarmed-by";

  /** The value of {@value #DISARMED_UNTIL} that disarms until {@code arm}. */
  public static final String INITIAL = "initial";

  /** The longest disarm {@code disarm --for} accepts. */
  public static final Duration MAX_DISARM = Duration.ofHours(24);

  /** Route 53's limit on a tag value's length. */
  public static final int MAX_TAG_VALUE_LENGTH = 256;

  /** No arm state recorded: armed. */
  public static final ArmState ARMED = new ArmState(null, false, null, null, null);

  /** The arm state the tags record. */
  public static ArmState fromTags(Map<String, String> tags) {
    String value = tags.get(DISARMED_UNTIL);
    String reason = tags.get(DISARM_REASON);
    String by = tags.get(DISARMED_BY);
    if (value == null) {
      return ARMED;
    }
    if (INITIAL.equals(value.trim())) {
      return new ArmState(null, true, reason, by, null);
    }
    try {
      return new ArmState(Instant.parse(value.trim()), false, reason, by, null);
    } catch (DateTimeParseException e) {
      return new ArmState(
          null,
          false,
          reason,
          by,
          "tag "
              + DISARMED_UNTIL
              + " holds \""
              + value
              + "\", neither an ISO-8601 UTC time nor \""
              + INITIAL
              + "\"; ignored, the check is armed");
    }
  }

  /** Whether an ALARM at {@code now} may lock the check. */
  public boolean armedAt(Instant now) {
    return !disarmedAt(now);
  }

  /** Whether an ALARM at {@code now} is skipped ({@code skipped-disarmed}). */
  public boolean disarmedAt(Instant now) {
    return initial || (until != null && now.isBefore(until));
  }

  /** Whether any arm state is recorded (a stale, expired disarm counts). */
  public boolean recorded() {
    return initial || until != null || problem != null;
  }

  /**
   * One line for logs and {@code status}: {@code armed}, {@code armed (disarm expired at T)},
   * {@code disarmed until T (reason; by ARN)}, {@code disarmed until arm (initial)}.
   */
  public String describe(Instant now) {
    if (problem != null) {
      return "armed (" + problem + ")";
    }
    if (!recorded()) {
      return "armed";
    }
    if (armedAt(now)) {
      return "armed (disarm expired at " + until + ")";
    }
    String head = initial ? "disarmed until arm (initial: a new stack starts disarmed)" : "disarmed until " + until;
    StringBuilder details = new StringBuilder();
    if (reason != null) {
      details.append("reason: ").append(reason);
    }
    if (by != null) {
      details.append(details.isEmpty() ? "" : "; ").append("by ").append(by);
    }
    return details.isEmpty() ? head : head + " (" + details + ")";
  }

  /**
   * The tags that disarm a check until {@code now + duration}.
   *
   * @throws IllegalArgumentException naming {@code --for} or {@code --reason} when the duration is
   *     not positive or longer than {@link #MAX_DISARM}, or the reason is blank or too long
   */
  public static Map<String, String> disarmTags(
      Instant now, Duration duration, String reason, String by) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--for: must be positive, was " + duration);
    }
    if (duration.compareTo(MAX_DISARM) > 0) {
      throw new IllegalArgumentException(
          "--for: at most " + MAX_DISARM.toHours() + " h, was " + duration);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(DISARMED_UNTIL, now.plus(duration).toString());
    tags.put(DISARM_REASON, requireTagValue("--reason", reason));
    if (by != null) {
      tags.put(DISARMED_BY, truncate(by));
    }
    return tags;
  }

  /**
   * {@code value} if it is a usable tag value.
   *
   * @throws IllegalArgumentException naming {@code option} when blank or longer than {@value
   *     #MAX_TAG_VALUE_LENGTH} characters
   */
  public static String requireTagValue(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + ": must not be blank");
    }
    if (value.length() > MAX_TAG_VALUE_LENGTH) {
      throw new IllegalArgumentException(
          option
              + ": at most "
              + MAX_TAG_VALUE_LENGTH
              + " characters (a Route 53 tag value), was "
              + value.length());
    }
    return value;
  }

  private static String truncate(String value) {
    return value.length() <= MAX_TAG_VALUE_LENGTH ? value : value.substring(0, MAX_TAG_VALUE_LENGTH);
  }
}
