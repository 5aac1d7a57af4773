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
import java.util.Objects;
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

  /** An optional latency limit: 1 to {@code timeoutMs} milliseconds. */
  static Integer maxLatencyMs(Integer maxLatencyMs, int timeoutMs) {
    if (maxLatencyMs == null) {
      return null;
    }
    if (maxLatencyMs < 1 || maxLatencyMs > timeoutMs) {
      throw new FieldProblem(
          "maxLatencyMs",
          "must be 1-" + timeoutMs + " (at most timeoutMs, which is " + timeoutMs + ")",
          true);
    }
    return maxLatencyMs;
  }

  private static final Pattern DNS_NAME =
      Pattern.compile("([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*"
          + "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?");

  /** A DNS name: labels of letters, digits, '-' and '_', at most 253 characters. */
  static String dnsName(String field, String name) {
    required(field, name);
    if (name.length() > 254 || !DNS_NAME.matcher(name).matches()) {
      throw new FieldProblem(field, "must be a DNS name such as app.example.com, was \""
          + shorten(name) + "\"");
    }
    return name;
  }

  /** {@code recordType}: A (default), AAAA or CNAME. */
  static String recordType(String recordType) {
    if (recordType == null) {
      return "A";
    }
    return switch (recordType) {
      case "A", "AAAA", "CNAME" -> recordType;
      default -> throw new FieldProblem(
          "recordType", "must be \"A\", \"AAAA\" or \"CNAME\", was \"" + shorten(recordType) + "\"");
    };
  }

  /** {@code resolver}: {@code ip:port} ({@code [v6]:port} for IPv6), or an IP alone (port 53). */
  static java.net.InetSocketAddress resolver(String resolver) {
    if (resolver == null) {
      return null;
    }
    String host = resolver;
    int port = 53;
    int colon = resolver.lastIndexOf(':');
    boolean bracketed = resolver.startsWith("[");
    if (bracketed) {
      int close = resolver.indexOf(']');
      if (close < 0) {
        throw badResolver(resolver);
      }
      host = resolver.substring(1, close);
      String rest = resolver.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw badResolver(resolver);
        }
        port = port(resolver, rest.substring(1));
      }
    } else if (colon >= 0 && resolver.indexOf(':') == colon) {
      host = resolver.substring(0, colon);
      port = port(resolver, resolver.substring(colon + 1));
    }
    byte[] address = org.xbill.DNS.Address.toByteArray(host, org.xbill.DNS.Address.IPv4);
    if (address == null) {
      address = org.xbill.DNS.Address.toByteArray(host, org.xbill.DNS.Address.IPv6);
    }
    if (address == null) {
      throw badResolver(resolver);
    }
    try {
      return new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(address), port);
    } catch (java.net.UnknownHostException e) {
      throw badResolver(resolver);
    }
  }

  private static int port(String resolver, String digits) {
    if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
      throw badResolver(resolver);
    }
    return Integer.parseInt(digits);
  }

  private static FieldProblem badResolver(String resolver) {
    return new FieldProblem(
        "resolver",
        "must be an IP address and port such as 10.0.0.2:53 or [fd00::2]:53, was \""
            + shorten(resolver)
            + "\"");
  }

  /** Most values {@code expectedAnswers} may list. */
  static final int MAX_EXPECTED_ANSWERS = 20;

  /**
   * {@code expectedAnswers} in canonical form: IP addresses as {@link
   * java.net.InetAddress#getHostAddress()} writes them (A: IPv4, AAAA: IPv6), names in lower case
   * without the final dot (CNAME).
   */
  static java.util.List<String> expectedAnswers(String recordType, java.util.List<String> answers) {
    if (answers == null) {
      return null;
    }
    if (answers.isEmpty() || answers.size() > MAX_EXPECTED_ANSWERS) {
      throw new FieldProblem(
          "expectedAnswers",
          "must list 1-" + MAX_EXPECTED_ANSWERS + " values, was " + answers.size());
    }
    java.util.List<String> canonical = new java.util.ArrayList<>();
    for (String answer : answers) {
      String value = canonicalAnswer(recordType, answer);
      if (value == null) {
        throw new FieldProblem(
            "expectedAnswers",
            "must hold "
                + switch (recordType) {
                  case "A" -> "IPv4 addresses";
                  case "AAAA" -> "IPv6 addresses";
                  default -> "DNS names";
                }
                + " for recordType "
                + recordType
                + ", was \""
                + shorten(answer)
                + "\"");
      }
      canonical.add(value);
    }
    return java.util.List.copyOf(canonical);
  }

  /** {@code answer} in canonical form for {@code recordType}, or null when it is not one. */
  static String canonicalAnswer(String recordType, String answer) {
    int family =
        switch (recordType) {
          case "A" -> org.xbill.DNS.Address.IPv4;
          case "AAAA" -> org.xbill.DNS.Address.IPv6;
          default -> 0;
        };
    if (family == 0) {
      String name = answer.toLowerCase(Locale.ROOT);
      name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
      return !name.isEmpty() && DNS_NAME.matcher(name).matches() ? name : null;
    }
    byte[] bytes = org.xbill.DNS.Address.toByteArray(answer, family);
    if (bytes == null) {
      return null;
    }
    try {
      return java.net.InetAddress.getByAddress(bytes).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** {@code match}: {@code any} (default) or {@code exact}. */
  static String match(String match, java.util.List<String> expectedAnswers) {
    if (match == null) {
      return "any";
    }
    if (!match.equals("any") && !match.equals("exact")) {
      throw new FieldProblem("match", "must be \"any\" or \"exact\", was \"" + shorten(match) + "\"");
    }
    if (expectedAnswers == null) {
      throw new FieldProblem("match", "needs expectedAnswers (without them the probe checks that the name resolves)");
    }
    return match;
  }

  /** Most entries {@code expectedJson} and {@code headers} may hold. */
  static final int MAX_ENTRIES = 20;

  /** {@code expectedJson}: 1-20 JSON Pointers (RFC 6901) to expected values. */
  static java.util.Map<String, JsonNode> expectedJson(java.util.Map<String, JsonNode> expected) {
    if (expected == null) {
      return null;
    }
    if (expected.isEmpty() || expected.size() > MAX_ENTRIES) {
      throw new FieldProblem(
          "expectedJson", "must hold 1-" + MAX_ENTRIES + " JSON Pointers, was " + expected.size());
    }
    for (String pointer : expected.keySet()) {
      try {
        com.fasterxml.jackson.core.JsonPointer.compile(pointer);
      } catch (IllegalArgumentException e) {
        throw new FieldProblem(
            "expectedJson",
            "keys must be JSON Pointers such as \"/status\" (RFC 6901), was \"" + shorten(pointer) + "\"");
      }
    }
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expected));
  }

  /** {@code method}: GET (default) or HEAD; HEAD reads no body, so it takes no body checks. */
  static String method(String method, boolean checksBody) {
    if (method == null) {
      return "GET";
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new FieldProblem("method", "must be \"GET\" or \"HEAD\", was \"" + shorten(method) + "\"");
    }
    if (method.equals("HEAD") && checksBody) {
      throw new FieldProblem(
          "method", "HEAD answers have no body, so expectedBody and expectedJson need GET");
    }
    return method;
  }

  /** Headers the prober sets itself, which {@code headers} may not override. */
  private static final java.util.Set<String> OWN_HEADERS =
      java.util.Set.of("connection", "accept-encoding", "content-length", "transfer-encoding", "te", "upgrade");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** An SSM parameter name: {@code name} or {@code /path/name}, at most 1,011 characters. */
  private static final Pattern PARAMETER_NAME =
      Pattern.compile("(/[A-Za-z0-9_.-]+)+|[A-Za-z0-9_.-]+");

  private static final int MAX_PARAMETER_NAME_LENGTH = 1_011;

  /**
   * {@code headers}: 1-20 request headers whose values are printable ASCII strings or {@code
   * {"fromParameter": "/ssm/name"}} (checked when read: {@link #headerValueProblem(String)}).
   */
  static java.util.Map<String, HeaderValue> headers(java.util.Map<String, HeaderValue> headers) {
    if (headers == null) {
      return null;
    }
    if (headers.isEmpty() || headers.size() > MAX_ENTRIES) {
      throw new FieldProblem("headers", "must hold 1-" + MAX_ENTRIES + " headers, was " + headers.size());
    }
    for (var header : headers.entrySet()) {
      String name = header.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new FieldProblem("headers", "\"" + shorten(name) + "\" is not a valid header name");
      }
      if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new FieldProblem("headers", name + " is set by the prober and cannot be given");
      }
      HeaderValue value = Objects.requireNonNull(header.getValue(), "header value");
      if (value.parameter() != null) {
        String parameter = value.parameter();
        if (parameter.length() > MAX_PARAMETER_NAME_LENGTH
            || !PARAMETER_NAME.matcher(parameter).matches()) {
          throw new FieldProblem(
              "headers." + name + ".fromParameter",
              "must be an SSM parameter name such as /app/token (letters, digits, '_', '.', '-',"
                  + " '/' between path parts; at most "
                  + MAX_PARAMETER_NAME_LENGTH
                  + " characters), was \""
                  + shorten(parameter)
                  + "\"");
        }
      }
      // the value is never shown: it may be a token
      String problem = value.isResolved() ? headerValueProblem(value.value()) : null;
      if (problem != null) {
        throw new FieldProblem(
            value.parameter() == null ? "headers" : "headers." + name + ".fromParameter",
            "the value of " + name + " " + problem);
      }
    }
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
  }

  /** What is wrong with a header value (never quoting it), or null: printable ASCII, one line. */
  static String headerValueProblem(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))
        ? null
        : "must be printable ASCII (no line breaks)";
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

  /** {@code expectedAnswers}: a JSON array of strings. */
  static final class StringListReader extends Reader<java.util.List<String>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    StringListReader() {
      super((Class<java.util.List<String>>) (Class<?>) java.util.List.class, TargetRules::stringList);
    }
  }

  /** {@code headers}: a JSON object of strings or {@code {"fromParameter": "..."}} objects. */
  static final class HeaderMapReader extends Reader<java.util.Map<String, HeaderValue>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    HeaderMapReader() {
      super(
          (Class<java.util.Map<String, HeaderValue>>) (Class<?>) java.util.Map.class,
          TargetRules::headerMap);
    }
  }

  /** {@code expectedJson}: a JSON object of any JSON values (null included). */
  static final class JsonMapReader extends Reader<java.util.Map<String, JsonNode>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    JsonMapReader() {
      super((Class<java.util.Map<String, JsonNode>>) (Class<?>) java.util.Map.class, TargetRules::jsonMap);
    }
  }

  private static java.util.List<String> stringList(JsonNode value) {
    if (!value.isArray()) {
      throw new FieldProblem(null, "must be an array of strings, was " + describe(value));
    }
    java.util.List<String> list = new java.util.ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual() || element.textValue().isEmpty()) {
        throw new FieldProblem(null, "must hold non-empty strings, held " + describe(element));
      }
      list.add(element.textValue());
    }
    return list;
  }

  private static java.util.Map<String, HeaderValue> headerMap(JsonNode value) {
    if (!value.isObject()) {
      throw new FieldProblem(null, "must be an object of header names to values, was " + describe(value));
    }
    java.util.Map<String, HeaderValue> map = new java.util.LinkedHashMap<>();
    for (var entry : value.properties()) {
      JsonNode v = entry.getValue();
      String name = shorten(entry.getKey());
      if (v.isTextual()) {
        map.put(entry.getKey(), HeaderValue.literal(v.textValue()));
      } else if (v.isObject()) {
        map.put(entry.getKey(), HeaderValue.fromParameter(fromParameter(name, v)));
      } else {
        // a scalar's value is not shown either: it may be a token written without quotes
        throw new FieldProblem(
            null,
            "the value of "
                + name
                + " must be a string or {\"fromParameter\": \"/ssm/name\"}, was "
                + (v.isArray() || v.isNull() ? describe(v) : "a " + (v.isBoolean() ? "boolean" : "number")));
      }
    }
    return map;
  }

  /** The parameter name of {@code {"fromParameter": "/ssm/name"}}, the only field allowed. */
  private static String fromParameter(String header, JsonNode object) {
    String field = "headers." + header + ".fromParameter";
    for (var it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("fromParameter")) {
        throw new FieldProblem(
            "headers." + header,
            "unknown field \"" + shorten(key) + "\"; a header value object takes only fromParameter");
      }
    }
    JsonNode name = object.get("fromParameter");
    if (name == null) {
      throw new FieldProblem(field, "is required in a header value object");
    }
    if (!name.isTextual() || name.textValue().isEmpty()) {
      throw new FieldProblem(field, "must be a non-empty string, was " + describe(name));
    }
    return name.textValue();
  }

  private static java.util.Map<String, JsonNode> jsonMap(JsonNode value) {
    if (!value.isObject()) {
      throw new FieldProblem(
          null, "must be an object of JSON Pointers to expected values, was " + describe(value));
    }
    java.util.Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
    for (var entry : value.properties()) {
      map.put(entry.getKey(), entry.getValue());
    }
    return map;
  }

  /** Reads the field's JSON value as a tree and converts it; an absent field stays null. */
  private static class Reader<T> extends StdDeserializer<T> {
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
