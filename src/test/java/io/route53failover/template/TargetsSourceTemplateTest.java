package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.healthcheck.TargetsLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The template's target sources: the rule that exactly one of Targets, TargetsParameterName and
 * TargetsS3Uri is set, and HealthCheckRole's grants for them, each on the one parameter, key or
 * object named and nothing when the source is not used; and the same for the private CA bundle
 * (CaBundleParameterName).
 */
class TargetsSourceTemplateTest {
  private static JsonNode template;

  @BeforeAll
  static void load() throws Exception {
    template = CfnYaml.read(TemplateTools.template());
  }

  private static Map<String, String> values(String targets, String parameter, String secure, String uri) {
    Map<String, String> v = new HashMap<>();
    v.put("Targets", targets);
    v.put("TargetsParameterName", parameter);
    v.put("TargetsParameterIsSecure", secure);
    v.put("TargetsS3Uri", uri);
    v.put("CaBundleParameterName", "");
    v.put("CaBundleParameterIsSecure", "false");
    v.put("HeaderParametersPath", "");
    v.put("AWS::Partition", "aws");
    v.put("AWS::Region", "eu-west-1");
    v.put("AWS::AccountId", "123456789012");
    return v;
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "'[]', '', '', true",
        "'', /ops/targets, '', true",
        "'', '', s3://b/k, true",
        "'', '', '', false",
        "'[]', /ops/targets, '', false",
        "'[]', '', s3://b/k, false",
        "'', /ops/targets, s3://b/k, false",
        "'[]', /ops/targets, s3://b/k, false"
      })
  void theRuleAcceptsExactlyOneSource(String targets, String parameter, String uri, boolean ok) {
    JsonNode assertion = template.at("/Rules/ExactlyOneTargetsSource/Assertions/0/Assert");
    assertThat(Intrinsics.holds(assertion, template, values(targets, parameter, "false", uri)))
        .isEqualTo(ok);
  }

  /**
   * The statements that concern target sources, resolved: from HealthCheckRole's inline policies
   * and from every {@code AWS::IAM::Policy} on that role whose condition holds.
   */
  private static List<String> sourceStatements(Map<String, String> values) {
    List<JsonNode> statements = new ArrayList<>();
    template
        .at("/Resources/HealthCheckRole/Properties/Policies")
        .forEach(p -> p.at("/PolicyDocument/Statement").forEach(statements::add));
    template
        .get("Resources")
        .forEach(
            r -> {
              boolean onRole =
                  "AWS::IAM::Policy".equals(r.path("Type").asText())
                      && r.at("/Properties/Roles").toString().contains("HealthCheckRole");
              if (onRole
                  && (!r.has("Condition")
                      || Intrinsics.condition(r.get("Condition").asText(), template, values))) {
                r.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
              }
            });
    List<String> out = new ArrayList<>();
    for (JsonNode s : statements) {
      List<String> actions = Intrinsics.resolveList(s.get("Action"), values);
      if (actions.stream().anyMatch(a -> a.startsWith("ssm:") || a.startsWith("kms:") || a.startsWith("s3:") || a.startsWith("events:"))) {
        StringBuilder b =
            new StringBuilder(String.join(",", actions))
                .append(" on ")
                .append(String.join(",", Intrinsics.resolveList(s.get("Resource"), values)));
        JsonNode condition = s.path("Condition").path("StringEquals");
        condition.fields().forEachRemaining(c -> b.append(" if ").append(c.getKey()).append("=").append(Intrinsics.resolve(c.getValue(), values)));
        s.path("Condition").path("StringLike").fields().forEachRemaining(c -> b.append(" if ").append(c.getKey()).append(" like ").append(Intrinsics.resolve(c.getValue(), values)));
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void anInlineListGrantsNothingMore() {
    assertThat(sourceStatements(values("[]", "", "false", ""))).isEmpty();
  }

  @Test
  void aStringParameterGrantsGetParameterOnThatParameterAndPutEventsOnTheDefaultBus() {
    assertThat(sourceStatements(values("", "/ops/targets", "false", "")))
        .containsExactly(
            "ssm:GetParameter on arn:aws:ssm:eu-west-1:123456789012:parameter/ops/targets",
            "events:PutEvents on arn:aws:events:eu-west-1:123456789012:event-bus/default");
  }

  @Test
  void aSecureStringParameterAlsoGrantsDecryptThroughSsmForThatParameterOnly() {
    assertThat(sourceStatements(values("", "/ops/targets", "true", "")))
        .containsExactlyInAnyOrder(
            "ssm:GetParameter on arn:aws:ssm:eu-west-1:123456789012:parameter/ops/targets",
            "kms:Decrypt on arn:aws:kms:eu-west-1:123456789012:key/*"
                + " if kms:ViaService=ssm.eu-west-1.amazonaws.com"
                + " if kms:EncryptionContext:PARAMETER_ARN=arn:aws:ssm:eu-west-1:123456789012:parameter/ops/targets",
            "events:PutEvents on arn:aws:events:eu-west-1:123456789012:event-bus/default");
  }

  @Test
  void headerParametersPathGrantsGetParameterAndDecryptUnderThatPathOnly() {
    Map<String, String> v = values("[]", "", "false", "");
    v.put("HeaderParametersPath", "/route53-failover/headers/");
    assertThat(sourceStatements(v))
        .containsExactly(
            "ssm:GetParameter on arn:aws:ssm:eu-west-1:123456789012:parameter/route53-failover/headers/*",
            "kms:Decrypt on arn:aws:kms:eu-west-1:123456789012:key/*"
                + " if kms:ViaService=ssm.eu-west-1.amazonaws.com"
                + " if kms:EncryptionContext:PARAMETER_ARN like"
                + " arn:aws:ssm:eu-west-1:123456789012:parameter/route53-failover/headers/*",
            "events:PutEvents on arn:aws:events:eu-west-1:123456789012:event-bus/default");
  }

  @ParameterizedTest
  @CsvSource({
    "/route53-failover/headers/, true",
    "/a/, true",
    "'', true",
    "/route53-failover/headers, false",
    "route53-failover/, false",
    "/a//, false",
    "/, false",
    "/a b/, false"
  })
  void theHeaderParametersPathIsAHierarchyEndingInASlash(String path, boolean ok) {
    Pattern allowed =
        Pattern.compile(template.at("/Parameters/HeaderParametersPath/AllowedPattern").asText());
    assertThat(allowed.matcher(path == null ? "" : path).matches()).isEqualTo(ok);
  }

  @Test
  void anS3UriGrantsGetObjectOnThatObjectOnly() {
    assertThat(sourceStatements(values("", "", "false", "s3://ops-config/prod/targets.json")))
        .containsExactly(
            "s3:GetObject on arn:aws:s3:::ops-config/prod/targets.json",
            "events:PutEvents on arn:aws:events:eu-west-1:123456789012:event-bus/default");
  }

  private static Map<String, String> withCaBundle(String parameter, String secure) {
    Map<String, String> v = values("[]", "", "false", "");
    v.put("CaBundleParameterName", parameter);
    v.put("CaBundleParameterIsSecure", secure);
    return v;
  }

  @Test
  void aCaBundleParameterGrantsGetParameterOnThatParameterOnly() {
    assertThat(sourceStatements(withCaBundle("/pki/ca-bundle", "false")))
        .containsExactly(
            "ssm:GetParameter on arn:aws:ssm:eu-west-1:123456789012:parameter/pki/ca-bundle");
    // "true" without a parameter grants nothing
    assertThat(sourceStatements(withCaBundle("", "true"))).isEmpty();
  }

  @Test
  void aSecureStringCaBundleAlsoGrantsDecryptThroughSsmForThatParameterOnly() {
    assertThat(sourceStatements(withCaBundle("/pki/ca-bundle", "true")))
        .containsExactlyInAnyOrder(
            "ssm:GetParameter on arn:aws:ssm:eu-west-1:123456789012:parameter/pki/ca-bundle",
            "kms:Decrypt on arn:aws:kms:eu-west-1:123456789012:key/*"
                + " if kms:ViaService=ssm.eu-west-1.amazonaws.com"
                + " if kms:EncryptionContext:PARAMETER_ARN=arn:aws:ssm:eu-west-1:123456789012:parameter/pki/ca-bundle");
  }

  @Test
  void theCaBundleParameterIsTheFunctionsCaBundleParameterVariable() {
    JsonNode variables =
        template.at("/Resources/HealthCheckFunction/Properties/Environment/Variables");
    assertThat(variables.at("/CA_BUNDLE_PARAMETER/Ref").asText())
        .isEqualTo("CaBundleParameterName");
    assertThat(template.at("/Parameters/CaBundleParameterName/Default").asText()).isEmpty();
    Pattern allowed =
        Pattern.compile(template.at("/Parameters/CaBundleParameterName/AllowedPattern").asText());
    assertThat(allowed.matcher("/pki/ca-bundle").matches()).isTrue();
    assertThat(allowed.matcher("pki").matches()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"s3://ops-config/targets.json", "s3://a.b-c/x/y/z.json"})
  void theS3UriPatternAcceptsWhatTheFunctionAccepts(String uri) {
    Pattern allowed = Pattern.compile(template.at("/Parameters/TargetsS3Uri/AllowedPattern").asText());
    assertThat(allowed.matcher(uri).matches()).isTrue();
    assertThat(new TargetsLocation(TargetsLocation.Kind.S3, uri).key()).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource({"s3://bucket", "s3://bucket/", "https://bucket/key", "s3:///key"})
  void theS3UriPatternRejectsWhatTheFunctionRejects(String uri) {
    Pattern allowed = Pattern.compile(template.at("/Parameters/TargetsS3Uri/AllowedPattern").asText());
    assertThat(allowed.matcher(uri).matches()).isFalse();
    assertThatThrownBy(() -> new TargetsLocation(TargetsLocation.Kind.S3, uri))
        .hasMessageStartingWith("TARGETS_S3_URI: must be s3://bucket/key");
  }
}
