package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.route53failover.testing.Bounded;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TargetsParser} and the target records' rules: what {@code TARGETS} accepts (with its
 * defaults and edges), every rejection with the target, field and wording an operator sees,
 * seeded mutations of valid values, and oversized values held to time and memory bounds. {@code
 * TargetsFuzzTest} fuzzes the same parser with Jazzer.
 */
class TargetsParserTest {

  /** Single quotes stand for double quotes, to keep the JSON in these tests readable. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static List<Target> parse(String singleQuotedTargets) {
    return TargetsParser.parse(json(singleQuotedTargets));
  }

  static final String TCP = "{'name':'db','type':'tcp','host':'192.0.2.5','port':5432}";

  private static HttpTarget http(
      String name, String url, int timeoutMs, StatusRange status, String body, Boolean tls,
      String metric) {
    return new HttpTarget(
        name, URI.create(url).getScheme(), URI.create(url), timeoutMs, status, body, tls, metric, null, null, null, null, null, null, null);
  }

  static Stream<Arguments> validTargets() {
    String longestName = "n".repeat(TargetRules.MAX_NAME_LENGTH);
    String host255 = "h".repeat(255);
    String url2048 = "http://h/" + "p".repeat(2048 - "http://h/".length());
    String body5120Bytes = "é".repeat(2560); // 2 bytes each in UTF-8
    return Stream.of(
        arguments(
            "tcp with defaults", TCP, new TcpTarget("db", "192.0.2.5", 5432, 3000, "db_availability", null, null)),
        arguments(
            "http with Route 53's defaults",
            "{'name':'web','type':'http','url':'http://192.0.2.7/health'}",
            http("web", "http://192.0.2.7/health", 3000, StatusRange.DEFAULT, null, null,
                "web_availability")),
        arguments(
            "https with every field",
            "{'name':'api.v2','type':'https','url':'https://api.internal:8443/ping','timeoutMs':1500,"
                + "'expectedStatus':'200-204','expectedBody':'pong','tlsVerify':false,"
                + "'metricName':'ApiAvailability'}",
            http("api.v2", "https://api.internal:8443/ping", 1500, new StatusRange(200, 204),
                "pong", false, "ApiAvailability")),
        arguments(
            "https verifies TLS by default",
            "{'name':'s','type':'https','url':'https://h/'}",
            http("s", "https://h/", 3000, StatusRange.DEFAULT, null, true, "s_availability")),
        arguments(
            "tlsVerify true as written",
            "{'name':'s','type':'https','url':'https://h/','tlsVerify':true}",
            http("s", "https://h/", 3000, StatusRange.DEFAULT, null, true, "s_availability")),
        arguments(
            "expectedStatus as a number",
            "{'name':'w','type':'http','url':'http://h/','expectedStatus':200}",
            http("w", "http://h/", 3000, new StatusRange(200, 200), null, null, "w_availability")),
        arguments(
            "expectedStatus as a string",
            "{'name':'w','type':'http','url':'http://h/','expectedStatus':'200'}",
            http("w", "http://h/", 3000, new StatusRange(200, 200), null, null, "w_availability")),
        arguments(
            "upper-case scheme normalised",
            "{'name':'w','type':'https','url':'HTTPS://h:8443/x'}",
            http("w", "https://h:8443/x", 3000, StatusRange.DEFAULT, null, true, "w_availability")),
        arguments(
            "IPv6 URL", "{'name':'c','type':'http','url':'http://[fd00::1]:8080/'}",
            http("c", "http://[fd00::1]:8080/", 3000, StatusRange.DEFAULT, null, null,
                "c_availability")),
        arguments(
            "IPv6 host and the edges of port and timeoutMs",
            "{'name':'a','type':'tcp','host':'::1','port':65535,'timeoutMs':60000}",
            new TcpTarget("a", "::1", 65535, 60000, "a_availability", null, null)),
        arguments(
            "retries at its edges",
            "{'name':'r','type':'tcp','host':'h','port':1,'retries':3}",
            new TcpTarget("r", "h", 1, 3000, "r_availability", null, 3)),
        arguments(
            "retries 0 on http",
            "{'name':'w','type':'http','url':'http://h/','retries':0}",
            new HttpTarget("w", "http", URI.create("http://h/"), 3000, StatusRange.DEFAULT, null, null,
                "w_availability", null, null, null, null, 0, null, null)),
        arguments(
            "host name, port 1, timeoutMs 1",
            "{'name':'b','type':'tcp','host':'db-1.internal','port':1,'timeoutMs':1}",
            new TcpTarget("b", "db-1.internal", 1, 1, "b_availability", null, null)),
        arguments(
            "longest name",
            "{'name':'" + longestName + "','type':'tcp','host':'h','port':1}",
            new TcpTarget(longestName, "h", 1, 3000, longestName + "_availability", null, null)),
        arguments(
            "host of 255 characters",
            "{'name':'a','type':'tcp','host':'" + host255 + "','port':1}",
            new TcpTarget("a", host255, 1, 3000, "a_availability", null, null)),
        arguments(
            "url of 2048 characters",
            "{'name':'a','type':'http','url':'" + url2048 + "'}",
            http("a", url2048, 3000, StatusRange.DEFAULT, null, null, "a_availability")),
        arguments(
            "expectedBody of exactly 5120 bytes",
            "{'name':'w','type':'http','url':'http://h/','expectedBody':'" + body5120Bytes + "'}",
            http("w", "http://h/", 3000, StatusRange.DEFAULT, body5120Bytes, null,
                "w_availability")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTargets")
  void validTargetsAreBound(String description, String target, Target expected) {
    Target actual = parse("[" + target + "]").getFirst();

    assertThat(actual).isEqualTo(expected);
    assertThat(actual.type()).isEqualTo(json(target).replaceAll(".*\"type\":\"([a-z]+)\".*", "$1"));
  }

  /** The records normalise what they are given; these are the values as written in TARGETS. */
  @Test
  void boundValuesAreTheOnesWritten() {
    TcpTarget tcp = (TcpTarget) parse("[" + TCP + "]").getFirst();
    HttpTarget https =
        (HttpTarget)
            parse("[{'name':'w','type':'https','url':'HTTPS://h:8443/x','expectedBody':'pong'}]")
                .getFirst();
    HttpTarget insecure =
        (HttpTarget)
            parse("[{'name':'w','type':'https','url':'https://h/','tlsVerify':false}]").getFirst();
    HttpTarget http = (HttpTarget) parse("[{'name':'w','type':'http','url':'http://h/'}]").getFirst();

    assertThat(tcp.host()).isEqualTo("192.0.2.5");
    assertThat(tcp.port()).isEqualTo(5432);
    assertThat(https.url()).hasToString("https://h:8443/x");
    assertThat(https.expectedBody()).isEqualTo("pong");
    assertThat(https.verifiesTls()).isTrue();
    assertThat(insecure.verifiesTls()).isFalse();
    assertThat(http.tlsVerify()).isNull();
    assertThat(http.url()).hasToString("http://h/");
  }

