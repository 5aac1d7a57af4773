package io.route53failover.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.template.CfnYaml;
import io.route53failover.template.Intrinsics;
import io.route53failover.template.TemplateTools;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code template.yaml} with parameter values: its resources (those whose {@code Condition} holds)
 * and their properties resolved to strings, so tests build what a deployment of the template would
 * hold, from the template's own names and values.
 *
 * <p>Values are the parameters' {@code Default}s, overridden by the test's values (each checked
 * against the parameter's {@code AllowedPattern} and {@code AllowedValues}, so the test never uses a
 * value a deployment would refuse), the pseudo parameters, and the physical ids of the resources
 * the test created ({@link #bind}), which {@code Ref} then resolves to.
 */
final class StackTemplate {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";

  private final JsonNode template;
  private final Map<String, String> values;

  private StackTemplate(JsonNode template, Map<String, String> values) {
    this.template = template;
    this.values = values;
  }

  /**
   * Reads the repository's template.yaml.
   *
   * @param stackName the value of {@code AWS::StackName}
   * @param overrides parameter values that replace the defaults
   * @throws IllegalArgumentException naming the parameter when an override is not a parameter, or
   *     is a value the parameter does not allow
   */
  static StackTemplate load(String stackName, Map<String, String> overrides) throws IOException {
    JsonNode template = CfnYaml.read(TemplateTools.template());
    JsonNode parameters = template.get("Parameters");
    Map<String, String> values = new HashMap<>();
    parameters
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().has("Default")) {
                values.put(e.getKey(), e.getValue().get("Default").asText());
              }
            });
    overrides.forEach(
        (name, value) -> {
          JsonNode p = parameters.get(name);
          if (p == null) {
            throw new IllegalArgumentException(name + " is not a parameter of template.yaml");
          }
          if (p.has("AllowedPattern")
              && !Pattern.compile(p.get("AllowedPattern").asText()).matcher(value).matches()) {
            throw new IllegalArgumentException(
                name + "=\"" + value + "\" does not match " + p.get("AllowedPattern").asText());
          }
          if (p.has("AllowedValues")) {
            boolean allowed = false;
            for (JsonNode v : p.get("AllowedValues")) {
              allowed |= v.asText().equals(value);
            }
            if (!allowed) {
              throw new IllegalArgumentException(name + "=\"" + value + "\" is not allowed");
            }
          }
          values.put(name, value);
        });
    values.put("AWS::StackName", stackName);
    values.put("AWS::Region", REGION);
    values.put("AWS::AccountId", ACCOUNT);
    values.put("AWS::Partition", "aws");
    return new StackTemplate(template, values);
  }

  /** A parameter's value (default or override). */
  String parameter(String name) {
    if (!template.get("Parameters").has(name)) {
      throw new IllegalArgumentException(name + " is not a parameter of template.yaml");
    }
    return values.get(name);
  }

  /** Makes {@code Ref logicalId} resolve to {@code physicalId}. */
  void bind(String logicalId, String physicalId) {
    values.put(logicalId, physicalId);
  }

  /** The resources of {@code type} whose condition holds, logical id to resource, in template order. */
  Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>(TemplateTools.resourcesOfType(template, type));
    found
        .values()
        .removeIf(
            r ->
                r.has("Condition")
                    && !Intrinsics.condition(r.get("Condition").asText(), template, values));
    return found;
  }

  /** A resource's {@code Properties} with every {@code Fn::If} decided. */
  JsonNode properties(String logicalId) {
    JsonNode resource = template.get("Resources").get(logicalId);
    if (resource == null) {
      throw new IllegalArgumentException("no resource " + logicalId + " in template.yaml");
    }
    return Intrinsics.chooseBranches(resource.path("Properties"), template, values);
  }

  /** The string {@code node} evaluates to. */
  String resolve(JsonNode node) {
    return Intrinsics.resolve(Intrinsics.chooseBranches(node, template, values), values);
  }

  /** The function's {@code Environment.Variables}, resolved. */
  Map<String, String> environment(String functionLogicalId) {
    Map<String, String> env = new LinkedHashMap<>();
    properties(functionLogicalId)
        .path("Environment")
        .path("Variables")
        .fields()
        .forEachRemaining(e -> env.put(e.getKey(), resolve(e.getValue())));
    return env;
  }
}
