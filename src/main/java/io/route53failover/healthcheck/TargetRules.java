package io.route53failover.healthcheck;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The rules every {@code TARGETS} field follows, shared by the target records' compact
 * constructors, and the strict JSON readers {@link TargetsParser} binds them with: a string field
 * takes only a non-empty JSON string, a number field only a whole JSON number, a boolean only {@code
 * true} or {@code false}; {@code null} is never a value, an absent field is {@code null}. Every
 * broken rule is a {@link FieldProblem}, which the parser turns into a {@link
 * TargetConfigException} naming the target and field.
 */
final class TargetRules {

  static final String AVAILABILITY_SUFFIX = "_availability";

  /** Longest target name, so that {@code <name>_availability} fits CloudWatch's 255. */
  static final int MAX_NAME_LENGTH = CloudWatchNames.MAX_LENGTH - AVAILABILITY_SUFFIX.length();

  /** Default {@code timeoutMs}, in milliseconds. */
  static final int DEFAULT_TIMEOUT_MS = 3_000;

  /** Largest {@code timeoutMs}, in milliseconds: one schedule period. */
  static final int MAX_TIMEOUT_MS = 60_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");
  private static final int MAX_HOST_LENGTH = 255;
  private static final int MAX_URL_LENGTH = 2_048;
  private static final int MAX_SHOWN_CHARS = 60;

  private TargetRules() {}

  /**
   * One broken rule of one field.
   *
   * <p>{@code field} is null when the field is the one Jackson was reading (the parser takes it
   * from the exception's path). When {@code showsValue} is set, the parser appends the value as
   * written in the JSON ({@code ", was 70000"}), which is exact even for numbers beyond {@code int}.
   */
  static final class FieldProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final boolean showsValue;

    FieldProblem(String field, String problem, boolean showsValue) {
      super(problem);
      this.field = field;
      this.showsValue = showsValue;
    }

    FieldProblem(String field, String problem) {
      this(field, problem, false);
    }

    String field() {
      return field;
    }

