package io.route53failover.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a CloudFormation/SAM YAML template into a Jackson tree, turning the short-form intrinsic
 * function tags ({@code !Ref X}, {@code !Sub s}, {@code !GetAtt A.B}, ...) into their long JSON
 * form ({@code {"Ref": "X"}}, {@code {"Fn::Sub": "s"}}, {@code {"Fn::GetAtt": ["A", "B"]}}), the
 * way CloudFormation itself reads them. A plain YAML reader would silently drop the tags.
 */
public final class CfnYaml {

  /** Tags whose long form is {@code Fn::<tag>}. {@code !Ref} and {@code !Condition} keep their name. */
  private static final Set<String> FN_TAGS =
      Set.of(
          "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt", "GetAZs", "If", "ImportValue",
          "Join", "Not", "Or", "Select", "Split", "Sub", "Transform", "Length", "ToJsonString");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CfnYaml() {}

  /** Reads {@code template}; throws IOException naming an unknown {@code !Tag}. */
  public static JsonNode read(Path template) throws IOException {
    return read(Files.readString(template));
  }

  static JsonNode read(String yaml) throws IOException {
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      if (parser.nextToken() == null) {
        throw new IOException("empty template");
      }
      return readValue(parser);
    }
  }

  private static JsonNode readValue(YAMLParser parser) throws IOException {
    // The tag belongs to the value that starts at the current token; read it before descending.
    Object tag = parser.getTypeId();
    JsonToken token = parser.currentToken();
    JsonNode value =
        switch (token) {
          case START_OBJECT -> readObject(parser);
          case START_ARRAY -> readArray(parser);
          case VALUE_STRING -> NODES.textNode(parser.getText());
          case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          case VALUE_NULL -> NODES.nullNode();
          default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        };
    return tag == null ? value : intrinsic(tag.toString(), value, parser);
  }

  private static ObjectNode readObject(YAMLParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.set(name, readValue(parser));
    }
    return object;
  }

  private static ArrayNode readArray(YAMLParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue(parser));
    }
    return array;
  }

  private static JsonNode intrinsic(String tag, JsonNode value, YAMLParser parser)
      throws IOException {
    String name = tag.startsWith("!") ? tag.substring(1) : tag;
    if (name.equals("Ref") || name.equals("Condition")) {
      return NODES.objectNode().set(name, value);
    }
    if (!FN_TAGS.contains(name)) {
      throw new IOException("unknown tag !" + name + " at " + parser.currentLocation());
    }
    JsonNode argument = value;
    if (name.equals("GetAtt") && value.isTextual()) {
      // !GetAtt Resource.Attribute; the attribute itself may contain dots (Outputs.X).
      String text = value.asText();
      int dot = text.indexOf('.');
      if (dot < 1) {
        throw new IOException("!GetAtt needs Resource.Attribute, got " + text);
      }
      argument = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
    }
    return NODES.objectNode().set("Fn::" + name, argument);
  }
}
