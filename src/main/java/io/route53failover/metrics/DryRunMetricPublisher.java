package io.route53failover.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.logging.LogEvent;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends nothing: prints the PutMetricData requests that {@link CloudWatchMetricPublisher} would
 * send, one JSON document per request, split by the same {@link MetricBatcher}.
 *
 * <p>Each document has the shape of the PutMetricData API (and of {@code aws cloudwatch
 * put-metric-data --cli-input-json}):
 *
 * <pre>{@code
 * {"Namespace": "LambdaCustomHC",
 *  "MetricData": [{"MetricName": "web-1_availability", "Value": 1.0, "Unit": "Count",
 *                  "Timestamp": "2025-01-01T00:00:00.123Z", "StorageResolution": 60}, ...]}
 * }</pre>
 *
 * <p>The CLI prints to stderr, since stdout carries the handler's response.
 */
public final class DryRunMetricPublisher implements MetricPublisher {
  private static final Logger LOG = LogManager.getLogger(DryRunMetricPublisher.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;

  /** Prints the requests to {@code out}. */
  public DryRunMetricPublisher(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public int publish(
      String namespace, List<MetricDatum> data, Instant timestamp, int storageResolution) {
    List<List<MetricDatum>> batches = MetricBatcher.batches(namespace, data);
    for (int i = 0; i < batches.size(); i++) {
      List<MetricDatum> batch = batches.get(i);
      LOG.info(
          LogEvent.of("dry run: PutMetricData request printed, not sent")
              .with("namespace", namespace)
              .with("request", i + 1)
              .with("requests", batches.size())
              .with("datums", batch.size()));
      out.println(render(namespace, batch, timestamp, storageResolution));
      out.flush();
    }
    return batches.size();
  }

  /** One request as pretty-printed JSON. */
  static String render(
      String namespace, List<MetricDatum> batch, Instant timestamp, int storageResolution) {
    ObjectNode request = JSON.createObjectNode();
    request.put("Namespace", namespace);
    ArrayNode metricData = request.putArray("MetricData");
    for (MetricDatum datum : batch) {
      metricData
          .addObject()
          .put("MetricName", datum.metricName())
          .put("Value", datum.value())
          .put("Unit", datum.unit().cloudWatchName())
          .put("Timestamp", timestamp.toString())
          .put("StorageResolution", storageResolution);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
