package io.route53failover.failover;

import java.time.Instant;

/**
 * What {@link HealthCheckLock#failback} did.
 *
 * @param before the locked health check as read before the change
 * @param field the field restored: {@code ResourcePath} or {@code HealthThreshold}
 * @param restoredValue the value set; {@code null} when the {@code ResourcePath} was removed (the
 *     original had none)
 * @param newVersion the {@code HealthCheckVersion} Route 53 returned for the update
 * @param source where {@code restoredValue} came from: {@code "tag"}, or the failback option
 *     ({@code "--path"}, {@code "--threshold"})
 * @param at the failback's time, recorded in the tag {@value LastFailbackTag#KEY}
 * @param tagRemoved whether the original-value tag was removed (or was absent)
 * @param warning what went wrong besides the restore (a tag could not be changed), or {@code null}
 */
public record FailbackResult(
    HealthCheckState before,
    String field,
    String restoredValue,
    long newVersion,
    String source,
    Instant at,
    boolean tagRemoved,
    String warning) {}
