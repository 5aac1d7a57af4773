package io.route53failover.healthcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed access to the fields of one target object in {@code TARGETS}. Every accessor checks the
 * JSON type and range and throws a {@link TargetConfigException} naming the target and field; none
 * throws anything else, whatever the input.
 */
final class TargetFields {

  private static final int MAX_SHOWN_CHARS = 60;

  private final ObjectNode node;
  private final String label;

  /**
   * @param node the target's JSON object
   * @param label how errors name the target, for example {@code "web-1" (index 0)} or {@code index
   *     3}
   */
  TargetFields(ObjectNode node, String label) {
    this.node = node;
    this.label = label;
  }

  /** A required, non-empty string field. */
  String requiredText(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw error(field, "is required");
    }
    return text(field, value);
  }

  /** An optional non-empty string field, or {@code null} when absent. */
  String optionalText(String field) {
    JsonNode value = node.get(field);
    return value == null ? null : text(field, value);
  }

  private String text(String field, JsonNode value) {
    if (!value.isTextual()) {
      throw error(field, "must be a string, was " + describe(value));
    }
    if (value.textValue().isEmpty()) {
      throw error(field, "must not be empty");
    }
    return value.textValue();
  }

  /** A required whole number within {@code min..max}. */
  int requiredInt(String field, int min, int max) {
    if (!node.has(field)) {
      throw error(field, "is required");
    }
    return optionalInt(field, 0, min, max);
  }

  /** An optional whole number within {@code min..max}, or {@code defaultValue} when absent. */
  int optionalInt(String field, int defaultValue, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isNumber()) {
      throw error(field, "must be a number, was " + describe(value));
    }
    if (!value.isIntegralNumber()) {
      throw error(field, "must be a whole number, was " + shown(value));
    }
    if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      throw error(field, "must be " + min + "-" + max + ", was " + shown(value));
    }
    return value.intValue();
  }

  /** An optional boolean, or {@code defaultValue} when absent. */
  boolean optionalBoolean(String field, boolean defaultValue) {
    JsonNode value = node.get(field);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw error(field, "must be true or false, was " + describe(value));
    }
    return value.booleanValue();
  }

  /** The raw value of {@code field}, or {@code null} when absent. */
  JsonNode raw(String field) {
    return node.get(field);
  }

  TargetConfigException error(String field, String problem) {
    return new TargetConfigException(HealthCheckConfig.TARGETS, label, field, problem);
  }

  /** The JSON type of {@code value} and, for scalars, the value itself (shortened). */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "empty";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    String kind = value.isTextual() ? "a string" : value.isBoolean() ? "a boolean" : "a number";
    return kind + " " + shown(value);
  }

  /** {@code value} as JSON, shortened to a readable length. */
  static String shown(JsonNode value) {
    return shorten(value.toString());
  }

  /** {@code text} shortened to a readable length. */
  static String shorten(String text) {
    return shorten(text, MAX_SHOWN_CHARS);
  }

  /** {@code text} cut to {@code maxChars} characters, marked with "..." when cut. */
  static String shorten(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    return text.length() <= maxChars ? text : text.substring(0, maxChars) + "...";
  }
}
