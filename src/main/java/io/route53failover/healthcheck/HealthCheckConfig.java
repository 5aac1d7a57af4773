package io.route53failover.healthcheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
 * @param targetsLocation where the targets were read from ({@code TARGETS}, {@code
 *     TARGETS_PARAMETER} or {@code TARGETS_S3_URI}, exactly one)
 * @param targetsVersion the source's version of {@code targets} ({@link TargetsDocument#version()})
 * @param targetsRefresh how often a warm function re-reads the source ({@code
 *     TARGETS_REFRESH_SECONDS}, default {@value #DEFAULT_TARGETS_REFRESH_SECONDS} s)
 * @param sampleIntervalSeconds seconds between the samples of one scheduled run ({@code
 *     SAMPLE_INTERVAL_SECONDS}): one of {@link #SAMPLE_INTERVALS}, default {@value
 *     #DEFAULT_SAMPLE_INTERVAL_SECONDS} (one sample a run); see {@link SampleSchedule}
 * @param caBundle the private CAs of {@code CA_BUNDLE_PARAMETER} for targets with {@code caBundle:
 *     true}, or {@link CaBundle#NONE} when it is not set (then no target may set {@code caBundle})
 */
public record HealthCheckConfig(
    List<Target> targets,
    String namespace,
    int storageResolution,
    int maxConcurrentProbes,
    TargetsLocation targetsLocation,
    String targetsVersion,
    Duration targetsRefresh,
    int sampleIntervalSeconds,
    CaBundle caBundle) {

  public static final String TARGETS = "TARGETS";
  public static final String TARGETS_PARAMETER = "TARGETS_PARAMETER";
  public static final String TARGETS_S3_URI = "TARGETS_S3_URI";
  public static final String TARGETS_REFRESH_SECONDS = "TARGETS_REFRESH_SECONDS";
  public static final String METRIC_NAMESPACE = "METRIC_NAMESPACE";
  public static final String METRIC_STORAGE_RESOLUTION = "METRIC_STORAGE_RESOLUTION";
  public static final String MAX_CONCURRENT_PROBES = "MAX_CONCURRENT_PROBES";
  public static final String SAMPLE_INTERVAL_SECONDS = "SAMPLE_INTERVAL_SECONDS";
  public static final String CA_BUNDLE_PARAMETER = "CA_BUNDLE_PARAMETER";

  /** Every environment variable this function reads. */
  public static final List<String> ENVIRONMENT_VARIABLES =
      List.of(
          TARGETS,
          METRIC_NAMESPACE,
          METRIC_STORAGE_RESOLUTION,
          MAX_CONCURRENT_PROBES,
          TARGETS_PARAMETER,
          TARGETS_S3_URI,
          TARGETS_REFRESH_SECONDS,
          SAMPLE_INTERVAL_SECONDS,
          CA_BUNDLE_PARAMETER);

  /**
   * The allowed {@code SAMPLE_INTERVAL_SECONDS}, ascending: the divisors of the 60 s schedule
   * period from 10 s up, so that every clock minute holds the same number of samples.
   */
  public static final List<Integer> SAMPLE_INTERVALS = List.of(10, 15, 20, 30, 60);

  /** Default {@code SAMPLE_INTERVAL_SECONDS}: one sample per scheduled run. */
  public static final int DEFAULT_SAMPLE_INTERVAL_SECONDS = 60;

  public static final int DEFAULT_TARGETS_REFRESH_SECONDS = 300;

  /** Longest {@code TARGETS_REFRESH_SECONDS}: one day. */
  public static final int MAX_TARGETS_REFRESH_SECONDS = 86_400;

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
    Objects.requireNonNull(targetsLocation, "targetsLocation");
    Objects.requireNonNull(targetsVersion, "targetsVersion");
    Objects.requireNonNull(targetsRefresh, "targetsRefresh");
    Objects.requireNonNull(caBundle, "caBundle");
    caBundle.requireForTargets(targets);
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
   * Reads and validates the configuration; an inline list only ({@code TARGETS_PARAMETER}, {@code
   * TARGETS_S3_URI} and {@code CA_BUNDLE_PARAMETER} need {@link #fromEnvironment(Map, Function,
   * Function)}).
   *
   * @throws TargetConfigException naming the variable, target and field of the first problem
   *     found, or when a remote source is set
   */
  public static HealthCheckConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(
        env,
        location -> {
          if (location.kind() != TargetsLocation.Kind.INLINE) {
            throw new TargetConfigException(
                location.kind().variable(), null, null, "is not supported here; use TARGETS");
          }
          return new InlineTargetsSource(location);
        },
        parameter -> {
          throw new TargetConfigException(
              CA_BUNDLE_PARAMETER, null, null, "is not supported here (it needs SSM)");
        });
  }

  /**
   * Reads and validates the configuration, reading the target list from its source once.
   *
   * <p>Exactly one of {@code TARGETS} (a JSON array of target objects, fields and defaults in
   * docs/configuration.md), {@code TARGETS_PARAMETER} (an SSM parameter name or ARN holding that
   * array) and {@code TARGETS_S3_URI} ({@code s3://bucket/key} of that array, at most 1 MB) must be
   * set. {@code TARGETS_REFRESH_SECONDS} defaults to {@value #DEFAULT_TARGETS_REFRESH_SECONDS} and
   * must be a whole number from 1 to {@value #MAX_TARGETS_REFRESH_SECONDS}. {@code
   * METRIC_NAMESPACE} defaults to {@value #DEFAULT_NAMESPACE} and must be a valid CloudWatch
   * namespace (1-255 printable ASCII characters, not starting with {@code :} or {@code AWS/}).
   * {@code METRIC_STORAGE_RESOLUTION} defaults to 60 and may only be 60 or 1 (seconds). {@code
   * MAX_CONCURRENT_PROBES} defaults to {@value #DEFAULT_MAX_CONCURRENT_PROBES} and must be a whole
   * number from 1 to {@value #MAX_CONCURRENT_PROBES_LIMIT}. {@code SAMPLE_INTERVAL_SECONDS}
   * defaults to {@value #DEFAULT_SAMPLE_INTERVAL_SECONDS} and must be one of {@link
   * #SAMPLE_INTERVALS}. {@code CA_BUNDLE_PARAMETER}, optional, is an SSM parameter name or ARN
   * holding one or more PEM CA certificates ({@link CaBundle}), read once here; a target with
   * {@code caBundle: true} needs it.
   *
   * @param env the environment, usually {@link System#getenv()}
   * @param sources opens the source a {@link TargetsLocation} names
   * @param caBundles reads the bundle of the parameter {@code CA_BUNDLE_PARAMETER} names (asked
   *     only when it is set), e.g. {@link CaBundle#read} on the execution environment's SSM client
   * @throws TargetConfigException naming the variable (or both variables, when two sources are
   *     set), target and field of the first problem found, or the source and what failed when it
   *     cannot be read; naming {@code CA_BUNDLE_PARAMETER} when the bundle cannot be read or is not
   *     valid, and both the target's {@code caBundle} field and {@code CA_BUNDLE_PARAMETER} when a
   *     target asks for a bundle that is not set
   */
  public static HealthCheckConfig fromEnvironment(
      Map<String, String> env,
      Function<TargetsLocation, TargetsSource> sources,
      Function<String, CaBundle> caBundles) {
    Objects.requireNonNull(env, "env");
    TargetsLocation location = TargetsLocation.fromEnvironment(env);
    String namespace = namespace(env);
    int storageResolution = storageResolution(env);
    int maxConcurrentProbes = maxConcurrentProbes(env);
    Duration refresh = targetsRefresh(env);
    int sampleIntervalSeconds = sampleIntervalSeconds(env);
    String caBundleParameter = env.get(CA_BUNDLE_PARAMETER);
    CaBundle caBundle =
        caBundleParameter == null || caBundleParameter.isBlank()
            ? CaBundle.NONE
            : caBundles.apply(caBundleParameter.strip());
    TargetList.Snapshot targets = TargetList.load(sources.apply(location), caBundle);
    return new HealthCheckConfig(
        targets.targets(),
        namespace,
        storageResolution,
        maxConcurrentProbes,
        location,
        targets.version(),
        refresh,
        sampleIntervalSeconds,
        caBundle);
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

  private static Duration targetsRefresh(Map<String, String> env) {
    String value = env.get(TARGETS_REFRESH_SECONDS);
    if (value == null || value.isBlank()) {
      return Duration.ofSeconds(DEFAULT_TARGETS_REFRESH_SECONDS);
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_TARGETS_REFRESH_SECONDS) {
      throw new TargetConfigException(
          TARGETS_REFRESH_SECONDS,
          null,
          null,
          "must be a whole number of seconds from 1 to "
              + MAX_TARGETS_REFRESH_SECONDS
              + ", was \""
              + TargetRules.shorten(value)
              + "\"");
    }
    return Duration.ofSeconds(n);
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
