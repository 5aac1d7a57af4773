package io.route53failover.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the few intrinsic functions the template tests need ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::If}, {@code Fn::FindInMap} (with the template, in {@link
 * #chooseBranches}), and {@code Fn::Split} where a list is expected) to strings,
 * given parameter values, and evaluates the
 * template's {@code Conditions} ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code
 * Fn::Or}, {@code Condition}). Anything else is an error, so a check never compares against a
 * value it guessed.
 *
 * <p>A {@code Ref} to a {@code CommaDelimitedList} parameter, given as its comma-separated text,
 * is a list where {@code Fn::Join} expects one.
 */
public final class Intrinsics {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

  private Intrinsics() {}

  /**
   * The string {@code node} evaluates to.
   *
   * @param values parameter and pseudo-parameter values by name
   * @throws IllegalArgumentException naming the function or variable it cannot resolve
   */
  public static String resolve(JsonNode node, Map<String, String> values) {
    if (node.isValueNode()) {
      return node.asText();
    }
    if (node.isObject() && node.size() == 1) {
      String function = node.fieldNames().next();
      JsonNode argument = node.get(function);
      switch (function) {
        case "Ref" -> {
          return lookup(argument.asText(), values);
        }
        case "Fn::Sub" -> {
          if (argument.isTextual()) {
            return substitute(argument.asText(), values);
          }
          // [template, {name: value}]: the map's values shadow the parameters
          Map<String, String> local = new java.util.HashMap<>(values);
          argument.get(1).fields().forEachRemaining(e -> local.put(e.getKey(), resolve(e.getValue(), values)));
          return substitute(argument.get(0).asText(), local);
        }
        case "Fn::Join" -> {
          StringBuilder joined = new StringBuilder();
          String delimiter = argument.get(0).asText();
          JsonNode list = argument.get(1);
          if (list.isObject() && list.has("Ref")) {
            list = listParameter(list.get("Ref").asText(), values);
          }
          if (!list.isArray()) {
            throw new IllegalArgumentException("Fn::Join over a non-literal list: " + list);
          }
          for (int i = 0; i < list.size(); i++) {
            joined.append(i == 0 ? "" : delimiter).append(resolve(list.get(i), values));
          }
          return joined.toString();
        }
        case "Fn::Select" -> {
          return resolveList(argument.get(1), values).get(argument.get(0).asInt());
        }
        default -> throw new IllegalArgumentException("cannot resolve " + function + ": " + node);
      }
    }
    throw new IllegalArgumentException("not a string or intrinsic function: " + node);
  }

  /**
   * The list {@code node} evaluates to: a literal array (each element resolved), {@code Fn::Split}
   * of a resolved string, or a single string as a list of one (IAM's {@code Resource} and {@code
   * Action} accept either).
   *
   * @throws IllegalArgumentException as {@link #resolve}
   */
  public static List<String> resolveList(JsonNode node, Map<String, String> values) {
    List<String> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> list.add(resolve(n, values)));
    } else if (node.isObject() && node.size() == 1 && node.has("Fn::Split")) {
      JsonNode argument = node.get("Fn::Split");
      String delimiter = argument.get(0).asText();
      list.addAll(List.of(resolve(argument.get(1), values).split(Pattern.quote(delimiter), -1)));
    } else {
      list.add(resolve(node, values));
    }
    return list;
  }

  /**
   * {@code node} with every {@code Fn::If} replaced by the branch its condition chooses and every
   * {@code Fn::FindInMap} by the {@code Mappings} value it names, at any depth; a chosen {@code Ref AWS::NoValue} removes its property or list element, as
   * CloudFormation does. The input is not changed.
   *
   * @param template the template, for its {@code Conditions}
   */
  public static JsonNode chooseBranches(JsonNode node, JsonNode template, Map<String, String> values) {
    if (node.isObject() && node.size() == 1 && node.has("Fn::If")) {
      JsonNode ifArgs = node.get("Fn::If");
      boolean holds = condition(ifArgs.get(0).asText(), template, values);
      return chooseBranches(ifArgs.get(holds ? 1 : 2), template, values);
    }
    if (node.isObject() && node.size() == 1 && node.has("Fn::FindInMap")) {
      JsonNode args = node.get("Fn::FindInMap");
      String map = resolve(args.get(0), values);
      String top = resolve(args.get(1), values);
      String second = resolve(args.get(2), values);
      JsonNode found = template.path("Mappings").path(map).path(top).path(second);
      if (found.isMissingNode()) {
        throw new IllegalArgumentException(
            "Fn::FindInMap: no " + map + "[" + top + "][" + second + "] in Mappings");
      }
      return found;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                JsonNode chosen = chooseBranches(e.getValue(), template, values);
                if (!isNoValue(chosen)) {
                  copy.set(e.getKey(), chosen);
                }
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode n : node) {
        JsonNode chosen = chooseBranches(n, template, values);
        if (!isNoValue(chosen)) {
          copy.add(chosen);
        }
      }
      return copy;
    }
    return node;
  }

  private static boolean isNoValue(JsonNode node) {
    return node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText(null));
  }

  /**
   * Whether the template's condition {@code name} holds under {@code values}.
   *
   * @throws IllegalArgumentException when the condition is unknown or uses an unsupported function
   */
  public static boolean condition(String name, JsonNode template, Map<String, String> values) {
    JsonNode definition = template.path("Conditions").get(name);
    if (definition == null) {
      throw new IllegalArgumentException("no condition " + name);
    }
    return holds(definition, template, values);
  }

  /**
   * Whether a condition expression ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code
   * Fn::Or}, {@code Condition}), such as a rule's {@code RuleCondition}, holds under {@code values}.
   *
   * @throws IllegalArgumentException when it uses an unsupported function
   */
  public static boolean holds(JsonNode node, JsonNode template, Map<String, String> values) {
    if (!node.isObject() || node.size() != 1) {
      throw new IllegalArgumentException("not a condition function: " + node);
    }
    String function = node.fieldNames().next();
    JsonNode argument = node.get(function);
    return switch (function) {
      case "Fn::Equals" ->
          resolve(argument.get(0), values).equals(resolve(argument.get(1), values));
      case "Fn::Not" -> !holds(argument.get(0), template, values);
      case "Fn::And" -> {
        boolean all = true;
        for (JsonNode c : argument) {
          all &= holds(c, template, values);
        }
        yield all;
      }
      case "Fn::Or" -> {
        boolean any = false;
        for (JsonNode c : argument) {
          any |= holds(c, template, values);
        }
        yield any;
      }
      case "Condition" -> condition(argument.asText(), template, values);
      default -> throw new IllegalArgumentException("cannot evaluate " + function + ": " + node);
    };
  }

  private static ArrayNode listParameter(String name, Map<String, String> values) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    String text = lookup(name, values);
    if (!text.isEmpty()) {
      for (String item : text.split(",", -1)) {
        list.add(item);
      }
    }
    return list;
  }

  private static String substitute(String template, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1), values)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String lookup(String name, Map<String, String> values) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no value for " + name);
    }
    return value;
  }
}
