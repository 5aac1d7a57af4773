package io.route53failover.healthcheck;

import static io.route53failover.healthcheck.HealthCheckConfig.TARGETS;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.healthcheck.TargetRules.FieldProblem;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parses the {@code TARGETS} JSON array into {@link Target}s by binding each element with Jackson
 * to the record its {@code type} names ({@link Target}'s {@code @JsonSubTypes}), rejecting
 * anything doubtful: unknown or misplaced fields, wrong JSON types, nulls, out-of-range values,
 * duplicate names and duplicate metric names. Every problem is a {@link TargetConfigException}
 * naming the target (by name and index) and the field; Jackson's own messages never reach the
 * user except for JSON syntax errors, which are shortened and located.
 *
 * <p>Per target, the checks run in this order: the element is an object; {@code name}; no unknown
 * field; {@code type}; then the record's fields as Jackson binds them (a field of another type,
 * wrong JSON types) and its compact constructor validates them.
 */
public final class TargetsParser {

  /** Most targets one configuration may hold. */
  public static final int MAX_TARGETS = 1_000;

  /** Record per {@code type}, in declaration order. */
  private static final Map<String, Class<?>> RECORD_BY_TYPE = recordsByType();

  /** Every field of every type, in the order the error message lists them. */
  private static final Set<String> ALL_FIELDS = allFields();

  /** The fields every type takes, left out of the per-type hints. */
  private static final Set<String> COMMON_FIELDS =
      Set.of("name", "type", "timeoutMs", "metricName", "maxLatencyMs", "retries");

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxNumberLength(100)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(TargetRules.readers())
          .build();

  private TargetsParser() {}

  private static Map<String, Class<?>> recordsByType() {
    Map<String, Class<?>> byType = new LinkedHashMap<>();
    for (JsonSubTypes.Type t : Target.class.getAnnotation(JsonSubTypes.class).value()) {
      for (String name : t.names().length > 0 ? t.names() : new String[] {t.name()}) {
        byType.put(name, t.value());
      }
    }
    return byType;
  }

  private static Set<String> allFields() {
    Set<String> fields = new LinkedHashSet<>(List.of("name", "type"));
    RECORD_BY_TYPE.values().forEach(r -> fields.addAll(fieldsOf(r)));
    return Collections.unmodifiableSet(fields);
  }

