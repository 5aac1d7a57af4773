package io.route53failover.healthcheck;

import static io.route53failover.healthcheck.TargetsParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The fields of issue 20 (dns targets, maxLatencyMs, expectedJson, method, headers): bad input. */
class ProbeFieldsParserTest {

  static final String DNS = "'name':'d','type':'dns','host':'app.example.com'";
  static final String HTTP = "'name':'h','type':'http','url':'http://192.0.2.1/'";

  static Stream<Arguments> badFields() {
    return Stream.of(
        Arguments.of("'name':'d','type':'dns','host':'a..b'", "host", "must be a DNS name"),
        Arguments.of(DNS + ",'recordType':'MX'", "recordType", "must be \"A\", \"AAAA\" or \"CNAME\", was \"MX\""),
        Arguments.of(DNS + ",'recordType':'a'", "recordType", "was \"a\""),
        Arguments.of(DNS + ",'resolver':'dns.example.com:53'", "resolver", "must be an IP address and port"),
        Arguments.of(DNS + ",'resolver':'192.0.2.53:70000'", "resolver", "must be an IP address and port"),
        Arguments.of(DNS + ",'resolver':'[::1'", "resolver", "must be an IP address and port"),
        Arguments.of(DNS + ",'expectedAnswers':[]", "expectedAnswers", "must list 1-20 values, was 0"),
        Arguments.of(DNS + ",'expectedAnswers':'192.0.2.1'", "expectedAnswers", "must be an array of strings, was a string"),
        Arguments.of(DNS + ",'expectedAnswers':[null]", "expectedAnswers", "must hold non-empty strings, held null"),
        Arguments.of(DNS + ",'expectedAnswers':['2001:db8::1']", "expectedAnswers", "must hold IPv4 addresses for recordType A"),
        Arguments.of(DNS + ",'recordType':'AAAA','expectedAnswers':['192.0.2.1']", "expectedAnswers", "IPv6 addresses"),
        Arguments.of(DNS + ",'match':'exact'", "match", "needs expectedAnswers"),
        Arguments.of(DNS + ",'expectedAnswers':['192.0.2.1'],'match':'all'", "match", "must be \"any\" or \"exact\""),
        Arguments.of(DNS + ",'port':53", "port", "not valid for type dns (dns targets take host, recordType, resolver, expectedAnswers and match)"),
        Arguments.of(DNS + ",'timeoutMs':100,'maxLatencyMs':101", "maxLatencyMs", "must be 1-100 (at most timeoutMs, which is 100), was 101"),
        Arguments.of(DNS + ",'maxLatencyMs':0", "maxLatencyMs", "must be 1-3000"),
        Arguments.of(HTTP + ",'expectedJson':{}", "expectedJson", "must hold 1-20 JSON Pointers, was 0"),
        Arguments.of(HTTP + ",'expectedJson':{'status':'UP'}", "expectedJson", "keys must be JSON Pointers such as \"/status\""),
        Arguments.of(HTTP + ",'expectedJson':['/status']", "expectedJson", "must be an object of JSON Pointers"),
        Arguments.of(HTTP + ",'method':'POST'", "method", "must be \"GET\" or \"HEAD\", was \"POST\""),
        Arguments.of(HTTP + ",'method':'HEAD','expectedBody':'ok'", "method", "HEAD answers have no body"),
        Arguments.of(HTTP + ",'headers':{'Auth':{'fromParameter':'no spaces'}}", "headers.Auth.fromParameter", "must be an SSM parameter name such as /app/token"),
        Arguments.of(HTTP + ",'headers':{'Auth':{'fromParameter':'/a//b'}}", "headers.Auth.fromParameter", "was \"/a//b\""),
        Arguments.of(HTTP + ",'headers':{'Auth':{'fromParameter':5}}", "headers.Auth.fromParameter", "must be a non-empty string, was a number 5"),
        Arguments.of(HTTP + ",'headers':{'Auth':{'fromParameter':''}}", "headers.Auth.fromParameter", "must be a non-empty string"),
        Arguments.of(HTTP + ",'headers':{'Auth':{}}", "headers.Auth.fromParameter", "is required in a header value object"),
        Arguments.of(HTTP + ",'headers':{'Auth':{'fromParameter':'/p','version':2}}", "headers.Auth", "unknown field \"version\"; a header value object takes only fromParameter"),
        Arguments.of(HTTP + ",'headers':{'Auth':['/p']}", "headers", "the value of Auth must be a string or {\"fromParameter\": \"/ssm/name\"}, was an array"),
        Arguments.of(HTTP + ",'headers':{'Bad Name':'x'}", "headers", "is not a valid header name"),
        Arguments.of(HTTP + ",'headers':{'Connection':'keep-alive'}", "headers", "is set by the prober"),
        Arguments.of(HTTP + ",'headers':{'X':5}", "headers", "must be a string or {\"fromParameter\": \"/ssm/name\"}, was a number"),
        Arguments.of("'name':'t','type':'tcp','host':'h','port':1,'method':'GET'", "method", "not valid for type tcp"));
  }

  @ParameterizedTest
  @MethodSource("badFields")
  void badValuesAreRejectedNamingTheField(String fields, String field, String message) {
    assertThatThrownBy(() -> parse("[{" + fields + "}]"))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageContaining("field \"" + field + "\": ")
        .hasMessageContaining(message);
  }

  @Test
  void aHeaderValueIsNeverShownInAnError() {
    assertThatThrownBy(() -> parse("[{" + HTTP + ",'headers':{'Authorization':'Bearer s3cret\\n'}}]"))
        .hasMessageContaining("field \"headers\": the value of Authorization must be printable ASCII")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void validFieldsAreBoundInCanonicalForm() {
    List<Target> targets =
        parse(
            "[{"
                + DNS
                + ",'recordType':'AAAA','resolver':'[::1]:5353','expectedAnswers':['2001:DB8:0::1'],'match':'exact'},"
                + "{'name':'h','type':'https','url':'https://192.0.2.1/','expectedJson':{'/status':'UP','/x':null},"
                + "'method':'GET','headers':{'Host':'app.example.com'},'maxLatencyMs':250}]");

    DnsTarget dns = (DnsTarget) targets.get(0);
    assertThat(dns.expectedAnswers()).containsExactly("2001:db8:0:0:0:0:0:1");
    assertThat(dns.resolverAddress().getPort()).isEqualTo(5353);
    assertThat(dns.metricNames()).containsExactly("d_availability", "d_latency", "d_dns_ttl");
    HttpTarget https = (HttpTarget) targets.get(1);
    assertThat(https.expectedJson()).containsEntry("/x", NullNode.getInstance());
    assertThat(https.headers()).containsEntry("Host", HeaderValue.literal("app.example.com"));
    assertThat(https.metricNames()).contains("h_cert_days");
  }

  @Test
  void aTtlOrCertMetricNameTakenByAnotherTargetIsRejected() {
    assertThatThrownBy(
            () -> parse("[{" + DNS + "},{'name':'x','type':'tcp','host':'h','port':1,'metricName':'d_dns_ttl'}]"))
        .hasMessageContaining("metric name \"d_dns_ttl\" is already used by target \"d\"");
  }
}
