package io.route53failover.healthcheck;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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
   * <p>{@code TARGETS} is required: a JSON array of target objects (fields and defaults in the
   * README's configuration reference). {@code METRIC_NAMESPACE} defaults to {@value
   * #DEFAULT_NAMESPACE} and must be a valid CloudWatch namespace (1-255 printable ASCII characters,
   * not starting with {@code :} or {@code AWS/}). {@code METRIC_STORAGE_RESOLUTION} defaults to 60
   * and may only be 60 or 1 (seconds).
   *
   * @param env the environment, usually {@link System#getenv()}
   * @throws TargetConfigException naming the variable, target and field of the first problem found
   */
  public static HealthCheckConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String targets = env.get(TARGETS);
    if (targets == null || targets.isBlank()) {
      throw new TargetConfigException(
          TARGETS,
          null,
          null,
          (targets == null ? "is not set" : "is empty")
              + "; expected a JSON array of targets such as"
              + " [{\"name\":\"web-1\",\"type\":\"tcp\",\"host\":\"192.0.2.10\",\"port\":443}]");
    }
    return new HealthCheckConfig(
        TargetsParser.parse(targets), namespace(env), storageResolution(env));
  }

  private static String namespace(Map<String, String> env) {
    String namespace = env.getOrDefault(METRIC_NAMESPACE, DEFAULT_NAMESPACE);
    String problem = CloudWatchNames.namespaceProblem(namespace);
    if (problem != null) {
      throw new TargetConfigException(
          METRIC_NAMESPACE,
          null,
          null,
          problem + ", was \"" + TargetFields.shorten(namespace) + "\"");
    }
    return namespace;
  }

  private static int storageResolution(Map<String, String> env) {
    String value = env.get(METRIC_STORAGE_RESOLUTION);
    if (value == null) {
      return DEFAULT_STORAGE_RESOLUTION;
    }
    return switch (value) {
      case "60" -> 60;
      case "1" -> 1;
      default ->
          throw new TargetConfigException(
              METRIC_STORAGE_RESOLUTION,
              null,
              null,
              "must be 60 (standard resolution, required by Route 53 CLOUDWATCH_METRIC health"
                  + " checks) or 1 (high resolution), was \""
                  + TargetFields.shorten(value)
                  + "\"");
    };
  }
}
