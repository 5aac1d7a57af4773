package io.route53failover.healthcheck;

import java.time.Duration;
import java.util.List;

/** {@link HealthCheckConfig}s for tests: an inline list ({@code TARGETS}), default refresh. */
final class Configs {
  private Configs() {}

  static HealthCheckConfig inline(
      List<Target> targets, String namespace, int storageResolution, int maxConcurrentProbes) {
    return inline(
        targets,
        namespace,
        storageResolution,
        maxConcurrentProbes,
        HealthCheckConfig.DEFAULT_SAMPLE_INTERVAL_SECONDS);
  }

  /** As above, taking samples every {@code sampleIntervalSeconds}. */
  static HealthCheckConfig inline(
      List<Target> targets,
      String namespace,
      int storageResolution,
      int maxConcurrentProbes,
      int sampleIntervalSeconds) {
    return inline(
        targets, namespace, storageResolution, maxConcurrentProbes, sampleIntervalSeconds,
        CaBundle.NONE);
  }

  /** As above, with the CA bundle {@code caBundle}. */
  static HealthCheckConfig inline(
      List<Target> targets,
      String namespace,
      int storageResolution,
      int maxConcurrentProbes,
      int sampleIntervalSeconds,
      CaBundle caBundle) {
    return new HealthCheckConfig(
        targets,
        namespace,
        storageResolution,
        maxConcurrentProbes,
        new TargetsLocation(TargetsLocation.Kind.INLINE, "[]"),
        "inline",
        Duration.ofSeconds(HealthCheckConfig.DEFAULT_TARGETS_REFRESH_SECONDS),
        sampleIntervalSeconds,
        caBundle);
  }
}
