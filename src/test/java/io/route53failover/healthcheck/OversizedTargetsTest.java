package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.Bounded;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oversized {@code TARGETS} values, each about a megabyte or more. Lambda caps all of a function's
 * environment variables together at 4 KB, so values this large can only come from the CLI's {@code
 * --env-vars} file (same parser); they must still be answered quickly, with bounded memory, and
 * rejected with a short message naming the field. The rejection texts of the 1 MB name and of
 * 10,000 targets are checked in {@code TargetsParserRobustnessTest}; here every case is also held
 * to the time and allocation bounds.
 */
class OversizedTargetsTest {

  private static final int MB = 1 << 20;
  /** Generous: parsing a megabyte takes tens of milliseconds. */
  private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

  private static String tcp(String name) {
    return "{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1}";
  }

  private static String targets(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> tcp("t" + i))
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String pad(int length, char c) {
    return String.valueOf(c).repeat(length);
  }

  static Stream<Arguments> oversized() {
    return Stream.of(
        rejected(
            "1 MB of small targets",
            () -> targets(20_000),
            null,
            "must contain at most 1000 targets, was 20000"),
        rejected(
            "10,000 targets",
            () -> targets(10_000),
            null,
            "must contain at most 1000 targets, was 10000"),
        rejected(
            "1 MB url",
            () -> "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://h/" + pad(MB, 'a') + "\"}]",
            "url",
            "must be at most 2048 characters"),
        rejected(
            "1 MB expectedBody",
            () ->
                "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://h/\",\"expectedBody\":\""
                    + pad(MB, 'x')
                    + "\"}]",
            "expectedBody",
            "must be at most 5120 bytes in UTF-8"),
        rejected(
            "1 MB field name",
            () -> "[{\"name\":\"web\",\"" + pad(MB, 'f') + "\":1}]",
            null,
            "is not valid JSON: Name length (1048576) exceeds the maximum allowed (50000"),
        rejected(
            "40,000-character field name",
            () -> "[{\"name\":\"web\",\"" + pad(40_000, 'f') + "\":1}]",
            pad(60, 'f') + "...",
            "unknown field"),
        rejected(
            "1 MB number",
            () -> "[{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"h\",\"port\":" + pad(MB, '9') + "}]",
            null,
            "is not valid JSON: Number value length"),
        rejected(
            "1 MB of nested arrays",
            () -> pad(MB / 2, '[') + pad(MB / 2, ']'),
            null,
            "is not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64"),
        accepted("1 MB of whitespace around one target", () -> pad(MB, ' ') + "[" + tcp("db") + "]"),
        accepted(
            "1,000 targets (the limit) with 2 KB URLs",
            () ->
                IntStream.range(0, TargetsParser.MAX_TARGETS)
                    .mapToObj(
                        i ->
                            "{\"name\":\"w"
                                + i
                                + "\",\"type\":\"https\",\"url\":\"https://h/"
                                + pad(2_000, 'p')
                                + "\"}")
                    .collect(Collectors.joining(",", "[", "]"))));
  }

  private static Arguments rejected(
      String name, Supplier<String> input, String field, String message) {
    return Arguments.of(name, input, field, message);
  }

  private static Arguments accepted(String name, Supplier<String> input) {
    return Arguments.of(name, input, null, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversized")
  void isAnsweredQuicklyWithBoundedMemory(
      String name, Supplier<String> input, String field, String message) {
    String targets = input.get();
    // warm up the parser's classes, so the measure is of this input alone
    HealthCheckConfig.fromEnvironment(Map.of("TARGETS", "[" + tcp("warm-up") + "]"));

    Bounded.Result<HealthCheckConfig> r =
        Bounded.within(TIME_LIMIT, () -> HealthCheckConfig.fromEnvironment(Map.of("TARGETS", targets)));

    System.out.printf(
        "%s: %,d chars, %d ms, %,d bytes allocated, %s%n",
        name, targets.length(), r.took().toMillis(), r.allocatedBytes(),
        r.thrown() == null ? "accepted" : r.thrown().getMessage());
    // at most 64 bytes allocated per input character (Jackson's buffers and tree, the String copy)
    assertThat(r.allocatedBytes()).isLessThanOrEqualTo(64L * targets.length() + (16L << 20));
    if (message == null) {
      assertThat(r.thrown()).isNull();
      assertThat(r.value().targets()).isNotEmpty();
      return;
    }
    assertThat(r.thrown())
        .isInstanceOf(TargetConfigException.class)
        .hasMessageContaining(message)
        .hasMessageStartingWith("TARGETS: ")
        // whatever the input's size, the error stays one readable log line
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(1_024));
    assertThat(((TargetConfigException) r.thrown()).field()).isEqualTo(field);
  }
}
