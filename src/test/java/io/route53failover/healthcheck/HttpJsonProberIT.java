package io.route53failover.healthcheck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** expectedJson, maxLatencyMs, method and headers against WireMock on 127.0.0.1. */
class HttpJsonProberIT {

  @RegisterExtension
  static final WireMockExtension WM =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private final TargetProber prober =
      new TargetProber(
          (t, timeout) -> {
            throw new AssertionError();
          },
          new HttpProber(HostResolver.SYSTEM),
          (t, timeout) -> {
            throw new AssertionError();
          });

  private static final Map<String, JsonNode> UP =
      new LinkedHashMap<>(
          Map.of("/status", TextNode.valueOf("UP"), "/checks/db/status", TextNode.valueOf("UP")));

  private HttpTarget target(
      String path, Map<String, JsonNode> json, Integer maxLatencyMs, String method, Map<String, String> headers) {
    return new HttpTarget(
        "j",
        "http",
        URI.create("http://127.0.0.1:" + WM.getPort() + path),
        2_000,
        null,
        null,
        null,
        null,
        json,
        maxLatencyMs,
        method,
        headers == null ? null : literal(headers), null, null, null);
  }

  private static Map<String, HeaderValue> literal(Map<String, String> headers) {
    Map<String, HeaderValue> values = new java.util.LinkedHashMap<>();
    headers.forEach((k, v) -> values.put(k, HeaderValue.literal(v)));
    return values;
  }

  private ProbeResult probe(HttpTarget target) {
    return prober.probe(target, Duration.ofMillis(target.timeoutMs()));
  }

  private static void serve(String path, String body) {
    WM.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(body)));
  }

  @Test
  void everyPointerMatchingIsHealthyAndNumbersCompareByValue() {
    serve("/up", "{\"status\":\"UP\",\"replicas\":3.0,\"checks\":{\"db\":{\"status\":\"UP\"}}}");
    Map<String, JsonNode> expected = new LinkedHashMap<>(UP);
    expected.put("/replicas", IntNode.valueOf(3));

    assertThat(probe(target("/up", expected, null, null, null)).reason()).isEqualTo("ok");
  }

  @Test
  void theFirstMismatchNamesItsPointerAndTheValueSeen() {
    serve("/down", "{\"status\":\"UP\",\"checks\":{\"db\":{\"status\":\"DOWN\"}}}");
    serve("/partial", "{\"status\":\"UP\"}");

    ProbeResult down = probe(target("/down", UP, null, null, null));
    assertThat(down.healthy()).isFalse();
    assertThat(down.reason()).isEqualTo("json mismatch at /checks/db/status: \"DOWN\"");
    assertThat(down.latencyMs()).isNotNull();
    assertThat(probe(target("/partial", UP, null, null, null)).reason())
        .isEqualTo("json mismatch at /checks/db/status: missing");
  }

  @Test
  void aBodyThatIsNotJsonOrIsOver64KbIsNamed() {
    serve("/html", "<html>UP</html>");
    String big = "{\"status\":\"UP\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
    serve("/big", big);
    String justFits = "{\"status\":\"UP\",\"pad\":\"" + "x".repeat(65_536 - 24) + "\"}";
    serve("/fits", justFits);

    assertThat(probe(target("/html", UP, null, null, null)).reason()).isEqualTo("body not json");
    assertThat(probe(target("/big", Map.of("/status", TextNode.valueOf("UP")), null, null, null)).reason())
        .isEqualTo("body not json: over 64 KB");
    assertThat(justFits.length()).isEqualTo(HttpTarget.JSON_BODY_LIMIT_BYTES);
    assertThat(probe(target("/fits", Map.of("/status", TextNode.valueOf("UP")), null, null, null)).reason())
        .isEqualTo("ok");
  }

  @Test
  void anAnswerSlowerThanMaxLatencyIsSlowAndKeepsItsLatency() {
    WM.stubFor(
        get(urlEqualTo("/slow"))
            .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"UP\"}").withFixedDelay(400)));

    ProbeResult slow = probe(target("/slow", null, 200, null, null));
    ProbeResult fine = probe(target("/slow", null, 1_500, null, null));

    assertThat(slow.healthy()).isFalse();
    assertThat(slow.reason()).isEqualTo("slow");
    assertThat(slow.latencyMs()).isGreaterThanOrEqualTo(400L);
    assertThat(fine.reason()).isEqualTo("ok");
  }

  @Test
  void headSendsTheConfiguredHeadersIncludingHost() {
    WM.stubFor(
        head(urlEqualTo("/head"))
            .withHeader("Host", equalTo("app.example.test"))
            .withHeader("X-Token", equalTo("s3cret"))
            .willReturn(aResponse().withStatus(204)));

    ProbeResult result =
        probe(target("/head", null, null, "HEAD", Map.of("Host", "app.example.test", "X-Token", "s3cret")));

    assertThat(result.reason()).isEqualTo("ok");
    WM.verify(1, headRequestedFor(urlEqualTo("/head")).withHeader("Host", equalTo("app.example.test")));
  }
}
