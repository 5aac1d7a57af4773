package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.route53failover.testing.FuzzBounds;
import io.route53failover.testing.FuzzStats;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link HealthCheckConfig#fromEnvironment} with arbitrary {@code TARGETS} values.
 *
 * <p>Property: every input ends in a configuration that satisfies the documented rules (checked
 * here independently of the parser), or in a {@link TargetConfigException} naming {@code TARGETS}
 * and, when it names a field, saying so in its message; never in another exception (a
 * NullPointerException, ClassCastException, ...); within {@link FuzzBounds} for time and
 * allocation; with an error message short enough for one log line.
 *
 * <p>Seeds: {@code src/test/resources/io/route53failover/healthcheck/TargetsFuzzTestInputs/targets/},
 * the {@code TARGETS} values of {@code events/env-vars*.json} and one target of each type with
 * every field. Without {@code JAZZER_FUZZ} this runs the seeds as a regression test; see
 * RELIABILITY.md for the bounded fuzzing run.
 */
class TargetsFuzzTest {

  /** Longest error message accepted, in characters: one readable log line. */
  static final int MAX_MESSAGE_CHARS = 1_024;

  /** The fields TARGETS knows, for counting which ones the fuzzer reached. */
  private static final Set<String> FIELDS =
      Set.of(
          "name", "type", "host", "port", "url", "timeoutMs", "expectedStatus", "expectedBody",
          "tlsVerify", "metricName", "recordType", "resolver", "expectedAnswers", "match",
          "expectedJson", "maxLatencyMs", "method", "headers", "retries", "caBundle", "caBundleOnly");

  static {
    // load and initialise the parser's classes, so an input's allocation is its own
    checkOne("[{\"name\":\"warm-up\",\"type\":\"http\",\"url\":\"http://127.0.0.1/\"}]");
    checkOne("[{\"name\":1}]");
  }

  @DictionaryEntries({
    "\"name\":", "\"type\":", "\"host\":", "\"port\":", "\"url\":", "\"timeoutMs\":",
    "\"expectedStatus\":", "\"expectedBody\":", "\"tlsVerify\":", "\"metricName\":", "\"tcp\"",
    "\"http\"", "\"https\"", "http://", "https://", "[::1]", "\"200-299\"", "true", "false", "null",
    "\"dns\"", "\"recordType\":", "\"resolver\":", "\"expectedAnswers\":", "\"match\":",
    "\"expectedJson\":", "\"maxLatencyMs\":", "\"method\":", "\"headers\":", "\"AAAA\"",
    "\"CNAME\"", "\"exact\"", "\"HEAD\"", "\"/status\"", "127.0.0.1:53", "\"retries\":",
    "\"caBundle\":", "\"caBundleOnly\":"
  })
  @FuzzTest(maxDuration = "20s")
  void targets(byte[] input) {
    String targets = new String(input, StandardCharsets.UTF_8);
    FuzzBounds.check(input.length, () -> FuzzStats.record(checkOne(targets)));
  }

  @AfterAll
  static void writeStats() {
    FuzzStats.write("TargetsFuzzTest#targets");
  }

  /** Checks the property for one input; returns how it ended, for {@link FuzzStats}. */
  private static String checkOne(String targets) {
    HealthCheckConfig config;
    try {
      config = HealthCheckConfig.fromEnvironment(Map.of(HealthCheckConfig.TARGETS, targets));
    } catch (TargetConfigException e) {
      assertThat(e.variable()).isEqualTo(HealthCheckConfig.TARGETS);
      assertThat(e.getMessage()).startsWith("TARGETS: ").hasSizeLessThanOrEqualTo(MAX_MESSAGE_CHARS);
      if (e.field() != null) {
        assertThat(e.getMessage()).contains("field \"" + e.field() + "\": ");
      }
      if (e.target() != null) {
        assertThat(e.getMessage()).contains("target " + e.target() + ": ");
      }
      return e.field() == null
          ? "rejected.whole-value"
          : "rejected.field." + (FIELDS.contains(e.field()) ? e.field() : "unknown");
    }
    assertValid(config);
    return "accepted";
  }