  @Test
  void caBundleAndCaBundleOnlyDefaultToFalseOnHttpsAndStayUnsetOnHttp() {
    List<Target> targets =
        parse(
            "[{'name':'a','type':'https','url':'https://h/'},"
                + "{'name':'b','type':'https','url':'https://h/','caBundle':true},"
                + "{'name':'c','type':'https','url':'https://h/','caBundle':true,'caBundleOnly':true},"
                + "{'name':'d','type':'http','url':'http://h/'}]");

    assertThat(targets)
        .extracting(t -> (HttpTarget) t)
        .extracting(
            t -> t.caBundle() + "/" + t.caBundleOnly() + " " + t.usesCaBundle() + "/" + t.trustsOnlyCaBundle())
        .containsExactly(
            "false/false false/false",
            "true/false true/false",
            "true/true true/true",
            "null/null false/false");
  }

  @Test
  void targetsKeepTheirOrderAndTheListIsImmutable() {
    List<Target> targets =
        parse(
            "[{'name':'b','type':'tcp','host':'h','port':1},"
                + "{'name':'a','type':'tcp','host':'h','port':2},"
                + "{'name':'c','type':'http','url':'http://h/'}]");

    assertThat(targets).extracting(Target::name).containsExactly("b", "a", "c");
    assertThatThrownBy(() -> targets.add(targets.getFirst()))
        .isInstanceOf(UnsupportedOperationException.class);
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
            "[{'name':'a','type':'tcp','host':'h','port':1,'attempts':3}]",
            "\"a\" (index 0)",
            "attempts",
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
            "must be \"tcp\", \"http\", \"https\" or \"dns\", was \"icmp\""),
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
            "not valid for type http (http targets take url, expectedStatus, expectedBody,"
                + " expectedJson, method and headers; tlsVerify is for https)"),
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
        // retries
        arguments(
            "retries above 3",
            "[{'name':'a','type':'tcp','host':'h','port':1,'retries':4}]",
            "\"a\" (index 0)",
            "retries",
            "must be 0-3, was 4"),
        arguments(
            "retries negative",
            "[{'name':'a','type':'https','url':'https://h/','retries':-1}]",
            "\"a\" (index 0)",
            "retries",
            "must be 0-3, was -1"),
        arguments(
            "retries not whole",
            "[{'name':'a','type':'tcp','host':'h','port':1,'retries':1.5}]",
            "\"a\" (index 0)",
            "retries",
            "must be a whole number"),
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
        // caBundle, caBundleOnly
        arguments(
            "caBundle on http",
            "[{'name':'a','type':'http','url':'http://h/','caBundle':true}]",
            "\"a\" (index 0)",
            "caBundle",
            "not valid for type http (http targets take url, expectedStatus, expectedBody,"
                + " expectedJson, method and headers; caBundle is for https)"),
        arguments(
            "caBundleOnly on http",
            "[{'name':'a','type':'http','url':'http://h/','caBundleOnly':false}]",
            "\"a\" (index 0)",
            "caBundleOnly",
            "not valid for type http"),
        arguments(
            "caBundleOnly without caBundle",
            "[{'name':'a','type':'https','url':'https://h/','caBundleOnly':true}]",
            "\"a\" (index 0)",
            "caBundleOnly",
            "needs caBundle true (it limits trust to the CA bundle)"),
        arguments(
            "caBundleOnly with caBundle false",
            "[{'name':'a','type':'https','url':'https://h/','caBundle':false,'caBundleOnly':true}]",
            "\"a\" (index 0)",
            "caBundleOnly",
            "needs caBundle true"),
        arguments(
            "caBundle with tlsVerify false",
            "[{'name':'a','type':'https','url':'https://h/','caBundle':true,'tlsVerify':false}]",
            "\"a\" (index 0)",
            "caBundle",
            "cannot be true when tlsVerify is false"),
        arguments(
            "caBundle a string",
            "[{'name':'a','type':'https','url':'https://h/','caBundle':'true'}]",
            "\"a\" (index 0)",
            "caBundle",
            "must be true or false, was a string \"true\""),
        arguments(
            "caBundle on tcp",
            "[{'name':'a','type':'tcp','host':'h','port':1,'caBundle':true}]",
            "\"a\" (index 0)",
            "caBundle",
            "not valid for type tcp"),
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
            "metric name \"b_availability\" is already used by target \"x\" (index 0)"),
        // edges and wording (the last accepted value of each is in validTargets)
        arguments(
            "host of 256 characters",
            "[{'name':'a','type':'tcp','host':'" + "h".repeat(256) + "','port':1}]",
            "\"a\" (index 0)",
            "host",
            "must be a host name or IP address"),
        arguments(
            "url of 2049 characters",
            "[{'name':'a','type':'http','url':'http://h/" + "p".repeat(2040) + "'}]",
            "\"a\" (index 0)",
            "url",
            "must be at most 2048 characters, was 2049"),
        arguments(
            "value of 60 characters shown whole",
            "[{'name':'a','type':'" + "t".repeat(60) + "'}]",
            "\"a\" (index 0)",
            "type",
            "was '" + "t".repeat(60) + "'"),
        arguments(
            "value of 61 characters cut",
            "[{'name':'a','type':'" + "t".repeat(61) + "'}]",
            "\"a\" (index 0)",
            "type",
            "was '" + "t".repeat(60) + "...'"),
        arguments(
            "malformed JSON says where", "[{'name':'a',}]", null, null, "(line 1, column 14)"),
        arguments(
            "tcp field on https, with what https takes",
            "[{'name':'a','type':'https','url':'https://h/','port':1}]",
            "\"a\" (index 0)",
            "port",
            "not valid for type https (https targets take url, expectedStatus, expectedBody,"
                + " tlsVerify, expectedJson, method, headers, caBundle and caBundleOnly)"),
        arguments(
            "http field on tcp, with what tcp takes",
            "[{'name':'a','type':'tcp','host':'h','port':1,'expectedBody':'x'}]",
            "\"a\" (index 0)",
            "expectedBody",
            "not valid for type tcp (tcp targets take host and port)"),
        arguments(
            "tlsVerify true on http",
            "[{'name':'a','type':'http','url':'http://h/','tlsVerify':true}]",
            "\"a\" (index 0)",
            "tlsVerify",
            "not valid for type http (http targets take url, expectedStatus, expectedBody,"
                + " expectedJson, method and headers; tlsVerify is for https)"),
        arguments(
            "unknown field before a bad type",
            "[{'name':'a','type':'icmp','attempts':3}]",
            "\"a\" (index 0)",
            "attempts",
            "unknown field"),
        arguments(
            "name checked before everything else",
            "[{'name':'a b','type':'icmp','attempts':3}]",
            "index 0",
            "name",
            "may contain only"),
        arguments(
            "type null", "[{'name':'a','type':null}]", "\"a\" (index 0)", "type",
            "must be a string, was null"),
        arguments(
            "type empty", "[{'name':'a','type':''}]", "\"a\" (index 0)", "type",
            "must not be empty"),
        arguments(
            "host null",
            "[{'name':'a','type':'tcp','host':null,'port':1}]",
            "\"a\" (index 0)",
            "host",
            "must be a string, was null"),
        arguments(
            "host an object",
            "[{'name':'a','type':'tcp','host':{},'port':1}]",
            "\"a\" (index 0)",
            "host",
            "must be a string, was an object"),
        arguments(
            "port a boolean",
            "[{'name':'a','type':'tcp','host':'h','port':true}]",
            "\"a\" (index 0)",
            "port",
            "must be a number, was a boolean true"),
        arguments(
            "port hugely negative",
            "[{'name':'a','type':'tcp','host':'h','port':-123456789012345678901234567890}]",
            "\"a\" (index 0)",
            "port",
            "must be 1-65535, was -123456789012345678901234567890"),
        arguments(
            "timeout null",
            "[{'name':'a','type':'tcp','host':'h','port':1,'timeoutMs':null}]",
            "\"a\" (index 0)",
            "timeoutMs",
            "must be a number, was null"),
        arguments(
            "metricName null",
            "[{'name':'a','type':'tcp','host':'h','port':1,'metricName':null}]",
            "\"a\" (index 0)",
            "metricName",
            "must be a string, was null"),
        arguments(
            "url a number",
            "[{'name':'a','type':'http','url':80}]",
            "\"a\" (index 0)",
            "url",
            "must be a string, was a number 80"),
        arguments(
            "status null",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':null}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "or a range ('200-299'), was null"),
        arguments(
            "status fractional",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':200.5}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "must be a whole number, was 200.5"),
        arguments(
            "status below 100",
            "[{'name':'a','type':'http','url':'http://h/','expectedStatus':'099'}]",
            "\"a\" (index 0)",
            "expectedStatus",
            "within 100-599 with min <= max, was 99, was '099'"),
        arguments(
            "tlsVerify null",
            "[{'name':'a','type':'https','url':'https://h/','tlsVerify':null}]",
            "\"a\" (index 0)",
            "tlsVerify",
            "must be true or false, was null"));
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
    assertThatThrownBy(() -> parse("[{'name':'a','type':'tcp','host':'h','port':1,'attempts':3}]"))
        .hasMessage(
            "TARGETS: target \"a\" (index 0): field \"attempts\": unknown field; valid fields are"
                + " name, type, host, port, timeoutMs, metricName, maxLatencyMs, retries, url,"
                + " expectedStatus, expectedBody, tlsVerify, expectedJson, method, headers,"
                + " caBundle, caBundleOnly, recordType, resolver, expectedAnswers, match");
  }

  // ------------------------------------------------------------ seeded mutations of valid values

  private static final List<String> SEEDS =
      List.of(
          "[{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"192.0.2.5\",\"port\":5432,\"timeoutMs\":2000}]",
          "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://192.0.2.7:8080/health\","
              + "\"expectedStatus\":\"200-299\",\"expectedBody\":\"ok\",\"metricName\":\"WebUp\"}]",
          "[{\"name\":\"api\",\"type\":\"https\",\"url\":\"https://api.internal/ping\","
              + "\"expectedStatus\":204,\"tlsVerify\":false},"
              + "{\"name\":\"cache\",\"type\":\"tcp\",\"host\":\"::1\",\"port\":6379}]");

  /** Fragments that are valid JSON in some places and wrong in others. */
  private static final List<String> JUNK =
      List.of(
          "null", "true", "0", "-1", "1e400", "99999999999999999999", "1.5", "\"\"", "\"x\"", "[]",
          "{}", "[null]", "{\"a\":{}}", "\"\\u0000\"", "\"é\"", ",", ":", "[", "]", "{", "}", "\"",
          "\\", "tcp", "\"tcp\"", "\"https\"", "\"name\"", "\"port\"", "\"url\"");

  /** Whatever TARGETS holds, parsing ends in targets or a TargetConfigException, nothing else. */
  @Test
  void mutatedConfigsEndInTargetsOrATargetConfigException() {
    Random random = new Random(20_240_601L);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      String input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      try {
        assertThat(TargetsParser.parse(input)).isNotEmpty();
        accepted++;
      } catch (TargetConfigException e) {
        assertThat(e.getMessage()).startsWith("TARGETS: ");
        assertThat(e.variable()).isEqualTo("TARGETS");
        rejected++;
      } catch (RuntimeException e) {
        fail("input " + input + " threw " + e, e);
      }
    }
    // the generator must exercise both outcomes, or it tests nothing
    assertThat(accepted).isGreaterThan(100);
    assertThat(rejected).isGreaterThan(10_000);
  }

  private static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(s.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> s.insert(at, JUNK.get(random.nextInt(JUNK.size())));
        case 1 -> {
          if (at < s.length()) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> replaceValue(s, random);
        default -> {
          if (at < s.length()) {
            s.setCharAt(at, (char) (32 + random.nextInt(95)));
          }
        }
      }
    }
    return s.toString();
  }

  /** Replaces the value after a random ':' with a junk fragment, keeping the JSON well-formed often. */
  private static void replaceValue(StringBuilder s, Random random) {
    int colon = s.indexOf(":", random.nextInt(s.length()));
    if (colon < 0) {
      return;
    }
    int end = colon + 1;
    boolean inString = end < s.length() && s.charAt(end) == '"';
    for (end = inString ? end + 1 : end; end < s.length(); end++) {
      char c = s.charAt(end);
      if (inString ? c == '"' : c == ',' || c == '}') {
        break;
      }
    }
    s.replace(
        colon + 1,
        Math.min(s.length(), inString ? end + 1 : end),
        JUNK.get(random.nextInt(JUNK.size())));
  }

  // ------------------------------------------------------------ oversized values

  private static final int MB = 1 << 20;

  private static String tcp(String name) {
    return "{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1}";
  }

  private static String targets(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> tcp("t" + i))
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String pad(int length, char c) {
    return String.valueOf(c).repeat(length);
  }

  /**
   * Values of a megabyte or more. Lambda caps a function's environment at 4 KB, so they can only
   * come from the CLI's {@code --env-vars} file (same parser); they must still be answered
   * quickly, with bounded memory, and rejected with a short message naming the field. A null
   * message means accepted.
   */
  static Stream<Arguments> oversized() {
    Supplier<String> thousandTargetsWith2KbUrls =
        () ->
            IntStream.range(0, TargetsParser.MAX_TARGETS)
                .mapToObj(
                    i -> "{\"name\":\"w" + i + "\",\"type\":\"https\",\"url\":\"https://h/"
                        + pad(2_000, 'p') + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    return Stream.of(
        arguments("1 MB of small targets", (Supplier<String>) () -> targets(20_000), null,
            "TARGETS: must contain at most 1000 targets, was 20000"),
        arguments("10,000 targets", (Supplier<String>) () -> targets(10_000), null,
            "TARGETS: must contain at most 1000 targets, was 10000"),
        arguments(
            "1 MB name",
            (Supplier<String>) () -> "[" + tcp(pad(MB, 'n')) + "]",
            "name",
            "must be at most 242 characters (so that <name>_availability fits CloudWatch's 255),"
                + " was 1048576"),
        arguments(
            "1 MB url",
            (Supplier<String>)
                () -> "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://h/" + pad(MB, 'a') + "\"}]",
            "url",
            "must be at most 2048 characters"),
        arguments(
            "1 MB expectedBody",
            (Supplier<String>)
                () -> "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://h/\",\"expectedBody\":\""
                    + pad(MB, 'x') + "\"}]",
            "expectedBody",
            "must be at most 5120 bytes in UTF-8"),
        arguments(
            "1 MB field name",
            (Supplier<String>) () -> "[{\"name\":\"web\",\"" + pad(MB, 'f') + "\":1}]",
            null,
            "is not valid JSON: Name length (1048576) exceeds the maximum allowed (50000"),
        arguments(
            "40,000-character field name",
            (Supplier<String>) () -> "[{\"name\":\"web\",\"" + pad(40_000, 'f') + "\":1}]",
            pad(60, 'f') + "...",
            "unknown field"),
        arguments(
            "1 MB number",
            (Supplier<String>)
                () -> "[{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"h\",\"port\":" + pad(MB, '9') + "}]",
            null,
            "is not valid JSON: Number value length"),
        arguments(
            "arrays nested 5,000 deep",
            (Supplier<String>) () -> pad(5_000, '[') + pad(5_000, ']'),
            null,
            "is not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64"),
        arguments(
            "1 MB of nested arrays",
            (Supplier<String>) () -> pad(MB / 2, '[') + pad(MB / 2, ']'),
            null,
            "is not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64"),
        arguments(
            "1 MB of whitespace around one target",
            (Supplier<String>) () -> pad(MB, ' ') + "[" + tcp("db") + "]",
            null,
            null),
        arguments("1,000 targets (the limit) with 2 KB URLs", thousandTargetsWith2KbUrls, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversized")
  void oversizedValuesAreAnsweredQuicklyWithBoundedMemory(
      String name, Supplier<String> input, String field, String message) {
    String targets = input.get();
    // warm up the parser's classes, so the measure is of this input alone
    TargetsParser.parse("[" + tcp("warm-up") + "]");

    Bounded.Result<List<Target>> r =
        Bounded.within(Duration.ofSeconds(10), () -> TargetsParser.parse(targets));

    System.out.printf(
        "%s: %,d chars, %d ms, %,d bytes allocated, %s%n",
        name, targets.length(), r.took().toMillis(), r.allocatedBytes(),
        r.thrown() == null ? "accepted" : r.thrown().getMessage());
    // at most 64 bytes allocated per input character (Jackson's buffers and tree, the String copy)
    assertThat(r.allocatedBytes()).isLessThanOrEqualTo(64L * targets.length() + (16L << 20));
    if (message == null) {
      assertThat(r.thrown()).isNull();
      assertThat(r.value()).isNotEmpty();
      return;
    }
    assertThat(r.thrown())
        .isInstanceOf(TargetConfigException.class)
        .hasMessageContaining(message)
        .hasMessageStartingWith("TARGETS: ")
        // whatever the input's size, the error stays one readable log line
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(1_024));
    assertThat(((TargetConfigException) r.thrown()).field()).isEqualTo(field);
  }
}
