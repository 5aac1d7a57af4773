package io.route53failover.failover;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The sample events in {@code events/}, loaded as Lambda does, and edits of their alarm JSON. */
public final class SampleEvents {
  public static final String ALARM = "sns-alarm-event.json";
  public static final String OK = "sns-ok-event.json";
  public static final String METRIC_MATH = "sns-metric-math-alarm-event.json";

  /** The health check id written in the sample events. */
  public static final String SAMPLE_HEALTH_CHECK_ID = "6b1f3c2e-8a4d-4f0b-9c7e-2d5a1e9f4b30";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleEvents() {}

  /** The path of a sample event file. */
  public static Path path(String name) {
    return Path.of(System.getProperty("route53failover.basedir", "."))
        .resolve("events")
        .resolve(name)
        .toAbsolutePath();
  }

  /** Loads a sample event with the Lambda test library's {@code EventLoader}. */
  public static SNSEvent load(String name) {
    return EventLoader.loadSNSEvent(path(name).toString());
  }

  /** The first record's {@code Sns.Message}, parsed. */
  public static ObjectNode message(SNSEvent event) {
    try {
      return (ObjectNode) JSON.readTree(event.getRecords().get(0).getSNS().getMessage());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Edits the alarm JSON of every record in place. Returns {@code event}. */
  public static SNSEvent editMessage(SNSEvent event, Consumer<ObjectNode> edit) {
    for (SNSEvent.SNSRecord r : event.getRecords()) {
      try {
        ObjectNode m = (ObjectNode) JSON.readTree(r.getSNS().getMessage());
        edit.accept(m);
        r.getSNS().setMessage(JSON.writeValueAsString(m));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return event;
  }

  /** Sets the value of every dimension named {@code HealthCheckId}, wherever it is. */
  public static SNSEvent withHealthCheckId(SNSEvent event, String healthCheckId) {
    return editMessage(
        event,
        m -> {
          for (JsonNode dims : m.findValues("Dimensions")) {
            for (JsonNode d : dims) {
              if ("HealthCheckId".equals(d.path("name").asText())) {
                ((ObjectNode) d).put("value", healthCheckId);
              }
            }
          }
        });
  }

  /** An event whose records are those of {@code events}, in order. */
  public static SNSEvent concat(SNSEvent... events) {
    List<SNSEvent.SNSRecord> records = new ArrayList<>();
    for (SNSEvent e : events) {
      records.addAll(e.getRecords());
    }
    SNSEvent all = new SNSEvent();
    all.setRecords(records);
    return all;
  }

  /** The first record's SNS {@code MessageId}. */
  public static String messageId(SNSEvent event) {
    return event.getRecords().get(0).getSNS().getMessageId();
  }
}
