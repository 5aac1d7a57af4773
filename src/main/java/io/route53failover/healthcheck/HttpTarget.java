package io.route53failover.healthcheck;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP or HTTPS target: healthy when a GET to {@code url} answers with a status in {@code
 * expectedStatus} and, when {@code expectedBody} is set, that substring occurs in the first 5,120
 * bytes of the body (as Route 53 string matching does). Redirects are not followed.
 *
 * @param name unique target name
 * @param type {@code http} or {@code https}
 * @param url absolute URL whose scheme is {@code type}, at most 2,048 characters; required
 * @param timeoutMs bound on connect plus the full response, in milliseconds, 1 to 60,000; default
 *     3,000
 * @param expectedStatus accepted status codes; default 200-399
 * @param expectedBody substring to find in the first 5,120 bytes, or {@code null} for none
 * @param tlsVerify for {@code https}: whether certificates and host names are verified (default
 *     true); for {@code http}: null, it must not be set
 * @param metricName availability metric name; default {@code <name>_availability}
 * @param expectedJson JSON Pointer (RFC 6901) to expected JSON value, 1 to 20 entries, evaluated
 *     on the first 64 KB of the body; or {@code null}
 * @param maxLatencyMs an answer slower than this (milliseconds, 1 to {@code timeoutMs}) is
 *     unhealthy with reason {@code slow}; or {@code null} for no limit
 * @param method {@code GET} (default) or {@code HEAD} (no body checks then)
 * @param headers request headers, 1 to 20 ({@code Host} allowed), each a literal string or
 *     {@code {"fromParameter": "/ssm/name"}} (an SSM parameter, SecureString allowed, read at load
 *     and at every refresh by {@link HeaderParameters}); values are never logged or printed ({@link
 *     HeaderValue#toString()} masks them); or {@code null}
 * @param retries further tries after a failed probe, 0 to 3; default 0
 * @param caBundle for {@code https}: whether the certificate is verified against the private CAs
 *     of {@code CA_BUNDLE_PARAMETER} ({@link CaBundle}), besides the platform's roots unless
 *     {@code caBundleOnly}; default false; needs {@code tlsVerify} true; for {@code http}: null
 * @param caBundleOnly for {@code https} with {@code caBundle} true: trust only the bundle's CAs,
 *     not the platform's roots; default false; for {@code http}: null
 */
public record HttpTarget(
    String name,
    String type,
    URI url,
    Integer timeoutMs,
    StatusRange expectedStatus,
    String expectedBody,
    Boolean tlsVerify,
    String metricName,
    @JsonDeserialize(using = TargetRules.JsonMapReader.class) Map<String, JsonNode> expectedJson,
    Integer maxLatencyMs,
    String method,
    @JsonDeserialize(using = TargetRules.HeaderMapReader.class) Map<String, HeaderValue> headers,
    Integer retries,
    Boolean caBundle,
    Boolean caBundleOnly)
    implements Target {

  /** Bytes of the body parsed for {@code expectedJson}: 64 KB. */
  public static final int JSON_BODY_LIMIT_BYTES = 65_536;

  /** A GET target without JSON checks, latency limit, headers or retries. */
  public HttpTarget(
      String name,
      String type,
      URI url,
      Integer timeoutMs,
      StatusRange expectedStatus,
      String expectedBody,
      Boolean tlsVerify,
      String metricName) {
    this(
        name, type, url, timeoutMs, expectedStatus, expectedBody, tlsVerify, metricName, null, null,
        null, null, null, null, null);
  }

  /** Bytes of the body searched for {@code expectedBody}, as Route 53 does. */
  public static final int BODY_SEARCH_LIMIT_BYTES = 5_120;

  public HttpTarget {
    Objects.requireNonNull(name, "name");
    if (!"http".equals(type) && !"https".equals(type)) {
      throw new IllegalArgumentException("type must be http or https, was " + type);
    }
    url = TargetRules.url(type, url);
    timeoutMs = TargetRules.timeoutMs(timeoutMs);
    expectedStatus = expectedStatus == null ? StatusRange.DEFAULT : expectedStatus;
    expectedBody = TargetRules.expectedBody(expectedBody, BODY_SEARCH_LIMIT_BYTES);
    httpsOnly(type, "tlsVerify", tlsVerify);
    httpsOnly(type, "caBundle", caBundle);
    httpsOnly(type, "caBundleOnly", caBundleOnly);
    tlsVerify = type.equals("https") && tlsVerify == null ? Boolean.TRUE : tlsVerify;
    metricName = TargetRules.metricName(name, metricName);
    expectedJson = TargetRules.expectedJson(expectedJson);
    maxLatencyMs = TargetRules.maxLatencyMs(maxLatencyMs, timeoutMs);
    method = TargetRules.method(method, expectedBody != null || expectedJson != null);
    headers = TargetRules.headers(headers);
    retries = TargetRules.retries(retries);
    if (type.equals("https")) {
      caBundle = caBundle != null && caBundle;
      caBundleOnly = caBundleOnly != null && caBundleOnly;
      if (caBundle && !tlsVerify) {
        throw new TargetRules.FieldProblem(
            "caBundle",
            "cannot be true when tlsVerify is false (caBundle verifies the certificate against the"
                + " CA bundle; tlsVerify false verifies nothing)");
      }
      if (caBundleOnly && !caBundle) {
        throw new TargetRules.FieldProblem(
            "caBundleOnly", "needs caBundle true (it limits trust to the CA bundle)");
      }
    }
  }

  private static void httpsOnly(String type, String field, Boolean value) {
    if (type.equals("http") && value != null) {
      throw new TargetRules.FieldProblem(
          field,
          "not valid for type http (http targets take url, expectedStatus, expectedBody,"
              + " expectedJson, method and headers; "
              + field
              + " is for https)");
    }
  }

  /** Certificate metric name: {@code <name>_cert_days}, published for https targets. */
  @JsonIgnore
  public String certDaysMetricName() {
    return name + "_cert_days";
  }

  @Override
  public List<String> metricNames() {
    return type.equals("https")
        ? List.of(metricName, latencyMetricName(), certDaysMetricName())
        : List.of(metricName, latencyMetricName());
  }

  /** Whether the certificate is verified against the CA bundle ({@code caBundle: true}). */
  public boolean usesCaBundle() {
    return Boolean.TRUE.equals(caBundle);
  }

  /** Whether only the CA bundle is trusted, not the platform's roots ({@code caBundleOnly: true}). */
  public boolean trustsOnlyCaBundle() {
    return Boolean.TRUE.equals(caBundleOnly);
  }

  /** Whether any header value is read from an SSM parameter. */
  public boolean readsParameters() {
    return headers != null && headers.values().stream().anyMatch(v -> v.parameter() != null);
  }

  /** This target with {@code resolvedHeaders} (same names) in place of its headers. */
  HttpTarget withHeaders(Map<String, HeaderValue> resolvedHeaders) {
    return new HttpTarget(
        name, type, url, timeoutMs, expectedStatus, expectedBody, tlsVerify, metricName,
        expectedJson, maxLatencyMs, method, resolvedHeaders, retries,
        caBundle, caBundleOnly);
  }

  /** Whether certificates and host names are verified: false only for {@code tlsVerify: false}. */
  public boolean verifiesTls() {
    return !Boolean.FALSE.equals(tlsVerify);
  }
}
