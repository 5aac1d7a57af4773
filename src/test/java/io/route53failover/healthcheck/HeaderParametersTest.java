package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.aws.ParameterReadException;
import io.route53failover.aws.ParameterReader;
import io.route53failover.events.ActionEvent;
import io.route53failover.testing.CapturedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Header values from SSM parameters: parsed unread, read once per parameter, errors naming the
 * target, field and parameter, and the value shown nowhere (toString, errors, logs).
 */
class HeaderParametersTest {
  private static final String SECRET = "Bearer tok-7f3a9c";

  /** Two http targets sharing one parameter, a literal header, and a tcp target. */
  private static final String TARGETS =
      "[{\"name\":\"api\",\"type\":\"http\",\"url\":\"http://192.0.2.1/\",\"headers\":"
          + "{\"Authorization\":{\"fromParameter\":\"/app/token\"},\"Host\":\"app.example.com\"}},"
          + "{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"192.0.2.2\",\"port\":5432},"
          + "{\"name\":\"web\",\"type\":\"https\",\"url\":\"https://192.0.2.3/\",\"headers\":"
          + "{\"X-Token\":{\"fromParameter\":\"/app/token\"}}}]";

  /** Answers from a map, counting reads per name; a missing name fails as SSM would. */
  private static final class MapReader implements ParameterReader {
    final Map<String, String> values = new HashMap<>();
    final Map<String, Integer> reads = new HashMap<>();

    @Override
    public String read(String name) {
      reads.merge(name, 1, Integer::sum);
      String value = values.get(name);
      if (value == null) {
        throw new ParameterReadException(name, "SSM GetParameter ParameterNotFound (HTTP 400)");
      }
      return value;
    }
  }

  private final MapReader reader = new MapReader();

  @Test
  void parsedValuesAreUnreadAndEveryParameterIsReadOnceThenSent() {
    List<Target> parsed = TargetsParser.parse(TARGETS);
    HttpTarget api = (HttpTarget) parsed.get(0);
    assertThat(api.readsParameters()).isTrue();
    assertThat(api.headers().get("Authorization").isResolved()).isFalse();
    assertThatThrownBy(() -> api.headers().get("Authorization").value())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SSM parameter /app/token has not been read");
    assertThat(HeaderParameters.anyIn(parsed)).isTrue();

    reader.values.put("/app/token", SECRET);
    List<Target> resolved = HeaderParameters.resolve(parsed, reader);

    assertThat(reader.reads).containsExactly(Map.entry("/app/token", 1));
    HttpTarget apiRead = (HttpTarget) resolved.get(0);
    assertThat(apiRead.headers().get("Authorization").value()).isEqualTo(SECRET);
    assertThat(apiRead.headers().get("Authorization").parameter()).isEqualTo("/app/token");
    assertThat(apiRead.headers().get("Host").value()).isEqualTo("app.example.com");
    assertThat(apiRead.headers().keySet()).containsExactly("Authorization", "Host");
    assertThat(((HttpTarget) resolved.get(2)).headers().get("X-Token").value()).isEqualTo(SECRET);
    assertThat(resolved.get(1)).isSameAs(parsed.get(1));
    // everything else about the target is kept
    assertThat(apiRead.withHeaders(api.headers())).isEqualTo(api);
  }

  @Test
  void noValueIsShownByAResolvedTargetsToString() {
    reader.values.put("/app/token", SECRET);
    List<Target> resolved = HeaderParameters.resolve(TargetsParser.parse(TARGETS), reader);
    assertThat(resolved.toString())
        .doesNotContain(SECRET)
        .doesNotContain("app.example.com")
        .contains("Authorization={fromParameter=/app/token}", "Host=***");
  }

  @Test
  void aListWithoutParametersIsReturnedAsItIsAndReadsNothing() {
    List<Target> parsed =
        TargetsParser.parse(
            "[{\"name\":\"api\",\"type\":\"http\",\"url\":\"http://192.0.2.1/\","
                + "\"headers\":{\"Host\":\"a\"}}]");
    assertThat(HeaderParameters.anyIn(parsed)).isFalse();
    assertThat(HeaderParameters.resolve(parsed, ParameterReader.UNAVAILABLE)).isSameAs(parsed);
  }

