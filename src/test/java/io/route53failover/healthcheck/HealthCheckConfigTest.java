package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthCheckConfigTest {

  /** Single quotes stand for double quotes, to keep the JSON in these tests readable. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static HealthCheckConfig parse(String singleQuotedTargets) {
    return HealthCheckConfig.fromEnvironment(Map.of("TARGETS", json(singleQuotedTargets)));
  }

  static final String TCP = "{'name':'db','type':'tcp','host':'192.0.2.5','port':5432}";

  @Test
  void tcpTargetGetsDefaults() {
    HealthCheckConfig config = parse("[" + TCP + "]");

    assertThat(config.targets())
        .containsExactly(new TcpTarget("db", "192.0.2.5", 5432, 3000, "db_availability"));
    assertThat(config.namespace()).isEqualTo("LambdaCustomHC");
    assertThat(config.storageResolution()).isEqualTo(60);
  }

  @Test
  void httpTargetGetsRoute53Defaults() {
    HealthCheckConfig config =
        parse("[{'name':'web','type':'http','url':'http://192.0.2.7/health'}]");

    assertThat(config.targets())
        .containsExactly(
            new HttpTarget(
                "web",
                "http",
                URI.create("http://192.0.2.7/health"),
                3000,
                StatusRange.DEFAULT,
                null,
                null,
                "web_availability"));
  }

  @Test
  void httpsTargetWithEveryField() {
    HealthCheckConfig config =
        parse(
            "[{'name':'api.v2','type':'https','url':'https://api.internal:8443/ping','timeoutMs':1500,"
                + "'expectedStatus':'200-204','expectedBody':'pong','tlsVerify':false,"
                + "'metricName':'ApiAvailability'}]");

    assertThat(config.targets())
        .containsExactly(
            new HttpTarget(
                "api.v2",
                "https",
                URI.create("https://api.internal:8443/ping"),
                1500,
                new StatusRange(200, 204),
                "pong",
                false,
                "ApiAvailability"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"200", "'200'"})
  void expectedStatusAsSingleCode(String value) {
    HttpTarget target =
        (HttpTarget)
            parse("[{'name':'w','type':'http','url':'http://h/','expectedStatus':" + value + "}]")
                .targets()
                .getFirst();

    assertThat(target.expectedStatus()).isEqualTo(new StatusRange(200, 200));
  }

  @Test
  void upperCaseSchemeIsNormalised() {
    HttpTarget target =
        (HttpTarget)
            parse("[{'name':'w','type':'https','url':'HTTPS://h:8443/x'}]").targets().getFirst();

    assertThat(target.url()).isEqualTo(URI.create("https://h:8443/x"));
    assertThat(target.type()).isEqualTo("https");
  }

  @Test
  void targetsKeepTheirOrderAndHostNamesMayBeNamesOrIpv6() {
    HealthCheckConfig config =
        parse(
            "[{'name':'b','type':'tcp','host':'db-1.internal','port':1},"
                + "{'name':'a','type':'tcp','host':'::1','port':65535},"
                + "{'name':'c','type':'http','url':'http://[fd00::1]:8080/'}]");

    assertThat(config.targets()).extracting(Target::name).containsExactly("b", "a", "c");
  }

  @Test
  void namespaceAndResolutionFromTheEnvironment() {
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(
            Map.of(
                "TARGETS", json("[" + TCP + "]"),
                "METRIC_NAMESPACE", "Team/Private Health",
                "METRIC_STORAGE_RESOLUTION", "1"));

    assertThat(config.namespace()).isEqualTo("Team/Private Health");
    assertThat(config.storageResolution()).isEqualTo(1);
  }

  @Test
  void longestNameIsAccepted() {
    String name = "n".repeat(TargetRules.MAX_NAME_LENGTH);

    Target target =
        parse("[{'name':'" + name + "','type':'tcp','host':'h','port':1}]").targets().getFirst();

    assertThat(target.metricName()).hasSize(255);
  }

  @Test
  void mostTargetsAreAccepted() {
    String targets =
        IntStream.range(0, TargetsParser.MAX_TARGETS)
            .mapToObj(i -> "{'name':'t" + i + "','type':'tcp','host':'h','port':1}")
            .collect(Collectors.joining(",", "[", "]"));

    assertThat(parse(targets).targets()).hasSize(TargetsParser.MAX_TARGETS);
  }

  @Test
  void expectedBodyOfExactly5120BytesIsAccepted() {
    String body = "é".repeat(2560); // 2 bytes each in UTF-8

    HttpTarget target =
        (HttpTarget)
            parse("[{'name':'w','type':'http','url':'http://h/','expectedBody':'" + body + "'}]")
                .targets()
                .getFirst();

    assertThat(target.expectedBody()).isEqualTo(body);
  }

  static Stream<Arguments> invalidTargets() {
    String tooMany =
        IntStream.rangeClosed(0, TargetsParser.MAX_TARGETS)
            .mapToObj(i -> "{'name':'t" + i + "','type':'tcp','host':'h','port':1}")
            .collect(Collectors.joining(",", "[", "]"));
    return Stream.of(
        // whole value
        arguments("not JSON", "[{", null, null, "is not valid JSON"),
        arguments("trailing junk", "[" + TCP + "] x", null, null, "is not valid JSON"),
        arguments(
            "object, not array", TCP, null, null, "must be a JSON array of targets, was an object"),
        arguments(
            "string, not array",
            "'x'",
            null,
            null,
            "must be a JSON array of targets, was a string"),
        arguments("JSON null", "null", null, null, "must be a JSON array of targets, was null"),
        arguments("empty array", "[]", null, null, "at least one target"),
        arguments("too many targets", tooMany, null, null, "at most 1000 targets, was 1001"),
        arguments(
            "nested too deep",
            "[" + "[".repeat(100) + "]".repeat(100) + "]",
            null,
            null,
            "is not valid JSON"),
        arguments(
            "duplicate JSON key",
            "[{'name':'a','name':'b','type':'tcp','host':'h','port':1}]",
            null,
            null,
            "Duplicate field"),
        // target shape
        arguments(
            "element not an object",
            "[" + TCP + ",42]",
            "index 1",
            null,
            "must be a JSON object, was a number 42"),
        arguments("element null", "[null]", "index 0", null, "must be a JSON object, was null"),
        // name
        arguments(
            "name missing",
            "[{'type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "is required"),
        arguments(
            "name null",
            "[{'name':null,'type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "must be a string, was null"),
        arguments(
            "name a number",
            "[{'name':7,'type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "must be a string, was a number 7"),
        arguments(
            "name empty",
            "[{'name':'','type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "must not be empty"),
        arguments(
            "name with space",
            "[{'name':'a b','type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "may contain only letters, digits"),
        arguments(
            "name with slash",
            "[{'name':'a/b','type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "may contain only letters, digits"),
        arguments(
            "name too long",
            "[{'name':'"
                + "n".repeat(TargetRules.MAX_NAME_LENGTH + 1)
                + "','type':'tcp','host':'h','port':1}]",
            "index 0",
            "name",
            "at most 242 characters"),
        arguments(
            "duplicate name",
            "[" + TCP + "," + TCP + "]",
            "\"db\" (index 1)",
            "name",
            "duplicate name; already used by target \"db\" (index 0)"),
        // fields
        arguments(
            "unknown field with a hint",
            "[{'name':'a','type':'tcp','host':'h','port':1,'timeout_ms':5}]",
            "\"a\" (index 0)",
            "timeout_ms",
            "unknown field (did you mean \"timeoutMs\"?)"),
        arguments(
            "unknown field",
            "[{'name':'a','type':'tcp','host':'h','port':1,'retries':3}]",
            "\"a\" (index 0)",
            "retries",
            "unknown field; valid fields are name, type"),
        arguments(
            "type missing",
            "[{'name':'a','host':'h','port':1}]",
            "\"a\" (index 0)",
            "type",
            "is required"),
        arguments(
            "type unknown",
            "[{'name':'a','type':'icmp','host':'h'}]",
            "\"a\" (index 0)",
            "type",
            "must be \"tcp\", \"http\" or \"https\", was \"icmp\""),
        arguments(
            "type upper case",
            "[{'name':'a','type':'TCP','host':'h','port':1}]",
            "\"a\" (index 0)",
            "type",
            "was \"TCP\""),
        arguments(
            "type not a string",
            "[{'name':'a','type':['tcp'],'host':'h','port':1}]",
            "\"a\" (index 0)",
            "type",
            "must be a string, was an array"),
        arguments(
            "url on tcp",
            "[{'name':'a','type':'tcp','host':'h','port':1,'url':'http://h/'}]",
            "\"a\" (index 0)",
            "url",
            "not valid for type tcp"),
        arguments(
            "expectedStatus on tcp",
            "[{'name':'a','type':'tcp','host':'h','port':1,'expectedStatus':200}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "not valid for type tcp"),
        arguments(
            "host on http",
            "[{'name':'a','type':'http','url':'http://h/','host':'h'}]",
            "\"a\" (index 0)",
            "host",
            "not valid for type http"),
        arguments(
            "port on https",
            "[{'name':'a','type':'https','url':'https://h/','port':443}]",
            "\"a\" (index 0)",
            "port",
            "not valid for type https"),
        arguments(
            "tlsVerify on http",
            "[{'name':'a','type':'http','url':'http://h/','tlsVerify':false}]",
            "\"a\" (index 0)",
            "tlsVerify",
            "not valid for type http"),
        // tcp
        arguments(
            "host missing",
            "[{'name':'a','type':'tcp','port':1}]",
            "\"a\" (index 0)",
            "host",
            "is required"),
        arguments(
            "host with space",
            "[{'name':'a','type':'tcp','host':'a b','port':1}]",
            "\"a\" (index 0)",
            "host",
            "must be a host name or IP address"),
        arguments(
            "host a URL",
            "[{'name':'a','type':'tcp','host':'http://h/','port':1}]",
            "\"a\" (index 0)",
            "host",
            "must be a host name or IP address"),
        arguments(
            "port missing",
            "[{'name':'a','type':'tcp','host':'h'}]",
            "\"a\" (index 0)",
            "port",
            "is required"),
        arguments(
            "port zero",
            "[{'name':'a','type':'tcp','host':'h','port':0}]",
            "\"a\" (index 0)",
            "port",
            "must be 1-65535, was 0"),
        arguments(
            "port too big",
            "[{'name':'a','type':'tcp','host':'h','port':70000}]",
            "\"a\" (index 0)",
            "port",
            "must be 1-65535, was 70000"),
        arguments(
            "port huge",
            "[{'name':'a','type':'tcp','host':'h','port':123456789012345678901234567890}]",
            "\"a\" (index 0)",
            "port",
            "must be 1-65535, was 123456789012345678901234567890"),
        arguments(
            "port a string",
            "[{'name':'a','type':'tcp','host':'h','port':'80'}]",
            "\"a\" (index 0)",
            "port",
            "must be a number, was a string \"80\""),
        arguments(
            "port fractional",
            "[{'name':'a','type':'tcp','host':'h','port':80.5}]",
            "\"a\" (index 0)",
            "port",
            "must be a whole number, was 80.5"),
        arguments(
            "port null",
            "[{'name':'a','type':'tcp','host':'h','port':null}]",
            "\"a\" (index 0)",
            "port",
            "must be a number, was null"),
        arguments(
            "number too long",
            "[{'name':'a','type':'tcp','host':'h','port':1" + "0".repeat(200) + "}]",
            null,
            null,
            "is not valid JSON"),
        // timeoutMs
        arguments(
            "timeout zero",
            "[{'name':'a','type':'tcp','host':'h','port':1,'timeoutMs':0}]",
            "\"a\" (index 0)",
            "timeoutMs",
            "must be 1-60000, was 0"),
        arguments(
            "timeout negative",
            "[{'name':'a','type':'tcp','host':'h','port':1,'timeoutMs':-5}]",
            "\"a\" (index 0)",
            "timeoutMs",
            "must be 1-60000, was -5"),
        arguments(
            "timeout above a minute",
            "[{'name':'a','type':'tcp','host':'h','port':1,'timeoutMs':60001}]",
            "\"a\" (index 0)",
            "timeoutMs",
            "must be 1-60000, was 60001"),
        arguments(
            "timeout a string",
            "[{'name':'a','type':'tcp','host':'h','port':1,'timeoutMs':'3s'}]",
            "\"a\" (index 0)",
            "timeoutMs",
            "must be a number"),
        // url
        arguments(
            "url missing", "[{'name':'a','type':'http'}]", "\"a\" (index 0)", "url", "is required"),
        arguments(
            "url relative",
            "[{'name':'a','type':'http','url':'/health'}]",
            "\"a\" (index 0)",
            "url",
            "must be an absolute URL"),
        arguments(
            "url without host",
            "[{'name':'a','type':'http','url':'http:///health'}]",
            "\"a\" (index 0)",
            "url",
            "must be an absolute URL"),
        arguments(
            "url opaque",
            "[{'name':'a','type':'http','url':'http:health'}]",
            "\"a\" (index 0)",
            "url",
            "must be an absolute URL"),
        arguments(
            "url with space",
            "[{'name':'a','type':'http','url':'http://h/a b'}]",
            "\"a\" (index 0)",
            "url",
            "is not a valid URL"),
        arguments(
            "url scheme differs from type",
            "[{'name':'a','type':'https','url':'http://h/'}]",
            "\"a\" (index 0)",
            "url",
            "scheme must be https for type https, was http"),
        arguments(
            "url of another scheme",
            "[{'name':'a','type':'http','url':'ftp://h/'}]",
            "\"a\" (index 0)",
            "url",
            "scheme must be http for type http, was ftp"),
        arguments(
            "url with bad port",
            "[{'name':'a','type':'http','url':'http://h:99999/'}]",
            "\"a\" (index 0)",
            "url",
            "is not a valid http URL"),
        arguments(
            "url too long",
            "[{'name':'a','type':'http','url':'http://h/" + "p".repeat(2100) + "'}]",
            "\"a\" (index 0)",
            "url",
            "at most 2048 characters"),
        // expectedStatus
        arguments(
            "status out of range",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':600}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "must be 100-599, was 600"),
        arguments(
            "status range reversed",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':'299-200'}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "min <= max, was 299-200"),
        arguments(
            "status text",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':'2xx'}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "must be a status code such as \"200\""),
        arguments(
            "status list",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':[200]}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "was an array"),
        arguments(
            "status boolean",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':true}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "was a boolean true"),
        // expectedBody
        arguments(
            "body empty",
            "[{'name':'a','type':'http','url':'http://h/','expectedBody':''}]",
            "\"a\" (index 0)",
            "expectedBody",
            "must not be empty"),
        arguments(
            "body too long",
            "[{'name':'a','type':'http','url':'http://h/','expectedBody':'"
                + "é".repeat(2561)
                + "'}]",
            "\"a\" (index 0)",
            "expectedBody",
            "at most 5120 bytes in UTF-8 (only that much of the body is searched), was 5122"),
        arguments(
            "body an object",
            "[{'name':'a','type':'http','url':'http://h/','expectedBody':{'x':1}}]",
            "\"a\" (index 0)",
            "expectedBody",
            "must be a string, was an object"),
        // tlsVerify
        arguments(
            "tlsVerify a string",
            "[{'name':'a','type':'https','url':'https://h/','tlsVerify':'false'}]",
            "\"a\" (index 0)",
            "tlsVerify",
            "must be true or false, was a string \"false\""),
        // metricName
        arguments(
            "metricName empty",
            "[{'name':'a','type':'tcp','host':'h','port':1,'metricName':''}]",
            "\"a\" (index 0)",
            "metricName",
            "must not be empty"),
        arguments(
            "metricName too long",
            "[{'name':'a','type':'tcp','host':'h','port':1,'metricName':'"
                + "m".repeat(256)
                + "'}]",
            "\"a\" (index 0)",
            "metricName",
            "must be 1-255 characters long, was 256"),
        arguments(
            "metricName blank",
            "[{'name':'a','type':'tcp','host':'h','port':1,'metricName':'   '}]",
            "\"a\" (index 0)",
            "metricName",
            "at least one non-whitespace character"),
        arguments(
            "metricName non-ASCII",
            "[{'name':'a','type':'tcp','host':'h','port':1,'metricName':'Verfügbar'}]",
            "\"a\" (index 0)",
            "metricName",
            "printable ASCII characters, found U+00FC at position 4"),
        arguments(
            "metricName control character",
            "[{'name':'a','type':'tcp','host':'h','port':1,'metricName':'a\\tb'}]",
            "\"a\" (index 0)",
            "metricName",
            "found U+0009"),
        arguments(
            "metricName taken by another target",
            "[{'name':'a','type':'tcp','host':'h','port':1},"
                + "{'name':'b','type':'tcp','host':'h','port':1,'metricName':'a_availability'}]",
            "\"b\" (index 1)",
            "metricName",
            "metric name \"a_availability\" is already used by target \"a\" (index 0)"),
        arguments(
            "metricName equal to another's latency metric",
            "[{'name':'a','type':'tcp','host':'h','port':1},"
                + "{'name':'b','type':'tcp','host':'h','port':1,'metricName':'a_latency'}]",
            "\"b\" (index 1)",
            "metricName",
            "metric name \"a_latency\" is already used"),
        arguments(
            "default metric name taken by an override",
            "[{'name':'x','type':'tcp','host':'h','port':1,'metricName':'b_availability'},"
                + "{'name':'b','type':'tcp','host':'h','port':1}]",
            "\"b\" (index 1)",
            "name",
            "metric name \"b_availability\" is already used by target \"x\" (index 0)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTargets")
  void invalidTargetsAreRejectedNamingTargetAndField(
      String description, String targets, String target, String field, String problem) {
    assertThatThrownBy(() -> parse(targets))
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("TARGETS");
              assertThat(e.target()).isEqualTo(target);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith("TARGETS: ").contains(json(problem));
              if (target != null) {
                assertThat(e.getMessage()).contains("target " + target);
              }
              if (field != null) {
                assertThat(e.getMessage()).contains("field \"" + field + "\"");
              }
            });
  }

  @Test
  void messageReadsAsDocumented() {
    assertThatThrownBy(() -> parse("[{'name':'web-1','type':'tcp','host':'h','port':70000}]"))
        .hasMessage(
            "TARGETS: target \"web-1\" (index 0): field \"port\": must be 1-65535, was 70000");
  }

  @Test
  void missingTargetsIsAnError() {
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of()))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("TARGETS: is not set; expected a JSON array of targets");
  }

  @Test
  void blankTargetsIsAnError() {
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", "  ")))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("TARGETS: is empty");
  }

  static Stream<String> invalidNamespaces() {
    return Stream.of(
        "", "AWS/EC2", ":Health", "   ", "Gesundheit/Prüfung", "tab\tname", "x".repeat(256));
  }

  @ParameterizedTest
  @MethodSource("invalidNamespaces")
  void invalidNamespacesAreRejected(String namespace) {
    Map<String, String> env = new HashMap<>();
    env.put("TARGETS", json("[" + TCP + "]"));
    env.put("METRIC_NAMESPACE", namespace);

    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("METRIC_NAMESPACE");
              assertThat(e.getMessage()).startsWith("METRIC_NAMESPACE: ");
            });
  }

  @Test
  void namespaceOfExactly255CharactersIsAccepted() {
    String namespace = "N".repeat(255);
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(
            Map.of("TARGETS", json("[" + TCP + "]"), "METRIC_NAMESPACE", namespace));

    assertThat(config.namespace()).isEqualTo(namespace);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "120", "60 ", "1.0", "sixty", "-1"})
  void storageResolutionOtherThan60Or1IsRejected(String resolution) {
    Map<String, String> env =
        Map.of("TARGETS", json("[" + TCP + "]"), "METRIC_STORAGE_RESOLUTION", resolution);

    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("METRIC_STORAGE_RESOLUTION");
              assertThat(e.getMessage())
                  .startsWith("METRIC_STORAGE_RESOLUTION: must be 60")
                  .contains("was \"" + resolution + "\"");
            });
  }

  @Test
  void environmentVariablesAreListed() {
    assertThat(HealthCheckConfig.ENVIRONMENT_VARIABLES)
        .containsExactlyInAnyOrder(
            "TARGETS", "METRIC_NAMESPACE", "METRIC_STORAGE_RESOLUTION", "MAX_CONCURRENT_PROBES");
  }

  @Test
  void maxConcurrentProbesDefaultsTo256() {
    assertThat(parse("[" + TCP + "]").maxConcurrentProbes()).isEqualTo(256);
    assertThat(
            HealthCheckConfig.fromEnvironment(
                    Map.of("TARGETS", json("[" + TCP + "]"), "MAX_CONCURRENT_PROBES", " "))
                .maxConcurrentProbes())
        .isEqualTo(256);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "512", "900", " 300 "})
  void maxConcurrentProbesAcceptsOneTo900(String value) {
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(
            Map.of("TARGETS", json("[" + TCP + "]"), "MAX_CONCURRENT_PROBES", value));

    assertThat(config.maxConcurrentProbes()).isEqualTo(Integer.parseInt(value.strip()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "901", "1024", "abc", "2.5", "99999999999"})
  void maxConcurrentProbesOutside1To900IsRejected(String value) {
    Map<String, String> env =
        Map.of("TARGETS", json("[" + TCP + "]"), "MAX_CONCURRENT_PROBES", value);

    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("MAX_CONCURRENT_PROBES");
              assertThat(e.getMessage())
                  .startsWith("MAX_CONCURRENT_PROBES: must be a whole number from 1 to 900")
                  .contains("was \"" + value + "\"");
            });
  }

  @Test
  void targetsListIsImmutable() {
    List<Target> targets = parse("[" + TCP + "]").targets();

    assertThatThrownBy(() -> targets.add(targets.getFirst()))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
