package io.route53failover.healthcheck;

import java.util.List;
import java.util.Map;

/**
 * HealthCheckFunction's configuration, read once from the environment and validated at start-up.
 *
 * @param targets the targets to probe, at least one, with unique names
 * @param namespace CloudWatch namespace ({@code METRIC_NAMESPACE}, default {@code LambdaCustomHC})
 * @param storageResolution {@code StorageResolution} in seconds ({@code
 *     METRIC_STORAGE_RESOLUTION}): 60 (default) or 1
 */
public record HealthCheckConfig(List<Target> targets, String namespace, int storageResolution) {

  public static final String TARGETS = "TARGETS";
  public static final String METRIC_NAMESPACE = "METRIC_NAMESPACE";
  public static final String METRIC_STORAGE_RESOLUTION = "METRIC_STORAGE_RESOLUTION";

  /** Every environment variable this function reads. */
  public static final List<String> ENVIRONMENT_VARIABLES =
      List.of(TARGETS, METRIC_NAMESPACE, METRIC_STORAGE_RESOLUTION);

  public static final String DEFAULT_NAMESPACE = "LambdaCustomHC";
  public static final int DEFAULT_STORAGE_RESOLUTION = 60;

  public HealthCheckConfig {
    targets = List.copyOf(targets);
  }

  /**
   * Reads and validates the configuration.
   *
   * @param env the environment, usually {@link System#getenv()}
   * @throws TargetConfigException naming the variable, target and field of the first problem found
   */
  public static HealthCheckConfig fromEnvironment(Map<String, String> env) {
    throw new UnsupportedOperationException("not yet written");
  }
}
