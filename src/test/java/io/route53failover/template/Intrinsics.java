package io.route53failover.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the few intrinsic functions the consistency checks need ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::Join}) to strings, given parameter values. Anything else is an error, so a check
 * never compares against a value it guessed.
 */
final class Intrinsics {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

  private Intrinsics() {}

  /**
   * The string {@code node} evaluates to.
   *
   * @param values parameter and pseudo-parameter values by name
   * @throws IllegalArgumentException naming the function or variable it cannot resolve
   */
  static String resolve(JsonNode node, Map<String, String> values) {
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
          if (!list.isArray()) {
            throw new IllegalArgumentException("Fn::Join over a non-literal list: " + list);
          }
          for (int i = 0; i < list.size(); i++) {
            joined.append(i == 0 ? "" : delimiter).append(resolve(list.get(i), values));
          }
          return joined.toString();
        }
        default -> throw new IllegalArgumentException("cannot resolve " + function + ": " + node);
      }
    }
    throw new IllegalArgumentException("not a string or intrinsic function: " + node);
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