    boolean showsValue() {
      return showsValue;
    }
  }

  // --- rules of the records' fields

  /** {@code value}, or a problem saying {@code field} is required when it is absent. */
  static <T> T required(String field, T value) {
    if (value == null) {
      throw new FieldProblem(field, "is required");
    }
    return value;
  }

  /** {@code value} when it lies within {@code min..max}. */
  static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new FieldProblem(field, "must be " + min + "-" + max, true);
    }
    return value;
  }

  /** What is wrong with a target's {@code name}, or {@code null}. */
  static String nameProblem(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return "must be at most "
          + MAX_NAME_LENGTH
          + " characters (so that <name>"
          + AVAILABILITY_SUFFIX
          + " fits CloudWatch's 255), was "
          + name.length();
    }
    if (!NAME.matcher(name).matches()) {
      return "may contain only letters, digits, '_', '.' and '-', was \"" + shorten(name) + "\"";
    }
    return null;
  }

  /** {@code timeoutMs}, {@value #DEFAULT_TIMEOUT_MS} when absent. */
  static int timeoutMs(Integer timeoutMs) {
    return timeoutMs == null ? DEFAULT_TIMEOUT_MS : inRange("timeoutMs", timeoutMs, 1, MAX_TIMEOUT_MS);
  }

  /** Largest {@code retries}: four tries in all. */
  static final int MAX_RETRIES = 3;

  /** {@code retries}, 0 when absent. */
  static int retries(Integer retries) {
    return retries == null ? 0 : inRange("retries", retries, 0, MAX_RETRIES);
  }

  /** {@code metricName}, {@code <name>_availability} when absent. */
  static String metricName(String name, String metricName) {
    if (metricName == null) {
      return defaultMetricName(name);
    }
    String problem = CloudWatchNames.metricNameProblem(metricName);
    if (problem != null) {
      throw new FieldProblem("metricName", problem);
    }
    return metricName;
  }

  static String defaultMetricName(String name) {
    return name + AVAILABILITY_SUFFIX;
  }

  /** A required host name or IP literal. */
  static String host(String host) {
    required("host", host);
    if (host.length() > MAX_HOST_LENGTH || !HOST.matcher(host).matches()) {
      throw new FieldProblem(
          "host", "must be a host name or IP address, was \"" + shorten(host) + "\"");
    }
    return host;
  }

  /**
   * A required absolute URL whose scheme is {@code type} (in any case; returned in lower case) and
   * which OkHttp accepts too, since the prober hands it to OkHttp.
   */
  static URI url(String type, URI url) {
    required("url", url);
    String raw = url.toString();
    if (!url.isAbsolute() || url.getRawAuthority() == null) {
      throw new FieldProblem(
          "url",
          "must be an absolute URL such as "
              + type
              + "://host:port/path, was \""
              + shorten(raw)
              + "\"");
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals(type)) {
      throw new FieldProblem(
          "url", "scheme must be " + type + " for type " + type + ", was " + shorten(scheme));
    }
    if (HttpUrl.parse(raw) == null) {
      throw new FieldProblem(
          "url",
          "is not a valid "
              + type
              + " URL (check the host and port), was \""
              + shorten(raw)
              + "\"");
    }
    // schemes are case-insensitive; keep "https", not "HTTPS"
    return url.getScheme().equals(scheme) ? url : URI.create(scheme + raw.substring(scheme.length()));
  }

  /** An optional substring to find in the first {@code limit} bytes of a body. */
  static String expectedBody(String body, int limit) {
    if (body != null) {
      int bytes = body.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > limit) {
        throw new FieldProblem(
            "expectedBody",
            "must be at most "
                + limit
                + " bytes in UTF-8 (only that much of the body is searched), was "
                + bytes);
      }
    }
    return body;
  }

  // --- strict JSON readers, one per Java type a target's field may have

  /** Jackson deserializers applying the JSON type rules above, for {@link TargetsParser}. */
  static SimpleModule readers() {
    SimpleModule module = new SimpleModule("TargetRules");
    module.addDeserializer(String.class, new Reader<>(String.class, TargetRules::text));
    module.addDeserializer(Integer.class, new Reader<>(Integer.class, TargetRules::wholeNumber));
    module.addDeserializer(Boolean.class, new Reader<>(Boolean.class, TargetRules::bool));
    module.addDeserializer(URI.class, new Reader<>(URI.class, TargetRules::uri));
    module.addDeserializer(StatusRange.class, new Reader<>(StatusRange.class, TargetRules::status));
    return module;
  }

  /** Reads the field's JSON value as a tree and converts it; an absent field stays null. */
  private static final class Reader<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<JsonNode, T> convert;

    Reader(Class<T> type, Function<JsonNode, T> convert) {
      super(type);
      this.convert = convert;
    }

    @Override
    public T deserialize(com.fasterxml.jackson.core.JsonParser p, DeserializationContext ctxt)
        throws IOException {
      return convert.apply(ctxt.readTree(p));
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) {
      return convert.apply(NullNode.getInstance());
    }

    @Override
    public AccessPattern getNullAccessPattern() {
      return AccessPattern.DYNAMIC;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }

  /** A non-empty JSON string. */
  static String text(JsonNode value) {
    if (!value.isTextual()) {
      throw new FieldProblem(null, "must be a string, was " + describe(value));
    }
    if (value.textValue().isEmpty()) {
      throw new FieldProblem(null, "must not be empty");
    }
    return value.textValue();
  }

  /**
   * A whole JSON number; one beyond {@code int} becomes the nearest {@code int}, so that the
   * field's range rule rejects it (showing the value as written).
   */
  private static Integer wholeNumber(JsonNode value) {
    if (!value.isNumber()) {
      throw new FieldProblem(null, "must be a number, was " + describe(value));
    }
    if (!value.isIntegralNumber()) {
      throw new FieldProblem(null, "must be a whole number, was " + shown(value));
    }
    if (value.canConvertToInt()) {
      return value.intValue();
    }
    return value.bigIntegerValue().signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
  }

  private static Boolean bool(JsonNode value) {
    if (!value.isBoolean()) {
      throw new FieldProblem(null, "must be true or false, was " + describe(value));
    }
    return value.booleanValue();
  }

  /** A URL no longer than 2,048 characters that {@link URI} can parse. */
  private static URI uri(JsonNode value) {
    String raw = text(value);
    if (raw.length() > MAX_URL_LENGTH) {
      throw new FieldProblem(
          null, "must be at most " + MAX_URL_LENGTH + " characters, was " + raw.length());
    }
    try {
      return new URI(raw);
    } catch (URISyntaxException e) {
      throw new FieldProblem(null, "is not a valid URL: " + shorten(e.getMessage()));
    }
  }

  /** A status code (200 or "200") or an inclusive range ("200-299"). */
  private static StatusRange status(JsonNode value) {
    if (value.isNumber()) {
      int code = inRange("expectedStatus", wholeNumber(value), 100, 599);
      return new StatusRange(code, code);
    }
    if (!value.isTextual()) {
      throw new FieldProblem(
          null,
          "must be a status code (200 or \"200\") or a range (\"200-299\"), was "
              + describe(value));
    }
    try {
      return StatusRange.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(null, e.getMessage() + ", was " + shown(value));
    }
  }

  // --- how errors show values

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
