package io.route53failover.healthcheck;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/** Checks a health body against {@code expectedJson}: JSON Pointers (RFC 6901) to values. */
final class JsonBody {

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonBody() {}

  /**
   * {@code null} when {@code body} is a JSON document holding every expected value (numbers compare
   * by value: 1 equals 1.0); else the reason: {@code body not json}, or {@code json mismatch at
   * <pointer>: <value seen>} (the value as JSON, shortened; {@code missing} when absent) for the
   * first pointer that differs.
   */
  static String mismatch(byte[] body, Map<String, JsonNode> expected) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return "body not json";
    } catch (java.io.IOException e) {
      return "body not json";
    }
    if (root == null || root.isMissingNode()) {
      return "body not json";
    }
    for (Map.Entry<String, JsonNode> entry : expected.entrySet()) {
      JsonNode actual = root.at(JsonPointer.compile(entry.getKey()));
      if (actual.isMissingNode()) {
        return "json mismatch at " + entry.getKey() + ": missing";
      }
      if (!actual.equals(NUMBERS_BY_VALUE, entry.getValue())) {
        return "json mismatch at " + entry.getKey() + ": " + TargetRules.shown(actual);
      }
    }
    return null;
  }

  /** Equal nodes, with numbers compared by value. */
  private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.equals(b)) {
          return 0;
        }
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return 1;
      };
}
