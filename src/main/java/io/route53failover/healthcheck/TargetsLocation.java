package io.route53failover.healthcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where HealthCheckFunction's target list comes from: exactly one of {@code TARGETS} (inline JSON),
 * {@code TARGETS_PARAMETER} (an SSM parameter name or ARN, String or SecureString, standard or
 * advanced tier) and {@code TARGETS_S3_URI} ({@code s3://bucket/key}).
 *
 * @param kind which variable was set
 * @param value its value: the JSON itself, the parameter name or ARN, or the S3 URI
 */
public record TargetsLocation(Kind kind, String value) {

  /** The three sources, each named by its environment variable. */
  public enum Kind {
    /** {@code TARGETS}: the JSON array in the environment. */
    INLINE(HealthCheckConfig.TARGETS),
    /** {@code TARGETS_PARAMETER}: an SSM parameter, read with GetParameter. */
    PARAMETER(HealthCheckConfig.TARGETS_PARAMETER),
    /** {@code TARGETS_S3_URI}: an S3 object, read with GetObject. */
    S3(HealthCheckConfig.TARGETS_S3_URI);

    private final String variable;

    Kind(String variable) {
      this.variable = variable;
    }

    /** The environment variable that selects this source. */
    public String variable() {
      return variable;
    }
  }

  /** Largest S3 document accepted, in bytes (1 MB). */
  public static final long MAX_S3_BYTES = 1_048_576;

  /**
   * @throws NullPointerException when {@code kind} or {@code value} is null
   * @throws TargetConfigException naming the variable when an S3 URI is not {@code s3://bucket/key}
   */
  public TargetsLocation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.S3) {
      s3Parts(value);
    }
  }

  /**
   * The one source {@code env} selects.
   *
   * @throws TargetConfigException when none is set ({@code TARGETS} is named, as before there were
   *     other sources), or when two or three are set (naming each one set)
   */
  public static TargetsLocation fromEnvironment(Map<String, String> env) {
    List<Kind> set = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      String value = env.get(kind.variable());
      if (value != null && !value.isBlank()) {
        set.add(kind);
      }
    }
    if (set.size() > 1) {
      throw new TargetConfigException(
          String.join(" and ", set.stream().map(Kind::variable).toList()),
          null,
          null,
          "are both set; set exactly one of TARGETS, TARGETS_PARAMETER and TARGETS_S3_URI");
    }
    if (set.isEmpty()) {
      String targets = env.get(HealthCheckConfig.TARGETS);
      throw new TargetConfigException(
          HealthCheckConfig.TARGETS,
          null,
          null,
          (targets == null ? "is not set" : "is empty")
              + "; expected a JSON array of targets such as"
              + " [{\"name\":\"web-1\",\"type\":\"tcp\",\"host\":\"192.0.2.10\",\"port\":443}]"
              + " (or set TARGETS_PARAMETER or TARGETS_S3_URI instead)");
    }
    Kind kind = set.getFirst();
    String value = env.get(kind.variable());
    return new TargetsLocation(kind, kind == Kind.INLINE ? value : value.strip());
  }

  /** The S3 bucket; only for {@link Kind#S3}. */
  public String bucket() {
    return s3Parts(value)[0];
  }

  /** The S3 object key; only for {@link Kind#S3}. */
  public String key() {
    return s3Parts(value)[1];
  }

  /**
   * How logs and errors name this source: the variable, and for the remote sources the parameter
   * or URI, for example {@code TARGETS_S3_URI s3://ops-config/targets.json}.
   */
  public String describe() {
    return kind == Kind.INLINE ? kind.variable() : kind.variable() + " " + value;
  }

  private static String[] s3Parts(String uri) {
    String prefix = "s3://";
    int slash = uri.startsWith(prefix) ? uri.indexOf('/', prefix.length()) : -1;
    if (slash <= prefix.length() || slash == uri.length() - 1) {
      throw new TargetConfigException(
          HealthCheckConfig.TARGETS_S3_URI,
          null,
          null,
          "must be s3://bucket/key, was \"" + TargetRules.shorten(uri) + "\"");
    }
    return new String[] {uri.substring(prefix.length(), slash), uri.substring(slash + 1)};
  }
}
