package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.cli.EnvVarsFile.EnvVarsFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvVarsFileTest {

  @Test
  void readsTheFunctionsSection() {
    Map<String, String> vars =
        EnvVarsFile.parse(
            "{\"HealthCheckFunction\": {\"TARGETS\": \"[]\", \"METRIC_NAMESPACE\": \"X\"},"
                + " \"FailoverFunction\": {\"PRIMARY_HEALTH_CHECK_ID\": \"abc\"}}",
            "test",
            "HealthCheckFunction");

    assertThat(vars).containsExactlyInAnyOrderEntriesOf(Map.of("TARGETS", "[]", "METRIC_NAMESPACE", "X"));
  }

  @Test
  void parametersApplyToEveryFunctionAndTheFunctionsSectionWins() {
    String json =
        "{\"Parameters\": {\"LOG_LEVEL\": \"DEBUG\", \"METRIC_NAMESPACE\": \"FromParameters\"},"
            + " \"HealthCheckFunction\": {\"METRIC_NAMESPACE\": \"FromFunction\"}}";

    assertThat(EnvVarsFile.parse(json, "test", "HealthCheckFunction"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("LOG_LEVEL", "DEBUG", "METRIC_NAMESPACE", "FromFunction"));
    assertThat(EnvVarsFile.parse(json, "test", "FailoverFunction"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("LOG_LEVEL", "DEBUG", "METRIC_NAMESPACE", "FromParameters"));
  }

  @Test
  void numbersAndBooleansAreTakenAsText() {
    assertThat(
            EnvVarsFile.parse(
                "{\"F\": {\"METRIC_STORAGE_RESOLUTION\": 60, \"FLAG\": true}}", "test", "F"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("METRIC_STORAGE_RESOLUTION", "60", "FLAG", "true"));
  }

  @Test
  void noMatchingSectionMeansNoVariables() {
    assertThat(EnvVarsFile.parse("{\"OtherFunction\": {\"A\": \"b\"}, \"_comment\": \"x\"}", "test", "F")).isEmpty();
  }

  @Test
  void invalidJsonNamesTheFileAndPosition(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("env.json");
    Files.writeString(file, "{\"HealthCheckFunction\": {\"TARGETS\": \"[]\",}\n");

    assertThatThrownBy(() -> EnvVarsFile.read(file, "HealthCheckFunction"))
        .isInstanceOf(EnvVarsFileException.class)
        .hasMessageStartingWith("--env-vars " + file + ": not valid JSON")
        .hasMessageContaining("line 1");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("missing.json");
    assertThatThrownBy(() -> EnvVarsFile.read(file, "F"))
        .isInstanceOf(EnvVarsFileException.class)
        .hasMessage("--env-vars " + file + ": file not found");
  }

  @Test
  void wrongShapesAreNamed() {
    assertThatThrownBy(() -> EnvVarsFile.parse("[1, 2]", "src", "F"))
        .hasMessageStartingWith("src: must be a JSON object");
    assertThatThrownBy(() -> EnvVarsFile.parse("{\"F\": \"TARGETS=[]\"}", "src", "F"))
        .hasMessage("src: section \"F\" must be an object of variable names to values");
    assertThatThrownBy(() -> EnvVarsFile.parse("{\"Parameters\": []}", "src", "F"))
        .hasMessageContaining("section \"Parameters\"");
    assertThatThrownBy(() -> EnvVarsFile.parse("{\"F\": {\"TARGETS\": [{\"name\": \"a\"}]}}", "src", "F"))
        .hasMessage("src: section \"F\", variable \"TARGETS\": must be a string (or number or boolean), was array");
    assertThatThrownBy(() -> EnvVarsFile.parse("{\"F\": {\"TARGETS\": null}}", "src", "F"))
        .hasMessageContaining("variable \"TARGETS\"")
        .hasMessageEndingWith("was null");
  }

  @Test
  void theShippedExampleFilesParse() {
    Path events = Path.of(System.getProperty("route53failover.basedir", "."), "events");
    assertThat(EnvVarsFile.read(events.resolve("env-vars.example.json"), "HealthCheckFunction"))
        .containsKeys("TARGETS", "METRIC_NAMESPACE", "METRIC_STORAGE_RESOLUTION");
    assertThat(EnvVarsFile.read(events.resolve("env-vars.local.json"), "HealthCheckFunction").get("TARGETS"))
        .contains("${HTTP_PORT}", "${CLOSED_PORT}", "127.0.0.1")
        .doesNotContain("192.0.2.", "example.com");
  }
}
