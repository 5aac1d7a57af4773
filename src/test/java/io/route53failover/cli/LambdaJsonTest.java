package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.failover.FailoverReport;
import io.route53failover.healthcheck.HealthCheckReport;
import io.route53failover.healthcheck.ProbeResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The CLI's JSON must equal what the Lambda runtime's own serialization library
 * (aws-lambda-java-serialization, on the test classpath only) makes of the same input.
 */
class LambdaJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] sample(String name) throws IOException {
    return Files.readAllBytes(
        Path.of(System.getProperty("route53failover.basedir", ".")).resolve("events").resolve(name));
  }

  private static <T> T viaRuntime(byte[] json, Class<T> type) {
    PojoSerializer<T> runtime = LambdaEventSerializers.serializerFor(type, type.getClassLoader());
    return runtime.fromJson(new ByteArrayInputStream(json));
  }

  private static String runtimeResponse(Object response) {
    @SuppressWarnings("unchecked")
    PojoSerializer<Object> s =
        (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(response.getClass());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.toJson(response, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void scheduledEventReadsAsTheRuntimeReadsIt() throws Exception {
    byte[] json = sample("scheduled-event.json");

    ScheduledEvent ours = LambdaJson.readEvent(json, ScheduledEvent.class);

    assertThat(ours).isEqualTo(viaRuntime(json, ScheduledEvent.class));
    assertThat(ours.getDetailType()).isEqualTo("Scheduled Event");
    assertThat(ours.getTime().getMillis()).isEqualTo(Instant.parse("2015-10-08T16:53:06Z").toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sns-alarm-event.json", "sns-ok-event.json", "sns-metric-math-alarm-event.json"})
  void snsEventsReadAsTheRuntimeReadsThem(String name) throws Exception {
    byte[] json = sample(name);

    SNSEvent ours = LambdaJson.readEvent(json, SNSEvent.class);
    SNSEvent runtime = viaRuntime(json, SNSEvent.class);

    assertThat(ours).isEqualTo(runtime);
    SNSEvent.SNS sns = ours.getRecords().get(0).getSNS();
    assertThat(sns.getMessageId()).isNotBlank().isEqualTo(runtime.getRecords().get(0).getSNS().getMessageId());
    assertThat(sns.getMessage()).contains("AlarmName");
    assertThat(sns.getTimestamp()).isEqualTo(runtime.getRecords().get(0).getSNS().getTimestamp());
    assertThat(ours.getRecords().get(0).getEventSource()).isEqualTo("aws:sns");
  }

  @Test
  void emptyEventAndUnknownFieldsAreAcceptedLikeTheRuntimeDoes() throws Exception {
    byte[] json = "{\"unknown\":1,\"detail-type\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(LambdaJson.readEvent(json, ScheduledEvent.class))
        .isEqualTo(viaRuntime(json, ScheduledEvent.class));
    assertThat(LambdaJson.readEvent("{}".getBytes(StandardCharsets.UTF_8), SNSEvent.class))
        .isEqualTo(viaRuntime("{}".getBytes(StandardCharsets.UTF_8), SNSEvent.class));
  }

  @Test
  void malformedJsonAndBadDatesAreErrors() {
    assertThatThrownBy(() -> LambdaJson.readEvent("{".getBytes(StandardCharsets.UTF_8), ScheduledEvent.class))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                LambdaJson.readEvent(
                    "{\"time\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8), ScheduledEvent.class))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void responsesAreWrittenAsTheRuntimeWritesThem() throws Exception {
    HealthCheckReport health =
        HealthCheckReport.of(
            List.of(ProbeResult.healthy("web-1", 12), ProbeResult.unhealthy("db-1", null, "refused")),
            "LambdaCustomHC",
            1,
            Instant.parse("2025-03-01T12:00:00.123Z"));
    FailoverReport failover =
        FailoverReport.of(
            List.of(
                new FailoverReport.RecordOutcome(
                    "m-1", "alarm", "ALARM", "hc-1", "/health", "/lb-check-failed-over", "locked",
                    null, null)));

    for (Object response : List.of(health, failover)) {
      String ours = LambdaJson.writeResponse(response);
      assertThat(JSON.readTree(ours)).isEqualTo(JSON.readTree(runtimeResponse(response)));
      assertThat(ours).doesNotContain("null");
    }
  }
}
