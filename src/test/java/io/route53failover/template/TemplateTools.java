package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.testing.ExternalTools;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Paths of the template and its tools, and running those tools as processes. */
public final class TemplateTools {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The S3 location translations put in place of the local jar, as `sam package` would. */
  static final String CODE_BUCKET = "route53-failover-code";

  static final String CODE_KEY = "route53-failover.jar";
  static final String CODE_URI = "s3://" + CODE_BUCKET + "/" + CODE_KEY;

  private TemplateTools() {}

  /** The repository root: failsafe passes it; surefire runs in it. */
  static Path basedir() {
    String property = System.getProperty("route53failover.basedir");
    return (property != null ? Path.of(property) : Path.of("")).toAbsolutePath();
  }

  /** The resources of {@code type}, logical id to resource, in template order. */
  public static Map<String, JsonNode> resourcesOfType(JsonNode template, String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    template
        .get("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
              }
            });
    return found;
  }

  /** The repository's template.yaml. */
  public static Path template() {
    return basedir().resolve("template.yaml");
  }

  /** The test-scoped translation script (src/test/resources/template/sam_translate.py). */
  static Path translateScript() {
    try {
      return Path.of(TemplateTools.class.getResource("/template/sam_translate.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Exit code and combined stdout/stderr of a finished process. */
  record Result(int exitCode, String output) {}

  /** Runs {@code command}; fails the test when it does not finish within {@code timeout}. */
  static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("template-tool-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            command + " did not finish within " + timeout + ": " + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** cfn-lint's path; skips (or fails under CI=true) when it is not installed. */
  static Path requireCfnLint() {
    return ExternalTools.require("cfn-lint", "pip install cfn-lint");
  }

  /**
   * python3 with the aws-sam-translator library; skips (or fails under CI=true) when either is
   * missing.
   */
  static Path requireSamTranslator() throws IOException, InterruptedException {
    Path python = ExternalTools.require("python3", "apt-get install python3");
    Result probe = run(Duration.ofSeconds(60), List.of(python.toString(), "-c", "import samtranslator"));
    if (probe.exitCode() != 0) {
      String message =
          "python3 cannot import samtranslator; install it with: pip install aws-sam-translator";
      if (ExternalTools.inCi()) {
        throw new AssertionError(message + " (CI=true: a missing tool fails the build)\n" + probe.output());
      }
      Assumptions.abort(message + " (test skipped)");
    }
    return python;
  }

  /**
   * Runs a python3 {@code script} (with the SAM translator's interpreter) on {@code file}, and
   * reads the JSON it prints.
   */
  static JsonNode pythonJson(String script, Path file) throws IOException, InterruptedException {
    Path python = requireSamTranslator();
    Result result = run(Duration.ofSeconds(60), List.of(python.toString(), "-c", script, file.toString()));
    assertThat(result.exitCode()).as("python3 -c %s:%n%s", script, result.output()).isZero();
    return JSON.readTree(result.output());
  }

  /** The text of a JSON string, or of each element of an array (IAM's Action and Resource). */
  static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return texts;
    }
    if (node.isArray()) {
      node.forEach(n -> texts.add(n.asText()));
    } else {
      texts.add(node.asText());
    }
    return texts;
  }

  /**
   * Translates {@code template} offline to plain CloudFormation with the SAM translator, the
   * local CodeUri replaced by {@link #CODE_URI}. Fails the test with the translator's message when
   * it rejects the template.
   */
  static JsonNode translate(Path template) throws IOException, InterruptedException {
    Result result = runTranslation(template);
    assertThat(result.exitCode()).as("sam_translate.py output:%n%s", result.output()).isZero();
    return JSON.readTree(result.output());
  }

  /** Runs the translation; on success, {@link Result#output()} holds the translated JSON. */
  static Result runTranslation(Path template) throws IOException, InterruptedException {
    Path python = requireSamTranslator();
    Path out = Files.createTempFile("translated-", ".json");
    try {
      List<String> command = new ArrayList<>();
      command.add(python.toString());
      command.add(translateScript().toString());
      command.add(template.toString());
      command.add(out.toString());
      command.add(CODE_URI);
      Result result = run(Duration.ofSeconds(120), command);
      if (result.exitCode() != 0) {
        return result;
      }
      return new Result(0, Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
