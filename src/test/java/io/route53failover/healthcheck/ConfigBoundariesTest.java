package io.route53failover.healthcheck;

import static io.route53failover.healthcheck.HealthCheckConfigTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The exact edges of the configuration rules (the last accepted and first rejected value) and the
 * wording operators see: what each error message says besides naming the field. Written against
 * the mutants PIT found surviving (see RELIABILITY.md).
 */
class ConfigBoundariesTest {

  private static HealthCheckConfig parse(String singleQuotedTargets) {
    return HealthCheckConfig.fromEnvironment(Map.of("TARGETS", json(singleQuotedTargets)));
  }

  private static String rejection(String singleQuotedTargets) {
    try {
      parse(singleQuotedTargets);
    } catch (TargetConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + singleQuotedTargets);
  }

  private static String namespaceRejection(String namespace) {
    try {
      HealthCheckConfig.fromEnvironment(
          Map.of("TARGETS", json("[" + HealthCheckConfigTest.TCP + "]"), "METRIC_NAMESPACE", namespace));
    } catch (TargetConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + namespace);
  }

  @Test
  void hostOf255CharactersIsAcceptedAnd256Rejected() {
    String host = "h".repeat(255);
    assertThat(((TcpTarget) parse("[{'name':'a','type':'tcp','host':'" + host + "','port':1}]")
                .targets().getFirst()).host())
        .isEqualTo(host);
    assertThat(rejection("[{'name':'a','type':'tcp','host':'" + host + "h','port':1}]"))
        .contains("field \"host\": must be a host name or IP address");
  }

  @Test
  void urlOf2048CharactersIsAcceptedAnd2049Rejected() {
    String url = "http://h/" + "p".repeat(2048 - "http://h/".length());
    assertThat(parse("[{'name':'a','type':'http','url':'" + url + "'}]").targets()).hasSize(1);
    assertThat(rejection("[{'name':'a','type':'http','url':'" + url + "p'}]"))
        .contains("field \"url\": must be at most 2048 characters, was 2049");
  }

  @Test
  void valuesUpTo60CharactersAreShownWholeInErrorsAndLongerOnesCut() {
    String sixty = "t".repeat(60);
    assertThat(rejection("[{'name':'a','type':'" + sixty + "'}]")).endsWith("was \"" + sixty + "\"");
    assertThat(rejection("[{'name':'a','type':'" + sixty + "t'}]")).endsWith("was \"" + sixty + "...\"");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThat(rejection("[{'name':'a',}]"))
        .startsWith("TARGETS: is not valid JSON: ")
        .endsWith("(line 1, column 14)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'name':'a','type':'tcp','host':'h','port':1,'url':'http://h/'}|url|(tcp targets take host and port)",
        "{'name':'a','type':'http','url':'http://h/','tlsVerify':false}|tlsVerify|(http targets take url, expectedStatus and expectedBody; tlsVerify is for https)",
        "{'name':'a','type':'https','url':'https://h/','port':1}|port|(https targets take url, expectedStatus, expectedBody and tlsVerify)"
      })
  void aFieldOfAnotherTypeIsRejectedWithWhatTheTypeTakes(String target, String field, String hint) {
    assertThat(rejection("[" + target + "]"))
        .contains("field \"" + field + "\": not valid for type ")
        .endsWith(hint);
  }

  @Test
  void tlsVerifyIsReadAsWritten() {
    HttpTarget explicit =
        (HttpTarget) parse("[{'name':'a','type':'https','url':'https://h/','tlsVerify':true}]").targets().getFirst();
    HttpTarget off =
        (HttpTarget) parse("[{'name':'a','type':'https','url':'https://h/','tlsVerify':false}]").targets().getFirst();
    assertThat(explicit.tlsVerify()).isTrue();
    assertThat(off.tlsVerify()).isFalse();
  }

  @Test
  void aTcpTargetsTypeIsTcp() {
    assertThat(parse("[" + HealthCheckConfigTest.TCP + "]").targets().getFirst().type()).isEqualTo("tcp");
  }

  @ParameterizedTest
  @ValueSource(strings = {" x", "x ~", "!\"#$%&'()*+,-./0123456789;<=>?@[\\]^_`{|}~"})
  void everyPrintableAsciiCharacterIsAllowedInANamespace(String namespace) {
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(
            Map.of("TARGETS", json("[" + HealthCheckConfigTest.TCP + "]"), "METRIC_NAMESPACE", namespace));
    assertThat(config.namespace()).isEqualTo(namespace);
  }

  @Test
  void namespaceErrorsSayWhatIsWrong() {
    assertThat(namespaceRejection("a\u001fb"))
        .contains("must contain only printable ASCII characters, found U+001F at position 1");
    assertThat(namespaceRejection("a\u007fb")).contains("found U+007F at position 1");
    assertThat(namespaceRejection(":x")).contains("must not start with ':'");
    assertThat(namespaceRejection("AWS/EC2")).contains("must not start with 'AWS/' (reserved");
    assertThat(namespaceRejection("x".repeat(256))).contains("must be 1-255 characters long, was 256");
    assertThat(namespaceRejection("   ")).contains("at least one non-whitespace character");
  }

  @Test
  void storageResolutionOtherThan60Or1IsRefusedSayingWhy() {
    assertThatThrownBy(
            () ->
                HealthCheckConfig.fromEnvironment(
                    Map.of(
                        "TARGETS", json("[" + HealthCheckConfigTest.TCP + "]"),
                        "METRIC_STORAGE_RESOLUTION", "5")))
        .hasMessageContaining("required by Route 53 CLOUDWATCH_METRIC health checks")
        .hasMessageEndingWith("was \"5\"");
  }
}
