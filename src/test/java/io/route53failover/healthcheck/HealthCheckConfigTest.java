package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HealthCheckConfig#fromEnvironment}: the variables besides the targets themselves, whose
 * parsing {@code TargetsParserTest} covers.
 */
class HealthCheckConfigTest {

  static final String TARGETS = TargetsParserTest.json("[" + TargetsParserTest.TCP + "]");

  private static HealthCheckConfig config(String variable, String value) {
    Map<String, String> env = new HashMap<>();
    env.put("TARGETS", TARGETS);
    env.put(variable, value);
    return HealthCheckConfig.fromEnvironment(env);
  }

  private static void assertRejected(String variable, String value, String... messageParts) {
    assertThatThrownBy(() -> config(variable, value))
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo(variable);
              assertThat(e.target()).isNull();
              assertThat(e.field()).isNull();
              assertThat(e.getMessage()).startsWith(variable + ": ").contains(messageParts);
            });
  }

  @Test
  void defaults() {
    HealthCheckConfig config = HealthCheckConfig.fromEnvironment(Map.of("TARGETS", TARGETS));

    assertThat(config.targets()).containsExactlyElementsOf(TargetsParser.parse(TARGETS));
    assertThat(config.namespace()).isEqualTo("LambdaCustomHC");
    assertThat(config.storageResolution()).isEqualTo(60);
    assertThat(config.maxConcurrentProbes()).isEqualTo(256);
    assertThat(config("MAX_CONCURRENT_PROBES", " ").maxConcurrentProbes()).isEqualTo(256);
  }

  private static final String CA_TARGET =
      "[{\"name\":\"pki\",\"type\":\"https\",\"url\":\"https://h/\",\"caBundle\":true}]";

  @Test
  void aCaBundleTargetWithoutCaBundleParameterFailsNamingTheFieldAndTheVariable() {
    List<String> asked = new ArrayList<>();
    assertThatThrownBy(
            () ->
                HealthCheckConfig.fromEnvironment(
                    Map.of("TARGETS", CA_TARGET, "CA_BUNDLE_PARAMETER", " "),
                    InlineTargetsSource::new,
                    p -> {
                      asked.add(p);
                      return CaBundleTest.bundle();
                    }))
        .hasMessage(
            "TARGETS: target \"pki\" (index 0): field \"caBundle\": is true but CA_BUNDLE_PARAMETER"
                + " is not set; set it to the SSM parameter holding the PEM CA certificates, or"
                + " remove caBundle");
    assertThat(asked).isEmpty();
  }

  @Test
  void caBundleParameterIsReadOnceAndGivenToTheConfiguration() {
    List<String> asked = new ArrayList<>();
    CaBundle bundle = CaBundleTest.bundle();

    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(
            Map.of("TARGETS", CA_TARGET, "CA_BUNDLE_PARAMETER", " /ops/ca-bundle "),
            InlineTargetsSource::new,
            p -> {
              asked.add(p);
              return bundle;
            });

    assertThat(asked).containsExactly("/ops/ca-bundle");
    assertThat(config.caBundle()).isSameAs(bundle);
    assertThat(HealthCheckConfig.fromEnvironment(Map.of("TARGETS", TARGETS)).caBundle())
        .isEqualTo(CaBundle.NONE);
    assertThat(HealthCheckConfig.ENVIRONMENT_VARIABLES).endsWith("CA_BUNDLE_PARAMETER");
  }

  @Test
  void caBundleParameterNeedsTheSsmReader() {
    assertRejected("CA_BUNDLE_PARAMETER", "/ops/ca", "is not supported here");
  }

  @Test
  void missingTargetsIsAnError() {
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of()))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage(
            "TARGETS: is not set; expected a JSON array of targets such as"
                + " [{\"name\":\"web-1\",\"type\":\"tcp\",\"host\":\"192.0.2.10\",\"port\":443}]"
                + " (or set TARGETS_PARAMETER or TARGETS_S3_URI instead)");
  }

  @Test
  void twoSourcesAreAnErrorNamingBoth() {
    assertThatThrownBy(
            () ->
                HealthCheckConfig.fromEnvironment(
                    Map.of("TARGETS", TARGETS, "TARGETS_S3_URI", "s3://ops/targets.json")))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage(
            "TARGETS and TARGETS_S3_URI: are both set; set exactly one of TARGETS,"
                + " TARGETS_PARAMETER and TARGETS_S3_URI");
    assertThatThrownBy(
            () ->
                HealthCheckConfig.fromEnvironment(
                    Map.of("TARGETS_PARAMETER", "/ops/targets", "TARGETS_S3_URI", "s3://b/k")))
        .hasMessageStartingWith("TARGETS_PARAMETER and TARGETS_S3_URI: are both set");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://", "s3://bucket", "s3://bucket/", "https://bucket/key", "s3:///key"})
  void anS3UriWithoutBucketAndKeyIsRejected(String uri) {
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS_S3_URI", uri)))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage("TARGETS_S3_URI: must be s3://bucket/key, was \"" + uri + "\"");
  }

  @Test
  void anS3UriSplitsIntoBucketAndKey() {
    TargetsLocation location =
        TargetsLocation.fromEnvironment(Map.of("TARGETS_S3_URI", " s3://ops-config/a/b.json "));
    assertThat(location.bucket()).isEqualTo("ops-config");
    assertThat(location.key()).isEqualTo("a/b.json");
    assertThat(location.describe()).isEqualTo("TARGETS_S3_URI s3://ops-config/a/b.json");
  }

  @Test
  void theRefreshIntervalDefaultsTo300SecondsAndIsBounded() {
    assertThat(config("METRIC_NAMESPACE", "N").targetsRefresh()).hasSeconds(300);
    assertThat(config("TARGETS_REFRESH_SECONDS", "60").targetsRefresh()).hasSeconds(60);
    assertThat(config("TARGETS_REFRESH_SECONDS", "86400").targetsRefresh()).hasSeconds(86400);
    for (String bad : new String[] {"0", "86401", "5m", "-1"}) {
      assertRejected(
          "TARGETS_REFRESH_SECONDS",
          bad,
          "must be a whole number of seconds from 1 to 86400, was \"" + bad + "\"");
    }
  }

  @Test
  void anInlineListHasTheVersionInline() {
    HealthCheckConfig config = config("METRIC_NAMESPACE", "N");
    assertThat(config.targetsVersion()).isEqualTo("inline");
    assertThat(config.targetsLocation().kind()).isEqualTo(TargetsLocation.Kind.INLINE);
  }

  @Test
  void blankTargetsIsAnError() {
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", "  ")))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("TARGETS: is empty; expected a JSON array of targets");
  }

  @Test
  void aTargetsErrorComesFromTheParser() {
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", "[]")))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage("TARGETS: must contain at least one target, was an empty array");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Team/Private Health",
        " x",
        "x ~",
        "!\"#$%&'()*+,-./0123456789;<=>?@[\\]^_`{|}~"
      })
  void everyPrintableAsciiNamespaceUpTo255CharactersIsAccepted(String namespace) {
    assertThat(config("METRIC_NAMESPACE", namespace).namespace()).isEqualTo(namespace);
  }

  @Test
  void namespaceOfExactly255CharactersIsAccepted() {
    String namespace = "N".repeat(255);
    assertThat(config("METRIC_NAMESPACE", namespace).namespace()).isEqualTo(namespace);
  }

  static Stream<Arguments> invalidNamespaces() {
    return Stream.of(
        arguments("", "must be 1-255 characters long, was 0"),
        arguments("x".repeat(256), "must be 1-255 characters long, was 256"),
        arguments("AWS/EC2", "must not start with 'AWS/' (reserved"),
        arguments(":Health", "must not start with ':'"),
        arguments("   ", "at least one non-whitespace character"),
        arguments("Gesundheit/Prüfung", "found U+00FC at position 13"),
        arguments("tab\tname", "found U+0009 at position 3"),
        arguments("a\u001fb", "must contain only printable ASCII characters, found U+001F at position 1"),
        arguments("a\u007fb", "found U+007F at position 1"));
  }

  @ParameterizedTest
  @MethodSource("invalidNamespaces")
  void invalidNamespacesAreRejectedSayingWhy(String namespace, String why) {
    assertRejected("METRIC_NAMESPACE", namespace, why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"60", "1"})
  void storageResolutionIs60Or1(String resolution) {
    assertThat(config("METRIC_STORAGE_RESOLUTION", resolution).storageResolution())
        .isEqualTo(Integer.parseInt(resolution));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "30", "120", "60 ", "1.0", "sixty", "-1"})
  void storageResolutionOtherThan60Or1IsRejectedSayingWhy(String resolution) {
    assertRejected(
        "METRIC_STORAGE_RESOLUTION",
        resolution,
        "must be 60 (standard resolution, required by Route 53 CLOUDWATCH_METRIC health checks)"
            + " or 1 (high resolution), was \"" + resolution + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "15", "20", "30", "60", " 15 "})
  void sampleIntervalIsADivisorOf60From10(String value) {
    assertThat(config("SAMPLE_INTERVAL_SECONDS", value).sampleIntervalSeconds())
        .isEqualTo(Integer.parseInt(value.strip()));
  }

  @Test
  void sampleIntervalDefaultsToOneSampleARun() {
    assertThat(config("SAMPLE_INTERVAL_SECONDS", "").sampleIntervalSeconds()).isEqualTo(60);
    assertThat(config("METRIC_NAMESPACE", "N").sampleIntervalSeconds()).isEqualTo(60);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "5", "12", "45", "120", "15s", "1e1", "-15"})
  void sampleIntervalOutsideTheAllowedValuesFailsStartUpNamingTheVariable(String value) {
    assertRejected(
        "SAMPLE_INTERVAL_SECONDS",
        value,
        "SAMPLE_INTERVAL_SECONDS",
        "must be 10, 15, 20, 30 or 60",
        "was \"" + value + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "512", "900", " 300 "})
  void maxConcurrentProbesAcceptsOneTo900(String value) {
    assertThat(config("MAX_CONCURRENT_PROBES", value).maxConcurrentProbes())
        .isEqualTo(Integer.parseInt(value.strip()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "901", "1024", "abc", "2.5", "99999999999"})
  void maxConcurrentProbesOutside1To900IsRejected(String value) {
    assertRejected(
        "MAX_CONCURRENT_PROBES",
        value,
        "must be a whole number from 1 to 900 (Lambda allows 1,024 open files), was \""
            + value + "\"");
  }

  @Test
  void environmentVariablesAreListed() {
    assertThat(HealthCheckConfig.ENVIRONMENT_VARIABLES)
        .containsExactlyInAnyOrder(
            "TARGETS",
            "METRIC_NAMESPACE",
            "METRIC_STORAGE_RESOLUTION",
            "MAX_CONCURRENT_PROBES",
            "TARGETS_PARAMETER",
            "TARGETS_S3_URI",
            "TARGETS_REFRESH_SECONDS",
            "SAMPLE_INTERVAL_SECONDS",
            "CA_BUNDLE_PARAMETER");
  }

  @Test
  void theRecordRejectsABoundOutside1To900() {
    var targets = TargetsParser.parse(TARGETS);
    assertThatThrownBy(() -> Configs.inline(targets, "N", 60, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrentProbes must be 1-900, was 0");
    assertThatThrownBy(() -> Configs.inline(targets, "N", 60, 901))
        .hasMessage("maxConcurrentProbes must be 1-900, was 901");
    assertThat(Configs.inline(targets, "N", 60, 900).maxConcurrentProbes()).isEqualTo(900);
  }
}