  @Test
  void aParameterThatCannotBeReadNamesTheTargetFieldAndParameter() {
    assertThatThrownBy(() -> HeaderParameters.resolve(TargetsParser.parse(TARGETS), reader))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage(
            "TARGETS: target \"api\" (index 0): field \"headers.Authorization.fromParameter\":"
                + " SSM parameter /app/token: SSM GetParameter ParameterNotFound (HTTP 400)")
        .extracting(e -> ((TargetConfigException) e).field())
        .isEqualTo("headers.Authorization.fromParameter");
  }

  @Test
  void offlineNoParameterCanBeRead() {
    assertThatThrownBy(() -> HeaderParameters.resolve(TargetsParser.parse(TARGETS), ParameterReader.UNAVAILABLE))
        .hasMessageEndingWith("SSM parameter /app/token: no SSM client here to read it");
  }

  @Test
  void aValueThatIsNotOneLineOfAsciiIsRejectedWithoutShowingIt() {
    reader.values.put("/app/token", SECRET + "\nX-Injected: 1");
    assertThatThrownBy(() -> HeaderParameters.resolve(TargetsParser.parse(TARGETS), reader))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageContaining("field \"headers.Authorization.fromParameter\": SSM parameter /app/token:")
        .hasMessageContaining("must be printable ASCII (no line breaks)")
        .hasMessageNotContaining("tok-7f3a9c");
  }

  @Test
  void headerValuesCompareByParameterAndValue() {
    HeaderValue unread = HeaderValue.fromParameter("/p");
    assertThat(unread.resolved("a")).isEqualTo(HeaderValue.fromParameter("/p").resolved("a"));
    assertThat(unread.resolved("a")).isNotEqualTo(unread.resolved("b")).isNotEqualTo(unread);
    assertThat(unread.resolved("a").hashCode())
        .isEqualTo(unread.resolved("a").hashCode())
        .isNotEqualTo(unread.resolved("b").hashCode());
    assertThat(HeaderValue.literal("a")).isNotEqualTo(unread.resolved("a"));
    assertThat(HeaderValue.literal("a").resolved("b")).isEqualTo(HeaderValue.literal("a"));
    assertThat(HeaderValue.literal("a").isResolved()).isTrue();
  }

  // --- refresh: a rotated token is picked up; a failed read keeps the last good list

  private static final class FixedSource implements TargetsSource {
    final ParameterReader parameters;
    int reads;

    FixedSource(ParameterReader parameters) {
      this.parameters = parameters;
    }

    @Override
    public TargetsLocation location() {
      return new TargetsLocation(TargetsLocation.Kind.PARAMETER, "/app/targets");
    }

    @Override
    public Optional<TargetsDocument> read(String knownVersion) {
      reads++;
      return "version 1".equals(knownVersion)
          ? Optional.empty()
          : Optional.of(new TargetsDocument(TARGETS, "version 1"));
    }

    @Override
    public ParameterReader parameters() {
      return parameters;
    }
  }

  private static String token(TargetList list) {
    return ((HttpTarget) list.current().targets().get(0)).headers().get("Authorization").value();
  }

