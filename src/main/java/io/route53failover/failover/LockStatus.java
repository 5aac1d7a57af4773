package io.route53failover.failover;

/**
 * A health check's lock state, for the {@code status} command.
 *
 * @param state the health check as GetHealthCheck returned it
 * @param failedOverPath the path that means "locked"
 * @param locked whether {@code ResourcePath} equals {@code failedOverPath}
 * @param originalPathRecorded whether the tag {@value OriginalPathTag#KEY} is present and readable
 * @param recordedOriginalPath the path the tag records ({@code null} when none is recorded, or when
 *     the recorded original had no {@code ResourcePath})
 * @param tagValue the raw tag value, {@code null} when the tag is absent
 * @param tagProblem why the tag value cannot be read, or {@code null}
 */
public record LockStatus(
    HealthCheckState state,
    String failedOverPath,
    boolean locked,
    boolean originalPathRecorded,
    String recordedOriginalPath,
    String tagValue,
    String tagProblem) {}
