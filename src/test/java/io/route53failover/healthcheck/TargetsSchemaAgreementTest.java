package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code schema/targets.schema.json} agrees with {@link TargetsParser}: over every input of the
 * Jazzer seed corpus ({@code TargetsFuzzTestInputs/targets/}), every {@code TARGETS} of {@code
 * events/env-vars*.json} and every JSON target list in README.md and docs/*.md, a list the parser
 * accepts validates against the schema (so a list the schema rejects is one the parser rejects).
 * The schema may be looser than the parser (it cannot see duplicate names or metric names), never
 * stricter. Data-driven: new seeds and new documented examples are covered as they are added.
 */
class TargetsSchemaAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BASE = Path.of(System.getProperty("route53failover.basedir", "."));
  private static final Path SCHEMA_FILE = BASE.resolve("schema/targets.schema.json");
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  private static JsonNode schemaTree;
  private static JsonSchema schema;

  @BeforeAll
  static void load() throws IOException {
    schemaTree = JSON.readTree(SCHEMA_FILE.toFile());
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree);
  }

  /** Every input by where it came from. */
  static Map<String, String> inputs() throws IOException {
    Map<String, String> inputs = new LinkedHashMap<>();
    Path seeds =
        BASE.resolve("src/test/resources/io/route53failover/healthcheck/TargetsFuzzTestInputs/targets");
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path f : files.sorted().toList()) {
        inputs.put("seed " + f.getFileName(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    try (Stream<Path> files = Files.list(BASE.resolve("events"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("env-vars")).sorted().toList()) {
        JsonNode env = JSON.readTree(f.toFile());
        JsonNode targets = env.findValue("TARGETS");
        if (targets != null && targets.isTextual()) {
          inputs.put("TARGETS of " + f.getFileName(), targets.asText());
        }
      }
    }
    List<Path> docs = new ArrayList<>(List.of(BASE.resolve("README.md")));
    try (Stream<Path> files = Files.list(BASE.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    for (Path doc : docs) {
      Matcher m = JSON_BLOCK.matcher(Files.readString(doc));
      for (int i = 0; m.find(); i++) {
        String block = m.group(1);
        if (isTargetList(block)) {
          inputs.put(BASE.relativize(doc) + " block " + i, block);
        }
      }
    }
    return inputs;
  }

  private static boolean isTargetList(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node.isArray() && !node.isEmpty() && node.get(0).has("type") && node.get(0).has("name");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void everyListTheParserAcceptsValidatesAgainstTheSchema() throws IOException {
    Map<String, String> inputs = inputs();
    int accepted = 0;
    int bothReject = 0;
    int documented = 0;
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, String> e : inputs.entrySet()) {
      boolean parserAccepts;
      try {
        TargetsParser.parse(e.getValue());
        parserAccepts = true;
      } catch (TargetConfigException rejected) {
        parserAccepts = false;
      }
      JsonNode tree;
      try {
        tree = JSON.readTree(e.getValue());
      } catch (IOException notJson) {
        assertThat(parserAccepts).as(e.getKey()).isFalse();
        bothReject++;
        continue;
      }
      Set<ValidationMessage> errors = tree == null ? Set.of() : schema.validate(tree);
      boolean schemaAccepts = tree != null && errors.isEmpty();
      if (parserAccepts) {
        accepted++;
        documented += e.getKey().contains(".md") ? 1 : 0;
        if (!schemaAccepts) {
          disagreements.add(e.getKey() + ": parser accepts, schema rejects: " + errors);
        }
      } else if (!schemaAccepts) {
        bothReject++;
      }
    }
    assertThat(disagreements).isEmpty();
    // not vacuous: valid lists from the corpus and the docs, and invalid ones both reject
    assertThat(accepted).isGreaterThanOrEqualTo(5);
    assertThat(documented).isGreaterThanOrEqualTo(1);
    assertThat(bothReject).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theSchemaRejectsWhatItCanSee() {
    for (String bad :
        List.of(
            "[]",
            "[{\"name\":\"a\",\"type\":\"tcp\",\"host\":\"h\",\"port\":70000}]",
            "[{\"name\":\"a\",\"type\":\"tcp\",\"host\":\"h\"}]",
            "[{\"name\":\"a b\",\"type\":\"tcp\",\"host\":\"h\",\"port\":1}]",
            "[{\"name\":\"a\",\"type\":\"http\",\"url\":\"http://h/\",\"tlsVerify\":false}]",
            "[{\"name\":\"a\",\"type\":\"https\",\"url\":\"https://h/\",\"prot\":1}]",
            "[{\"name\":\"a\",\"type\":\"udp\",\"host\":\"h\",\"port\":1}]",
            "[{\"name\":\"a\",\"type\":\"http\",\"url\":\"http://h/\",\"caBundle\":false}]",
            "[{\"name\":\"a\",\"type\":\"http\",\"url\":\"http://h/\",\"caBundleOnly\":false}]",
            "[{\"name\":\"a\",\"type\":\"https\",\"url\":\"https://h/\",\"caBundleOnly\":true}]",
            "[{\"name\":\"a\",\"type\":\"https\",\"url\":\"https://h/\",\"caBundle\":false,"
                + "\"caBundleOnly\":true}]",
            "[{\"name\":\"a\",\"type\":\"https\",\"url\":\"https://h/\",\"caBundle\":true,"
                + "\"tlsVerify\":false}]",
            "[{\"name\":\"a\",\"type\":\"https\",\"url\":\"https://h/\",\"caBundle\":\"yes\"}]")) {
      JsonNode tree;
      try {
        tree = JSON.readTree(bad);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertThat(schema.validate(tree)).as(bad).isNotEmpty();
      assertThat(parserRejects(bad)).as(bad).isTrue();
    }
  }

  private static boolean parserRejects(String json) {
    try {
      TargetsParser.parse(json);
      return false;
    } catch (TargetConfigException e) {
      return true;
    }
  }

  @Test
  void everyFieldHasADescriptionAndEveryParserFieldIsInTheSchema() {
    List<String> missing = new ArrayList<>();
    Set<String> fields = new java.util.TreeSet<>();
    walk(schemaTree, "#", missing, fields);
    assertThat(missing).as("properties without a description").isEmpty();
    assertThat(fields)
        .containsAll(
            List.of(
                "name", "type", "host", "port", "url", "timeoutMs", "expectedStatus",
                "expectedBody", "tlsVerify", "metricName", "caBundle", "caBundleOnly"));
  }

  private static void walk(JsonNode node, String path, List<String> missing, Set<String> fields) {
    if (node.isObject()) {
      JsonNode properties = node.get("properties");
      if (properties != null && properties.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          fields.add(p.getKey());
          JsonNode def = p.getValue();
          boolean described =
              def.has("description")
                  || def.has("$ref")
                      && schemaTree.at(def.get("$ref").asText().substring(1)).has("description");
          if (!described) {
            missing.add(path + "/properties/" + p.getKey());
          }
        }
      }
      node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), missing, fields));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, missing, fields);
      }
    }
  }
}
