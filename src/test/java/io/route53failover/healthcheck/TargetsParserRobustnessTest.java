package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded generated inputs: whatever TARGETS holds, parsing ends in a valid configuration or a
 * {@link TargetConfigException}, never another exception, and quickly.
 */
class TargetsParserRobustnessTest {

  private static final List<String> SEEDS =
      List.of(
          "[{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"192.0.2.5\",\"port\":5432,\"timeoutMs\":2000}]",
          "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://192.0.2.7:8080/health\","
              + "\"expectedStatus\":\"200-299\",\"expectedBody\":\"ok\",\"metricName\":\"WebUp\"}]",
          "[{\"name\":\"api\",\"type\":\"https\",\"url\":\"https://api.internal/ping\","
              + "\"expectedStatus\":204,\"tlsVerify\":false},"
              + "{\"name\":\"cache\",\"type\":\"tcp\",\"host\":\"::1\",\"port\":6379}]");

  /** Fragments that are valid JSON in some places and wrong in others. */
  private static final List<String> JUNK =
      List.of(
          "null",
          "true",
          "0",
          "-1",
          "1e400",
          "99999999999999999999",
          "1.5",
          "\"\"",
          "\"x\"",
          "[]",
          "{}",
          "[null]",
          "{\"a\":{}}",
          "\"\\u0000\"",
          "\"é\"",
          ",",
          ":",
          "[",
          "]",
          "{",
          "}",
          "\"",
          "\\",
          "tcp",
          "\"tcp\"",
          "\"https\"",
          "\"name\"",
          "\"port\"",
          "\"url\"");

  @Test
  void mutatedConfigsEndInAConfigOrATargetConfigException() {
    Random random = new Random(20_240_601L);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      String input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      try {
        HealthCheckConfig config = HealthCheckConfig.fromEnvironment(Map.of("TARGETS", input));
        assertThat(config.targets()).isNotEmpty();
        accepted++;
      } catch (TargetConfigException e) {
        assertThat(e.getMessage()).startsWith("TARGETS: ");
        assertThat(e.variable()).isEqualTo("TARGETS");
        rejected++;
      } catch (RuntimeException e) {
        fail("input " + input + " threw " + e, e);
      }
    }
    // the generator must exercise both outcomes, or it tests nothing
    assertThat(accepted).isGreaterThan(100);
    assertThat(rejected).isGreaterThan(10_000);
  }

  private static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(s.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> s.insert(at, JUNK.get(random.nextInt(JUNK.size())));
        case 1 -> {
          if (at < s.length()) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> replaceValue(s, random);
        default -> {
          if (at < s.length()) {
            s.setCharAt(at, (char) (32 + random.nextInt(95)));
          }
        }
      }
    }
    return s.toString();
  }

  /**
   * Replaces the value after a random ':' with a junk fragment, keeping the JSON well-formed often.
   */
  private static void replaceValue(StringBuilder s, Random random) {
    int colon = s.indexOf(":", random.nextInt(s.length()));
    if (colon < 0) {
      return;
    }
    int end = colon + 1;
    boolean inString = end < s.length() && s.charAt(end) == '"';
    for (end = inString ? end + 1 : end; end < s.length(); end++) {
      char c = s.charAt(end);
      if (inString ? c == '"' : c == ',' || c == '}') {
        break;
      }
    }
    s.replace(
        colon + 1,
        Math.min(s.length(), inString ? end + 1 : end),
        JUNK.get(random.nextInt(JUNK.size())));
  }

  @Test
  void oneMegabyteOfTargetsIsAnsweredQuickly() {
    String name = "n".repeat(1_000_000);
    String input = "[{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"h\",\"port\":1}]";

    long start = System.nanoTime();
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", input)))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageContaining("field \"name\": must be at most 242 characters");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void tenThousandTargetsAreRejectedWithACount() {
    String input =
        IntStream.range(0, 10_000)
            .mapToObj(i -> "{\"name\":\"t" + i + "\",\"type\":\"tcp\",\"host\":\"h\",\"port\":1}")
            .collect(Collectors.joining(",", "[", "]"));

    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", input)))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage("TARGETS: must contain at most 1000 targets, was 10000");
  }

  @Test
  void deeplyNestedJsonIsRejected() {
    String input = "[".repeat(5_000) + "]".repeat(5_000);

    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", input)))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("TARGETS: is not valid JSON");
  }
}
