package io.route53failover.failover;

/**
 * What {@link HealthCheckLock#failback} did.
 *
 * @param before the locked health check as read before the change
 * @param restoredPath the {@code ResourcePath} set, {@code null} when the path was removed (the
 *     original had none)
 * @param newVersion the {@code HealthCheckVersion} Route 53 returned for the update
 * @param source where {@code restoredPath} came from: {@code "tag"} or {@code "--path"}
 * @param tagRemoved whether the tag {@value OriginalPathTag#KEY} was removed (or was absent)
 * @param warning what went wrong after the path was restored (the tag could not be removed), or
 *     {@code null}
 */
public record FailbackResult(
    HealthCheckState before,
    String restoredPath,
    long newVersion,
    String source,
    boolean tagRemoved,
    String warning) {}
