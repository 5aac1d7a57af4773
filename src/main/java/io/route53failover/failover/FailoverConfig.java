package io.route53failover.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FailoverFunction's configuration, read once from the environment and validated at start-up.
 *
 * @param primaryHealthCheckId the health check to lock when an alarm carries no {@code
 *     HealthCheckId} dimension ({@code PRIMARY_HEALTH_CHECK_ID}), or {@code null} when unset
 * @param allowedHealthCheckIds the only health checks the function may lock ({@code
 *     ALLOWED_HEALTH_CHECK_IDS}, comma-separated); empty means no restriction
 * @param failedOverPath the {@code ResourcePath} that marks a health check as locked ({@code
 *     FAILED_OVER_PATH}, default {@value #DEFAULT_FAILED_OVER_PATH}); it must never answer 2xx/3xx
 * @param alarmHealthChecks the health check to lock per alarm name ({@code ALARM_HEALTH_CHECKS}, a
 *     JSON object {@code {"<alarm name>":"<health check id>"}}); empty when unset. The template
 *     maps every alarm that notifies FailoverTopic, each node alarm to its gate.
 */
public record FailoverConfig(
    String primaryHealthCheckId,
    Set<String> allowedHealthCheckIds,
    String failedOverPath,
    Map<String, String> alarmHealthChecks) {

  public static final String PRIMARY_HEALTH_CHECK_ID = "PRIMARY_HEALTH_CHECK_ID";
  public static final String ALLOWED_HEALTH_CHECK_IDS = "ALLOWED_HEALTH_CHECK_IDS";
  public static final String FAILED_OVER_PATH = "FAILED_OVER_PATH";
  public static final String ALARM_HEALTH_CHECKS = "ALARM_HEALTH_CHECKS";

  /** Every environment variable this function reads. */
  public static final List<String> ENVIRONMENT_VARIABLES =
      List.of(
          PRIMARY_HEALTH_CHECK_ID, ALLOWED_HEALTH_CHECK_IDS, FAILED_OVER_PATH, ALARM_HEALTH_CHECKS);

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String DEFAULT_FAILED_OVER_PATH = "/lb-check-failed-over";

  /**
   * The longest health check id Route 53 issues, in characters (see Route 53 API GetHealthCheck).
   */
  static final int MAX_HEALTH_CHECK_ID_LENGTH = 64;

  /**
   * Validates the values.
   *
   * @throws FailoverConfigException naming the variable when a value is invalid, or when {@code
   *     PRIMARY_HEALTH_CHECK_ID} or a health check of {@code ALARM_HEALTH_CHECKS} is not among
   *     {@code ALLOWED_HEALTH_CHECK_IDS}
   */
  public FailoverConfig {
    allowedHealthCheckIds = Set.copyOf(new LinkedHashSet<>(allowedHealthCheckIds));
    for (String id : allowedHealthCheckIds) {
      checkId(ALLOWED_HEALTH_CHECK_IDS, id);
    }
    alarmHealthChecks = Map.copyOf(alarmHealthChecks);
    for (Map.Entry<String, String> e : alarmHealthChecks.entrySet()) {
      if (e.getKey().isBlank()) {
        throw new FailoverConfigException(ALARM_HEALTH_CHECKS, "an alarm name is empty");
      }
      checkId(ALARM_HEALTH_CHECKS, e.getValue());
      if (!allowedHealthCheckIds.isEmpty() && !allowedHealthCheckIds.contains(e.getValue())) {
        throw new FailoverConfigException(
            ALARM_HEALTH_CHECKS,
            "alarm \""
                + e.getKey()
                + "\" maps to \""
                + e.getValue()
                + "\", which is not in "
                + ALLOWED_HEALTH_CHECK_IDS
                + " "
                + allowedHealthCheckIds);
      }
    }
    if (primaryHealthCheckId != null) {
      checkId(PRIMARY_HEALTH_CHECK_ID, primaryHealthCheckId);
      if (!allowedHealthCheckIds.isEmpty()
          && !allowedHealthCheckIds.contains(primaryHealthCheckId)) {
        throw new FailoverConfigException(
            PRIMARY_HEALTH_CHECK_ID,
            "\""
                + primaryHealthCheckId
                + "\" is not in "
                + ALLOWED_HEALTH_CHECK_IDS
                + " "
                + allowedHealthCheckIds);
      }
    }
    Optional<String> pathProblem = ResourcePath.problem(failedOverPath);
    if (pathProblem.isPresent()) {
      throw new FailoverConfigException(FAILED_OVER_PATH, pathProblem.get());
    }
  }

  /**
   * Reads and validates the configuration. Unset and blank variables take their defaults; in {@code
   * ALLOWED_HEALTH_CHECK_IDS} spaces around ids and empty entries are ignored.
   *
   * @param env the environment, usually {@link System#getenv()}
   * @throws FailoverConfigException naming the variable of the first problem found
   */
  public static FailoverConfig fromEnvironment(Map<String, String> env) {
    String primary = blankToNull(env.get(PRIMARY_HEALTH_CHECK_ID));
    String allowed = blankToNull(env.get(ALLOWED_HEALTH_CHECK_IDS));
    Set<String> allowedIds = new LinkedHashSet<>();
    if (allowed != null) {
      Arrays.stream(allowed.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(allowedIds::add);
    }
    String path = blankToNull(env.get(FAILED_OVER_PATH));
    return new FailoverConfig(
        primary,
        allowedIds,
        path == null ? DEFAULT_FAILED_OVER_PATH : path,
        alarmHealthChecks(blankToNull(env.get(ALARM_HEALTH_CHECKS))));
  }

  /** {@code ALARM_HEALTH_CHECKS}: a JSON object of strings; {@code null} means none. */
  private static Map<String, String> alarmHealthChecks(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    if (json == null) {
      return map;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FailoverConfigException(
          ALARM_HEALTH_CHECKS, "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FailoverConfigException(
          ALARM_HEALTH_CHECKS,
          "must be a JSON object {\"<alarm name>\":\"<health check id>\"}, was "
              + (root == null ? "empty" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getValue().isTextual()) {
        throw new FailoverConfigException(
            ALARM_HEALTH_CHECKS,
            "the value for alarm \""
                + e.getKey()
                + "\" must be a health check id string, was "
                + e.getValue());
      }
      map.put(e.getKey(), e.getValue().asText().strip());
    }
    return map;
  }

  /** Whether the function may lock {@code healthCheckId}. */
  public boolean allows(String healthCheckId) {
    return allowedHealthCheckIds.isEmpty() || allowedHealthCheckIds.contains(healthCheckId);
  }

  /** The fallback health check id, if {@code PRIMARY_HEALTH_CHECK_ID} is set. */
  public Optional<String> primary() {
    return Optional.ofNullable(primaryHealthCheckId);
  }

  private static void checkId(String variable, String id) {
    if (id.isEmpty()) {
      throw new FailoverConfigException(variable, "health check id must not be empty");
    }
    if (id.length() > MAX_HEALTH_CHECK_ID_LENGTH) {
      throw new FailoverConfigException(
          variable,
          "health check id \""
              + id
              + "\" is longer than "
              + MAX_HEALTH_CHECK_ID_LENGTH
              + " characters");
    }
    if (id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new FailoverConfigException(
          variable, "health check id \"" + id + "\" contains whitespace or control characters");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