  /** The documented rules for an accepted configuration, checked without the parser's code. */
  static void assertValid(HealthCheckConfig config) {
    assertThat(config.targets()).isNotEmpty().hasSizeLessThanOrEqualTo(TargetsParser.MAX_TARGETS);
    assertThat(config.namespace()).isEqualTo(HealthCheckConfig.DEFAULT_NAMESPACE);
    assertThat(config.storageResolution()).isEqualTo(60);
    Set<String> names = new HashSet<>();
    Set<String> metrics = new HashSet<>();
    for (Target t : config.targets()) {
      assertThat(t.name()).matches("[A-Za-z0-9_.-]{1,242}");
      assertThat(names.add(t.name())).as("unique name %s", t.name()).isTrue();
      assertThat(metrics.add(t.metricName())).as("unique metric %s", t.metricName()).isTrue();
      assertThat(metrics.add(t.latencyMetricName())).as("unique metric %s", t.latencyMetricName()).isTrue();
      assertThat(t.metricName()).matches("[ -~]{1,255}").isNotBlank();
      assertThat(t.latencyMetricName()).hasSizeLessThanOrEqualTo(255);
      assertThat(t.timeoutMs()).isBetween(1, 60_000);
      assertThat(t.retries()).isBetween(0, 3);
      for (String metric : t.metricNames()) {
        assertThat(metric).hasSizeLessThanOrEqualTo(255);
      }
      assertThat(new HashSet<>(t.metricNames())).hasSameSizeAs(t.metricNames());
      if (t.maxLatencyMs() != null) {
        assertThat(t.maxLatencyMs()).isBetween(1, t.timeoutMs());
      }
      switch (t) {
        case TcpTarget tcp -> {
          assertThat(tcp.type()).isEqualTo("tcp");
          assertThat(tcp.port()).isBetween(1, 65_535);
          assertThat(tcp.host()).isNotEmpty().hasSizeLessThanOrEqualTo(255);
        }
        case HttpTarget http -> {
          assertThat(http.type()).isIn("http", "https");
          // the prober turns the URL into OkHttp's form on every probe; it must never throw there
          HttpUrl url = HttpUrl.get(http.url().toString());
          assertThat(url.scheme()).isEqualTo(http.type());
          // tlsVerify is set exactly for https (default true), never for http
          assertThat(http.tlsVerify() != null).isEqualTo(http.type().equals("https"));
          // so are caBundle and caBundleOnly (default false); no bundle is loaded here
          assertThat(http.caBundle() != null).isEqualTo(http.type().equals("https"));
          assertThat(http.caBundleOnly() != null).isEqualTo(http.type().equals("https"));
          assertThat(http.usesCaBundle()).isFalse();
          assertThat(http.trustsOnlyCaBundle()).isFalse();
          if (http.expectedBody() != null) {
            assertThat(http.expectedBody()).isNotEmpty();
            assertThat(http.expectedBody().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(HttpTarget.BODY_SEARCH_LIMIT_BYTES);
          }
          assertThat(http.expectedStatus().min()).isBetween(100, 599);
          assertThat(http.expectedStatus().max()).isBetween(http.expectedStatus().min(), 599);
          assertThat(http.method()).isIn("GET", "HEAD");
          if (http.method().equals("HEAD")) {
            assertThat(http.expectedBody()).isNull();
            assertThat(http.expectedJson()).isNull();
          }
          if (http.expectedJson() != null) {
            assertThat(http.expectedJson()).hasSizeBetween(1, 20);
            http.expectedJson().keySet().forEach(k -> assertThat(k).matches("(/.*)?"));
          }
          if (http.headers() != null) {
            assertThat(http.headers()).hasSizeBetween(1, 20);
            http.headers()
                .forEach(
                    (k, v) -> {
                      if (v.parameter() == null) {
                        assertThat(v.value()).matches("[\\t -~]*");
                      } else {
                        assertThat(v.isResolved()).isFalse();
                        assertThat(v.parameter()).matches("(/[A-Za-z0-9_.-]+)+|[A-Za-z0-9_.-]+");
                      }
                      // a value is never shown
                      assertThat(v.toString())
                          .isEqualTo(
                              v.parameter() == null ? "***" : "{fromParameter=" + v.parameter() + "}");
                    });
          }
        }
        case DnsTarget dns -> {
          assertThat(dns.type()).isEqualTo("dns");
          assertThat(dns.recordType()).isIn("A", "AAAA", "CNAME");
          assertThat(dns.match()).isIn("any", "exact");
          assertThat(dns.host()).isNotEmpty().hasSizeLessThanOrEqualTo(254);
          if (dns.resolver() != null) {
            assertThat(dns.resolverAddress().getPort()).isBetween(1, 65_535);
          }
          if (dns.expectedAnswers() != null) {
            assertThat(dns.expectedAnswers()).hasSizeBetween(1, 20);
          }
        }
      }
    }
  }
}
