package io.route53failover.failover;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The tag {@value #KEY}: when the last failback of a health check happened, as ISO-8601 UTC with
 * milliseconds ({@code 2026-12-03T12:15:30.123Z}). {@link HealthCheckLock#failback} writes it; a
 * lock triggered by an {@code ALARM} whose {@code StateChangeTime} is not after it is stale (SNS
 * delivers at least once and Lambda retries async events, so an old {@code ALARM} can arrive after
 * the failback) and is skipped.
 */
public final class LastFailbackTag {

  /** The tag key. */
  public static final String KEY = "route53-failover:last-failback";

  private LastFailbackTag() {}

  /** The tag value for {@code time}, truncated to milliseconds. */
  public static String format(Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** The time a tag value records; empty for {@code null} or a value that is no ISO-8601 instant. */
  public static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