  private static List<String> fieldsOf(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /**
   * Parses {@code json}, the value of {@code TARGETS} (or of the parameter or object named by
   * {@code TARGETS_PARAMETER} or {@code TARGETS_S3_URI}).
   *
   * @return the targets in the order given, at least one
   * @throws TargetConfigException naming the target and field of the first problem found
   */
  public static List<Target> parse(String json) {
    return parse(
        json,
        p -> {
          throw p;
        });
  }

  /**
   * Every problem of {@code json}, not just the first: one per invalid target (its first invalid
   * field), one per duplicate name or metric name, or a single one when the whole value is wrong
   * (not JSON, not an array, empty, over {@value #MAX_TARGETS} targets).
   *
   * @return the problems in the order found; empty when {@link #parse(String)} accepts {@code json}
   */
  public static List<TargetConfigException> problems(String json) {
    List<TargetConfigException> problems = new ArrayList<>();
    parse(json, problems::add);
    return List.copyOf(problems);
  }

  private static List<Target> parse(String json, Consumer<TargetConfigException> report) {
    JsonNode root;
    try {
      root = readTree(json);
    } catch (TargetConfigException e) {
      report.accept(e);
      return List.of();
    }
    if (!root.isArray()) {
      report.accept(
          problem(null, null, "must be a JSON array of targets, was " + TargetRules.describe(root)));
      return List.of();
    }
    if (root.isEmpty()) {
      report.accept(problem(null, null, "must contain at least one target, was an empty array"));
      return List.of();
    }
    if (root.size() > MAX_TARGETS) {
      report.accept(
          problem(
              null, null, "must contain at most " + MAX_TARGETS + " targets, was " + root.size()));
      return List.of();
    }
    List<Target> targets = new ArrayList<>(root.size());
    Map<String, String> ownerByName = new HashMap<>();
    Map<String, String> ownerByMetric = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        Target target = parseTarget(root.get(i), i);
        String label = label(target.name(), i);
        String previous = ownerByName.putIfAbsent(target.name(), label);
        if (previous != null) {
          throw problem(label, "name", "duplicate name; already used by target " + previous);
        }
        for (String metric : target.metricNames()) {
          claimMetric(ownerByMetric, metric, label, target);
        }
        targets.add(target);
      } catch (TargetConfigException e) {
        report.accept(e);
      }
    }
    return List.copyOf(targets);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JacksonException e) {
      throw problem(
          null,
          null,
          "is not valid JSON: "
              + TargetRules.shorten(e.getOriginalMessage(), 200)
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
  }

  private static void claimMetric(
      Map<String, String> ownerByMetric, String metric, String label, Target target) {
    String previous = ownerByMetric.putIfAbsent(metric, label);
    if (previous != null) {
      String field =
          metric.equals(target.metricName())
                  && !metric.equals(TargetRules.defaultMetricName(target.name()))
              ? "metricName"
              : "name";
      throw problem(
          label, field, "metric name \"" + metric + "\" is already used by target " + previous);
    }
  }

  private static Target parseTarget(JsonNode node, int index) {
    if (!(node instanceof ObjectNode object)) {
      throw problem(
          "index " + index, null, "must be a JSON object, was " + TargetRules.describe(node));
    }
    String name = checkName(object, "index " + index);
    String label = label(name, index);
    rejectUnknownFields(object, label);
    String type = checkType(object, label);
    try {
      return JSON.treeToValue(object, Target.class);
    } catch (JacksonException e) {
      throw translate(e, object, label, type);
    }
  }

  /** The name is checked first: the errors of every other field name the target by it. */
  private static String checkName(ObjectNode object, String label) {
    String name = field(object, "name", label);
    String problem = TargetRules.nameProblem(name);
    if (problem != null) {
      throw problem(label, "name", problem);
    }
    return name;
  }

  private static String checkType(ObjectNode object, String label) {
    String type = field(object, "type", label);
    if (!RECORD_BY_TYPE.containsKey(type)) {
      throw problem(
          label,
          "type",
          "must be "
              + oneOf(RECORD_BY_TYPE.keySet())
              + ", was \""
              + TargetRules.shorten(type)
              + "\"");
    }
    return type;
  }

  /** A required string field read before binding. */
  private static String field(ObjectNode object, String field, String label) {
    JsonNode value = object.get(field);
    try {
      return TargetRules.text(TargetRules.required(field, value));
    } catch (FieldProblem p) {
      throw problem(label, field, p.getMessage());
    }
  }

  /** {@code "tcp", "http" or "https"}. */
  private static String oneOf(Set<String> values) {
    List<String> quoted = values.stream().map(v -> "\"" + v + "\"").toList();
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " or "
        + quoted.getLast();
  }

  private static void rejectUnknownFields(ObjectNode object, String label) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!ALL_FIELDS.contains(field)) {
        throw problem(
            label,
            TargetRules.shorten(field),
            "unknown field"
                + suggestion(field)
                + "; valid fields are "
                + String.join(", ", ALL_FIELDS));
      }
    }
  }

  private static String suggestion(String field) {
    String wanted = normalized(field);
    for (String known : ALL_FIELDS) {
      if (normalized(known).equals(wanted)) {
        return " (did you mean \"" + known + "\"?)";
      }
    }
    return "";
  }

  private static String normalized(String field) {
    return field.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Jackson's exception as the same wording every other problem has. */
  private static TargetConfigException translate(
      JacksonException e, ObjectNode object, String label, String type) {
    if (e instanceof UnrecognizedPropertyException u) {
      return problem(label, u.getPropertyName(), "not valid for type " + type + hintFor(type));
    }
    String pathField = e instanceof JsonMappingException m ? firstField(m.getPath()) : null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FieldProblem p) {
        String field = p.field() != null ? p.field() : pathField;
        return problem(
            label,
            field,
            p.getMessage()
                + (p.showsValue() ? ", was " + TargetRules.shown(object.get(field)) : ""));
      }
    }
    // not reached by any input known: every field type has a strict reader
    return problem(
        label,
        pathField,
        "is not valid, was " + TargetRules.describe(pathField == null ? object : object.get(pathField)));
  }

  private static String firstField(List<JsonMappingException.Reference> path) {
    return path.isEmpty() ? null : path.getFirst().getFieldName();
  }

  /** What fields {@code type} takes besides the common ones. */
  private static String hintFor(String type) {
    if (type.equals("http")) {
      return " (http targets take url, expectedStatus, expectedBody, expectedJson, method and"
          + " headers; tlsVerify is for https)";
    }
    List<String> own =
        fieldsOf(RECORD_BY_TYPE.get(type)).stream()
            .filter(f -> !COMMON_FIELDS.contains(f))
            .toList();
    return " ("
        + type
        + " targets take "
        + (own.size() == 1
            ? own.getFirst()
            : String.join(", ", own.subList(0, own.size() - 1)) + " and " + own.getLast())
        + ")";
  }

  private static String label(String name, int index) {
    return "\"" + name + "\" (index " + index + ")";
  }

  private static TargetConfigException problem(String target, String field, String what) {
    return new TargetConfigException(TARGETS, target, field, what);
  }
}
