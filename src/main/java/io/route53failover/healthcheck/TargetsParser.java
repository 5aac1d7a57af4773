package io.route53failover.healthcheck;

import static io.route53failover.healthcheck.HealthCheckConfig.TARGETS;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Parses the {@code TARGETS} JSON array into {@link Target}s, rejecting anything doubtful: unknown
 * or misplaced fields, wrong JSON types, out-of-range values, duplicate names and duplicate metric
 * names. Every problem is a {@link TargetConfigException}.
 */
final class TargetsParser {

  /** Most targets one configuration may hold. */
  static final int MAX_TARGETS = 1_000;

  /** Default {@code timeoutMs}, in milliseconds. */
  static final int DEFAULT_TIMEOUT_MS = 3_000;

  /** Largest {@code timeoutMs}, in milliseconds: one schedule period. */
  static final int MAX_TIMEOUT_MS = 60_000;

  private static final String AVAILABILITY_SUFFIX = "_availability";

  /** Longest target name, so that {@code <name>_availability} fits CloudWatch's 255. */
  static final int MAX_NAME_LENGTH = CloudWatchNames.MAX_LENGTH - AVAILABILITY_SUFFIX.length();

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");
  private static final int MAX_HOST_LENGTH = 255;
  private static final int MAX_URL_LENGTH = 2_048;

  /** Every field, in the order the error message lists them. */
  private static final List<String> ALL_FIELDS =
      List.of(
          "name",
          "type",
          "host",
          "port",
          "url",
          "timeoutMs",
          "expectedStatus",
          "expectedBody",
          "tlsVerify",
          "metricName");

  private static final Set<String> COMMON_FIELDS =
      Set.of("name", "type", "timeoutMs", "metricName");
  private static final Set<String> TCP_FIELDS = union(COMMON_FIELDS, "host", "port");
  private static final Set<String> HTTP_FIELDS =
      union(COMMON_FIELDS, "url", "expectedStatus", "expectedBody");
  private static final Set<String> HTTPS_FIELDS = union(HTTP_FIELDS, "tlsVerify");
  private static final Map<String, Set<String>> FIELDS_BY_TYPE =
      Map.of("tcp", TCP_FIELDS, "http", HTTP_FIELDS, "https", HTTPS_FIELDS);

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
          .build();

  private TargetsParser() {}

