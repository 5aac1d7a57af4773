package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler's response must serialize the same way in the Lambda runtime and with Jackson. */
class HealthCheckReportSerializationTest {
  private static final HealthCheckReport REPORT =
      HealthCheckReport.of(
          List.of(ProbeResult.healthy("web-1", 12), ProbeResult.unhealthy("db-1", null, "refused")),
          "LambdaCustomHC",
          1,
          Instant.parse("2025-03-01T12:00:00.123Z"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private static void assertReportShape(JsonNode json) {
    assertThat(json.get("total").asInt()).isEqualTo(2);
    assertThat(json.get("healthy").asInt()).isEqualTo(1);
    assertThat(json.get("unhealthy").asInt()).isEqualTo(1);
    assertThat(json.get("namespace").asText()).isEqualTo("LambdaCustomHC");
    assertThat(json.get("putMetricDataCalls").asInt()).isEqualTo(1);
    assertThat(json.get("timestamp").asText()).isEqualTo("2025-03-01T12:00:00.123Z");
    JsonNode targets = json.get("targets");
    assertThat(targets).hasSize(2);
    assertThat(targets.get(0).get("name").asText()).isEqualTo("web-1");
    assertThat(targets.get(0).get("healthy").asBoolean()).isTrue();
    assertThat(targets.get(0).get("latencyMs").asLong()).isEqualTo(12);
    assertThat(targets.get(0).get("reason").asText()).isEqualTo("ok");
    assertThat(targets.get(1).get("healthy").asBoolean()).isFalse();
    assertThat(targets.get(1).get("reason").asText()).isEqualTo("refused");
    assertThat(targets.get(1).get("tries").asInt()).isEqualTo(1);
    JsonNode samples = json.get("samples");
    assertThat(samples).hasSize(1);
    assertThat(samples.get(0).get("timestamp").asText()).isEqualTo("2025-03-01T12:00:00.123Z");
    assertThat(samples.get(0).get("unhealthyTargets").get(0).asText()).isEqualTo("db-1");
    assertThat(samples.get(0).get("putMetricDataCalls").asInt()).isEqualTo(1);
    assertThat(targets.get(1).path("latencyMs").isMissingNode() || targets.get(1).get("latencyMs").isNull()).isTrue();
  }

  @Test
  void lambdaRuntimeSerializerWritesEveryField() throws Exception {
    PojoSerializer<HealthCheckReport> serializer = JacksonFactory.getInstance().getSerializer(HealthCheckReport.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer.toJson(REPORT, out);

    JsonNode json = JSON.readTree(out.toString(StandardCharsets.UTF_8));

    assertReportShape(json);
    assertThat(json.properties()).hasSize(8);
  }

  @Test
  void jacksonWritesTheSameDocument() throws Exception {
    PojoSerializer<HealthCheckReport> serializer = JacksonFactory.getInstance().getSerializer(HealthCheckReport.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer.toJson(REPORT, out);

    JsonNode jackson = JSON.readTree(JSON.writeValueAsString(REPORT));

    assertReportShape(jackson);
    assertThat(jackson).isEqualTo(JSON.readTree(out.toString(StandardCharsets.UTF_8)));
    assertThat(JSON.treeToValue(jackson, HealthCheckReport.class)).isEqualTo(REPORT);
  }
}
