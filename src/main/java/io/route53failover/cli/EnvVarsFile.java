package io.route53failover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an environment-variables file in the format of {@code sam local invoke --env-vars}:
 *
 * <pre>{@code
 * {"Parameters":          {"LOG_LEVEL": "DEBUG"},
 *  "HealthCheckFunction": {"TARGETS": "[{\"name\":\"web-1\", ...}]"}}
 * }</pre>
 *
 * <p>{@code Parameters} applies to every function; the function's own section (its logical ID)
 * overrides it. Values are strings; numbers and booleans are taken as their JSON text. Other
 * top-level sections are ignored, as SAM does.
 */
final class EnvVarsFile {
  static final String PARAMETERS = "Parameters";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvVarsFile() {}

  /** The file could not be read or is not in the expected format; the message says why. */
  static final class EnvVarsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EnvVarsFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The variables {@code file} sets for {@code functionName}: {@code Parameters} overridden by the
   * function's section. Empty when the file has neither.
   *
   * @throws EnvVarsFileException naming the file (and section and variable) when it cannot be read,
   *     is not JSON, or a section or value has the wrong type
   */
  static Map<String, String> read(Path file, String functionName) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new EnvVarsFileException("--env-vars " + file + ": file not found", e);
    } catch (IOException e) {
      throw new EnvVarsFileException("--env-vars " + file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, "--env-vars " + file, functionName);
  }

  /** Like {@link #read} on {@code json}; {@code source} names it in error messages. */
  static Map<String, String> parse(String json, String source, String functionName) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new EnvVarsFileException(
          source + ": not valid JSON: " + e.getOriginalMessage() + locationOf(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new EnvVarsFileException(
          source + ": must be a JSON object such as {\"" + functionName + "\": {\"NAME\": \"value\"}}",
          null);
    }
    Map<String, String> vars = new LinkedHashMap<>();
    putSection(vars, root, PARAMETERS, source);
    putSection(vars, root, functionName, source);
    return vars;
  }

  private static void putSection(
      Map<String, String> vars, JsonNode root, String section, String source) {
    JsonNode node = root.get(section);
    if (node == null) {
      return;
    }
    if (!node.isObject()) {
      throw new EnvVarsFileException(
          source + ": section \"" + section + "\" must be an object of variable names to values", null);
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode value = e.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw new EnvVarsFileException(
            source + ": section \"" + section + "\", variable \"" + e.getKey()
                + "\": must be a string (or number or boolean), was " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT),
            null);
      }
      vars.put(e.getKey(), value.asText());
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