  private static Set<String> union(Set<String> fields, String... more) {
    Set<String> all = new HashSet<>(fields);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  /**
   * Parses {@code json}, the value of {@code TARGETS}.
   *
   * @return the targets in the order given, at least one
   * @throws TargetConfigException naming the target and field of the first problem found
   */
  static List<Target> parse(String json) {
    JsonNode root = readTree(json);
    if (!root.isArray()) {
      throw problem(
          null, null, "must be a JSON array of targets, was " + TargetFields.describe(root));
    }
    if (root.isEmpty()) {
      throw problem(null, null, "must contain at least one target, was an empty array");
    }
    if (root.size() > MAX_TARGETS) {
      throw problem(
          null, null, "must contain at most " + MAX_TARGETS + " targets, was " + root.size());
    }
    List<Target> targets = new ArrayList<>(root.size());
    Map<String, String> ownerByName = new HashMap<>();
    Map<String, String> ownerByMetric = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      Target target = parseTarget(root.get(i), i);
      String label = label(target.name(), i);
      String previous = ownerByName.putIfAbsent(target.name(), label);
      if (previous != null) {
        throw problem(label, "name", "duplicate name; already used by target " + previous);
      }
      claimMetric(ownerByMetric, target.metricName(), label, target);
      claimMetric(ownerByMetric, target.latencyMetricName(), label, target);
      targets.add(target);
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
              + TargetFields.shorten(e.getOriginalMessage(), 200)
              + locationOf(e));
    }
  }

  private static String locationOf(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static void claimMetric(
      Map<String, String> ownerByMetric, String metric, String label, Target target) {
    String previous = ownerByMetric.putIfAbsent(metric, label);
    if (previous != null) {
      String field =
          metric.equals(target.metricName()) && !metric.equals(defaultMetricName(target.name()))
              ? "metricName"
              : "name";
      throw problem(
          label, field, "metric name \"" + metric + "\" is already used by target " + previous);
    }
  }

  private static Target parseTarget(JsonNode node, int index) {
    if (!(node instanceof ObjectNode object)) {
      throw problem(
          "index " + index, null, "must be a JSON object, was " + TargetFields.describe(node));
    }
    String name = parseName(new TargetFields(object, "index " + index));
    TargetFields fields = new TargetFields(object, label(name, index));
    rejectUnknownFields(object, fields);
    String type = parseType(fields);
    rejectFieldsOfOtherTypes(object, fields, type);
    int timeoutMs = fields.optionalInt("timeoutMs", DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
    String metricName = parseMetricName(fields, name);
    if (type.equals("tcp")) {
      String host = parseHost(fields);
      int port = fields.requiredInt("port", 1, 65_535);
      return new TcpTarget(name, host, port, timeoutMs, metricName);
    }
    URI url = parseUrl(fields, type);
    StatusRange expectedStatus = parseExpectedStatus(fields);
    String expectedBody = parseExpectedBody(fields);
    boolean tlsVerify = fields.optionalBoolean("tlsVerify", true);
    return new HttpTarget(
        name, url, timeoutMs, expectedStatus, expectedBody, tlsVerify, metricName);
  }

  private static String parseName(TargetFields fields) {
    String name = fields.requiredText("name");
    if (name.length() > MAX_NAME_LENGTH) {
      throw fields.error(
          "name",
          "must be at most "
              + MAX_NAME_LENGTH
              + " characters (so that <name>"
              + AVAILABILITY_SUFFIX
              + " fits CloudWatch's 255), was "
              + name.length());
    }
    if (!NAME.matcher(name).matches()) {
      throw fields.error(
          "name",
          "may contain only letters, digits, '_', '.' and '-', was \""
              + TargetFields.shorten(name)
              + "\"");
    }
    return name;
  }

  private static void rejectUnknownFields(ObjectNode object, TargetFields fields) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!ALL_FIELDS.contains(field)) {
        throw fields.error(
            TargetFields.shorten(field),
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

  private static String parseType(TargetFields fields) {
    String type = fields.requiredText("type");
    if (!FIELDS_BY_TYPE.containsKey(type)) {
      throw fields.error(
          "type",
          "must be \"tcp\", \"http\" or \"https\", was \"" + TargetFields.shorten(type) + "\"");
    }
    return type;
  }

  private static void rejectFieldsOfOtherTypes(
      ObjectNode object, TargetFields fields, String type) {
    Set<String> allowed = FIELDS_BY_TYPE.get(type);
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw fields.error(field, "not valid for type " + type + hintFor(type));
      }
    }
  }

  private static String hintFor(String type) {
    return switch (type) {
      case "tcp" -> " (tcp targets take host and port)";
      case "http" ->
          " (http targets take url, expectedStatus and expectedBody; tlsVerify is for https)";
      default -> " (https targets take url, expectedStatus, expectedBody and tlsVerify)";
    };
  }

  private static String parseMetricName(TargetFields fields, String name) {
    String metricName = fields.optionalText("metricName");
    if (metricName == null) {
      return defaultMetricName(name);
    }
    String problem = CloudWatchNames.metricNameProblem(metricName);
    if (problem != null) {
      throw fields.error("metricName", problem);
    }
    return metricName;
  }

  private static String defaultMetricName(String name) {
    return name + AVAILABILITY_SUFFIX;
  }

  private static String parseHost(TargetFields fields) {
    String host = fields.requiredText("host");
    if (host.length() > MAX_HOST_LENGTH || !HOST.matcher(host).matches()) {
      throw fields.error(
          "host", "must be a host name or IP address, was \"" + TargetFields.shorten(host) + "\"");
    }
    return host;
  }

  private static URI parseUrl(TargetFields fields, String type) {
    String raw = fields.requiredText("url");
    if (raw.length() > MAX_URL_LENGTH) {
      throw fields.error(
          "url", "must be at most " + MAX_URL_LENGTH + " characters, was " + raw.length());
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw fields.error("url", "is not a valid URL: " + TargetFields.shorten(e.getMessage()));
    }
    if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
      throw fields.error(
          "url",
          "must be an absolute URL such as "
              + type
              + "://host:port/path, was \""
              + TargetFields.shorten(raw)
              + "\"");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals(type)) {
      throw fields.error(
          "url",
          "scheme must be " + type + " for type " + type + ", was " + TargetFields.shorten(scheme));
    }
    if (HttpUrl.parse(raw) == null) {
      throw fields.error(
          "url",
          "is not a valid "
              + type
              + " URL (check the host and port), was \""
              + TargetFields.shorten(raw)
              + "\"");
    }
    // schemes are case-insensitive; keep "https", not "HTTPS", as the target's type
    return uri.getScheme().equals(scheme)
        ? uri
        : URI.create(scheme + raw.substring(scheme.length()));
  }

  private static StatusRange parseExpectedStatus(TargetFields fields) {
    JsonNode value = fields.raw("expectedStatus");
    if (value == null) {
      return StatusRange.DEFAULT;
    }
    if (value.isNumber()) {
      int code = fields.optionalInt("expectedStatus", 0, 100, 599);
      return new StatusRange(code, code);
    }
    if (!value.isTextual()) {
      throw fields.error(
          "expectedStatus",
          "must be a status code (200 or \"200\") or a range (\"200-299\"), was "
              + TargetFields.describe(value));
    }
    try {
      return StatusRange.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      throw fields.error("expectedStatus", e.getMessage() + ", was " + TargetFields.shown(value));
    }
  }

  private static String parseExpectedBody(TargetFields fields) {
    String body = fields.optionalText("expectedBody");
    if (body != null) {
      int bytes = body.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > HttpTarget.BODY_SEARCH_LIMIT_BYTES) {
        throw fields.error(
            "expectedBody",
            "must be at most "
                + HttpTarget.BODY_SEARCH_LIMIT_BYTES
                + " bytes in UTF-8 (only that much of the body is searched), was "
                + bytes);
      }
    }
    return body;
  }

  private static String label(String name, int index) {
    return "\"" + name + "\" (index " + index + ")";
  }

  private static TargetConfigException problem(String target, String field, String what) {
    return new TargetConfigException(TARGETS, target, field, what);
  }
}