  @Test
  void anUnchangedListReReadsItsParametersAtEveryRefreshAndKeepsTheLastGoodOnFailure() {
    reader.values.put("/app/token", SECRET);
    FixedSource source = new FixedSource(reader);
    TargetList.Snapshot initial = TargetList.load(source, CaBundle.NONE);
    Instant[] now = {Instant.parse("2026-12-03T12:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now[0];
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    List<ActionEvent> events = new ArrayList<>();
    TargetList list = new TargetList(source, initial, Duration.ofSeconds(60), clock, events::add, "fn", CaBundle.NONE);
    assertThat(token(list)).isEqualTo(SECRET);

    reader.values.put("/app/token", "Bearer rotated");
    now[0] = now[0].plusSeconds(60);
    try (CapturedLog log = new CapturedLog(TargetList.class)) {
      assertThat(token(list)).isEqualTo("Bearer rotated");
      assertThat(log.fields())
          .singleElement()
          .satisfies(l -> assertThat(l).containsEntry("message", "header parameters refreshed"));
      assertThat(log.fields().toString()).doesNotContain("rotated");
    }
    assertThat(list.current().version()).isEqualTo("version 1");

    reader.values.remove("/app/token");
    now[0] = now[0].plusSeconds(60);
    try (CapturedLog log = new CapturedLog(TargetList.class)) {
      assertThat(token(list)).isEqualTo("Bearer rotated");
      assertThat(log.fields())
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .containsEntry("message", "targets refresh rejected")
                      .containsEntry("field", "headers.Authorization.fromParameter")
                      .containsEntry(
                          "error",
                          "TARGETS_PARAMETER /app/targets (version 1): target \"api\" (index 0):"
                              + " field \"headers.Authorization.fromParameter\": SSM parameter"
                              + " /app/token: SSM GetParameter ParameterNotFound (HTTP 400)"));
      assertThat(log.fields().toString()).doesNotContain("rotated");
    }
    assertThat(events).singleElement().satisfies(e -> assertThat(e.reason()).doesNotContain("rotated"));

    // unchanged value: nothing logged, the same snapshot
    reader.values.put("/app/token", "Bearer rotated");
    now[0] = now[0].plusSeconds(60);
    TargetList.Snapshot before = list.current();
    now[0] = now[0].plusSeconds(60);
    try (CapturedLog log = new CapturedLog(TargetList.class)) {
      assertThat(list.current()).isSameAs(before);
      assertThat(log.fields()).isEmpty();
    }
  }

  @Test
  void aSourceWithParametersDelegatesToItsSourceAndReadsThroughTheReaderGiven() {
    TargetsLocation inline = new TargetsLocation(TargetsLocation.Kind.INLINE, TARGETS);
    TargetsSource plain = new InlineTargetsSource(inline);
    assertThat(plain.parameters()).isSameAs(ParameterReader.UNAVAILABLE);

    TargetsSource source = TargetsSource.withParameters(plain, reader);
    assertThat(source.location()).isSameAs(inline);
    assertThat(source.parameters()).isSameAs(reader);
    assertThat(source.read(null)).contains(new TargetsDocument(TARGETS, InlineTargetsSource.VERSION));
    assertThat(source.read(InlineTargetsSource.VERSION)).isEmpty();

    reader.values.put("/app/token", SECRET);
    TargetList.Snapshot loaded = TargetList.load(source, CaBundle.NONE);
    assertThat(((HttpTarget) loaded.targets().get(0)).headers().get("Authorization").value())
        .isEqualTo(SECRET);
  }

  @Test
  void anInlineListThatCannotReadItsParameterFailsTheStartNamingTheField() {
    TargetsSource source =
        TargetsSource.withParameters(
            new InlineTargetsSource(new TargetsLocation(TargetsLocation.Kind.INLINE, TARGETS)),
            reader);
    assertThatThrownBy(() -> TargetList.load(source, CaBundle.NONE))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith(
            "TARGETS: target \"api\" (index 0): field \"headers.Authorization.fromParameter\":");
  }

  @Test
  void aParameterNameIsAtMost1011Characters() {
    String longest = "/" + "a".repeat(1010);
    String json =
        "[{\"name\":\"api\",\"type\":\"http\",\"url\":\"http://192.0.2.1/\",\"headers\":"
            + "{\"X\":{\"fromParameter\":\"%s\"}}}]";
    assertThat(TargetsParser.parse(json.formatted(longest))).hasSize(1);
    assertThatThrownBy(() -> TargetsParser.parse(json.formatted(longest + "a")))
        .hasMessageContaining("field \"headers.X.fromParameter\": must be an SSM parameter name");
  }

  @Test
  void aLiteralValueIsCheckedAtParseAndAReadValueWhenRead() {
    java.util.Map<String, HeaderValue> literal = java.util.Map.of("X", HeaderValue.literal("a\u007f"));
    assertThatThrownBy(() -> TargetRules.headers(literal))
        .isInstanceOf(TargetRules.FieldProblem.class)
        .hasMessage("the value of X must be printable ASCII (no line breaks)")
        .extracting(e -> ((TargetRules.FieldProblem) e).field())
        .isEqualTo("headers");
    java.util.Map<String, HeaderValue> read =
        java.util.Map.of("X", HeaderValue.fromParameter("/p").resolved("a\rb"));
    assertThatThrownBy(() -> TargetRules.headers(read))
        .extracting(e -> ((TargetRules.FieldProblem) e).field())
        .isEqualTo("headers.X.fromParameter");
    assertThat(TargetRules.headerValueProblem("\tBearer ~x")).isNull();
    assertThat(TargetRules.headerValueProblem("caf\u00e9")).isNotNull();
  }
}
