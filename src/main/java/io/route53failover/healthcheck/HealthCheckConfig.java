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
 * @param maxConcurrentProbes most probes, and so sockets, open at once ({@code
 *     MAX_CONCURRENT_PROBES}): 1 to {@value #MAX_CONCURRENT_PROBES_LIMIT}, default {@value
 *     #DEFAULT_MAX_CONCURRENT_PROBES}
 * @param sampleIntervalSeconds seconds between the samples of one scheduled run ({@code
 *     SAMPLE_INTERVAL_SECONDS}): one of {@link #SAMPLE_INTERVALS}, default {@value
 *     #DEFAULT_SAMPLE_INTERVAL_SECONDS} (one sample a run); see {@link SampleSchedule}
 */
public record HealthCheckConfig(
    List<Target> targets,
    String namespace,
    int storageResolution,
    int maxConcurrentProbes,
    int sampleIntervalSeconds) {

  public static final String TARGETS = "TARGETS";
  public static final String METRIC_NAMESPACE = "METRIC_NAMESPACE";
  public static final String METRIC_STORAGE_RESOLUTION = "METRIC_STORAGE_RESOLUTION";
  public static final String MAX_CONCURRENT_PROBES = "MAX_CONCURRENT_PROBES";
  public static final String SAMPLE_INTERVAL_SECONDS = "SAMPLE_INTERVAL_SECONDS";

  /** Every environment variable this function reads. */
  public static final List<String> ENVIRONMENT_VARIABLES =
      List.of(
          TARGETS,
          METRIC_NAMESPACE,
          METRIC_STORAGE_RESOLUTION,
          MAX_CONCURRENT_PROBES,
          SAMPLE_INTERVAL_SECONDS);

  /**
   * The allowed {@code SAMPLE_INTERVAL_SECONDS}, ascending: the divisors of the 60 s schedule
   * period from 10 s up, so that every clock minute holds the same number of samples.
   */
  public static final List<Integer> SAMPLE_INTERVALS = List.of(10, 15, 20, 30, 60);

  /** Default {@code SAMPLE_INTERVAL_SECONDS}: one sample per scheduled run. */
  public static final int DEFAULT_SAMPLE_INTERVAL_SECONDS = 60;

  public static final String DEFAULT_NAMESPACE = "LambdaCustomHC";
  public static final int DEFAULT_STORAGE_RESOLUTION = 60;
  public static final int DEFAULT_MAX_CONCURRENT_PROBES = ConcurrentProbeRunner.MAX_OPEN_SOCKETS;

  /**
   * Highest {@code MAX_CONCURRENT_PROBES}: Lambda allows 1,024 file descriptors per execution
   * environment, and the JVM (jar, modules, stdio, epoll) and the CloudWatch client need some of
   * them too (about 40 on this project's measurements); 900 leaves a margin of over 100.
   */
  public static final int MAX_CONCURRENT_PROBES_LIMIT = 900;

  public HealthCheckConfig {
    targets = List.copyOf(targets);
    if (maxConcurrentProbes < 1 || maxConcurrentProbes > MAX_CONCURRENT_PROBES_LIMIT) {
      throw new IllegalArgumentException(
          "maxConcurrentProbes must be 1-" + MAX_CONCURRENT_PROBES_LIMIT + ", was "
              + maxConcurrentProbes);
    }
    if (!SAMPLE_INTERVALS.contains(sampleIntervalSeconds)) {
      throw new IllegalArgumentException(
          "sampleIntervalSeconds must be one of " + SAMPLE_INTERVALS + ", was "
              + sampleIntervalSeconds);
    }
  }

  /**
   * Reads and validates the configuration.
   *
   * <p>{@code TARGETS} is required: a JSON array of target objects (fields and defaults in the
   * README's configuration reference). {@code METRIC_NAMESPACE} defaults to {@value
   * #DEFAULT_NAMESPACE} and must be a valid CloudWatch namespace (1-255 printable ASCII characters,
   * not starting with {@code :} or {@code AWS/}). {@code METRIC_STORAGE_RESOLUTION} defaults to 60
   * and may only be 60 or 1 (seconds). {@code MAX_CONCURRENT_PROBES} defaults to {@value
   * #DEFAULT_MAX_CONCURRENT_PROBES} and must be a whole number from 1 to {@value
   * #MAX_CONCURRENT_PROBES_LIMIT}. {@code SAMPLE_INTERVAL_SECONDS} defaults to {@value
   * #DEFAULT_SAMPLE_INTERVAL_SECONDS} and must be one of {@link #SAMPLE_INTERVALS}.
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
        TargetsParser.parse(targets),
        namespace(env),
        storageResolution(env),
        maxConcurrentProbes(env),
        sampleIntervalSeconds(env));
  }

  private static int sampleIntervalSeconds(Map<String, String> env) {
    String value = env.get(SAMPLE_INTERVAL_SECONDS);
    if (value == null || value.isBlank()) {
      return DEFAULT_SAMPLE_INTERVAL_SECONDS;
    }
    for (int allowed : SAMPLE_INTERVALS) {
      if (value.strip().equals(Integer.toString(allowed))) {
        return allowed;
      }
    }
    throw new TargetConfigException(
        SAMPLE_INTERVAL_SECONDS,
        null,
        null,
        "must be 10, 15, 20, 30 or 60 (seconds between samples; 60 divided by it is the number of"
            + " samples a minute), was \""
            + TargetRules.shorten(value)
            + "\"");
  }

  private static int maxConcurrentProbes(Map<String, String> env) {
    String value = env.get(MAX_CONCURRENT_PROBES);
    if (value == null || value.isBlank()) {
      return DEFAULT_MAX_CONCURRENT_PROBES;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_CONCURRENT_PROBES_LIMIT) {
      throw new TargetConfigException(
          MAX_CONCURRENT_PROBES,
          null,
          null,
          "must be a whole number from 1 to "
              + MAX_CONCURRENT_PROBES_LIMIT
              + " (Lambda allows 1,024 open files), was \""
              + TargetRules.shorten(value)
              + "\"");
    }
    return n;
  }

  private static String namespace(Map<String, String> env) {
    String namespace = env.getOrDefault(METRIC_NAMESPACE, DEFAULT_NAMESPACE);
    String problem = CloudWatchNames.namespaceProblem(namespace);
    if (problem != null) {
      throw new TargetConfigException(
          METRIC_NAMESPACE,
          null,
          null,
          problem + ", was \"" + TargetRules.shorten(namespace) + "\"");
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
                  + TargetRules.shorten(value)
                  + "\"");
    };
  }
}
