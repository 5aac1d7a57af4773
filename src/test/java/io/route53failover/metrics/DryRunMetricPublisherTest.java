package io.route53failover.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DryRunMetricPublisherTest {
  private static final Instant RUN = Instant.parse("2025-03-01T12:00:00.250Z");

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final DryRunMetricPublisher publisher =
      new DryRunMetricPublisher(new PrintStream(printed, true, StandardCharsets.UTF_8));

  private List<JsonNode> documents() throws Exception {
    try (MappingIterator<JsonNode> it =
        new ObjectMapper().readerFor(JsonNode.class).readValues(printed.toString(StandardCharsets.UTF_8))) {
      return it.readAll();
    }
  }

  @Test
  void printsThePutMetricDataRequestAsJson() throws Exception {
    int calls =
        publisher.publish(
            "LambdaCustomHC",
            List.of(
                new MetricDatum("web-1_availability", 1, MetricDatum.Unit.COUNT),
                new MetricDatum("web-1_latency", 12, MetricDatum.Unit.MILLISECONDS),
                new MetricDatum("db-1_availability", 0, MetricDatum.Unit.COUNT)),
            RUN,
            60);

    assertThat(calls).isEqualTo(1);
    List<JsonNode> docs = documents();
    assertThat(docs).hasSize(1);
    JsonNode request = docs.get(0);
    assertThat(request.get("Namespace").asText()).isEqualTo("LambdaCustomHC");
    JsonNode data = request.get("MetricData");
    assertThat(data).hasSize(3);
    assertThat(data.get(0).get("MetricName").asText()).isEqualTo("web-1_availability");
    assertThat(data.get(0).get("Value").asDouble()).isEqualTo(1.0);
    assertThat(data.get(0).get("Unit").asText()).isEqualTo("Count");
    assertThat(data.get(1).get("Unit").asText()).isEqualTo("Milliseconds");
    assertThat(data.get(1).get("Value").asDouble()).isEqualTo(12.0);
    assertThat(data.get(2).get("Value").asDouble()).isEqualTo(0.0);
    for (JsonNode d : data) {
      assertThat(Instant.parse(d.get("Timestamp").asText())).isEqualTo(RUN);
      assertThat(d.get("StorageResolution").asInt()).isEqualTo(60);
    }
  }

  @Test
  void printsOneDocumentPerRequestSplitLikeTheRealPublisher() throws Exception {
    List<MetricDatum> data =
        IntStream.range(0, 1_001)
            .mapToObj(i -> new MetricDatum("t" + i + "_availability", 1, MetricDatum.Unit.COUNT))
            .toList();

    int calls = publisher.publish("NS", data, RUN, 1);

    assertThat(calls).isEqualTo(2);
    List<JsonNode> docs = documents();
    assertThat(docs).extracting(d -> d.get("MetricData").size()).containsExactly(1000, 1);
    assertThat(docs.get(1).get("MetricData").get(0).get("MetricName").asText()).isEqualTo("t1000_availability");
    assertThat(docs.get(1).get("MetricData").get(0).get("StorageResolution").asInt()).isEqualTo(1);
  }

  @Test
  void printsNothingForNoDatums() {
    assertThat(publisher.publish("NS", List.of(), RUN, 60)).isZero();
    assertThat(printed.size()).isZero();
  }
}
