package io.route53failover.bench;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.FailoverReport;
import io.route53failover.failover.MotoHealthChecks;
import io.route53failover.healthcheck.HealthCheckConfig;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.HealthCheckReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The warm-invoke benchmark's process: one handler, invoked {@code INVOKES} times in a row; prints
 * each invoke's handler time.
 *
 * <ul>
 *   <li>{@code WarmInvoke healthcheck TARGETS_FILE INVOKES}: HealthCheckFunction as the CLI builds
 *       it; prints {@code handlerMs=…} and {@code slowestProbeMs=…} (the largest latencyMs in the
 *       report), comma-separated per invoke. Every target must be healthy.
 *   <li>{@code WarmInvoke failover EVENT_FILE INVOKES}: FailoverFunction against the emulator at
 *       {@code AWS_ENDPOINT_URL}; before each invoke (outside the timing) a fresh HTTPS health check
 *       is created and the event's {@code HealthCheckId} dimension set to it, so every invoke takes
 *       the locking path (GetHealthCheck, ListTagsForResource, ChangeTagsForResource,
 *       UpdateHealthCheck). Every record must come back {@code locked}.
 * </ul>
 */
public final class WarmInvoke {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WarmInvoke() {}

  public static void main(String[] args) throws Exception {
    int invokes = Integer.parseInt(args[2]);
    String line =
        switch (args[0]) {
          case "healthcheck" -> healthCheck(Path.of(args[1]), invokes);
          case "failover" -> failover(Path.of(args[1]), invokes);
          default -> throw new IllegalArgumentException("healthcheck or failover, was " + args[0]);
        };
    System.out.println(line);
    System.out.flush();
    System.exit(0);
  }

  private static String healthCheck(Path targetsFile, int invokes) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(HealthCheckConfig.TARGETS, Files.readString(targetsFile));
    HealthCheckFunction function = HealthCheckFunction.create(env, null);
    List<Double> handler = new ArrayList<>();
    List<Double> slowest = new ArrayList<>();
    for (int i = 0; i < invokes; i++) {
      long t0 = System.nanoTime();
      HealthCheckReport report =
          function.handleRequest(null, FunctionContext.of("HealthCheckFunction"));
      handler.add((System.nanoTime() - t0) / 1e6);
      if (report.unhealthy() != 0) {
        throw new IllegalStateException("a warm-invoke target was unhealthy: " + report);
      }
      slowest.add(
          (double) report.targets().stream().mapToLong(t -> t.latencyMs()).max().orElseThrow());
    }
    return "handlerMs=" + join(handler) + " slowestProbeMs=" + join(slowest);
  }

  private static String failover(Path eventFile, int invokes) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    URI endpoint = URI.create(env.get("AWS_ENDPOINT_URL"));
    FailoverFunction function = FailoverFunction.create(env);
    List<Double> handler = new ArrayList<>();
    try (Route53Client setup =
        Route53Client.builder()
            .endpointOverride(endpoint)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      for (int i = 0; i < invokes; i++) {
        String id = MotoHealthChecks.createHttps(setup, "/health");
        SNSEvent event = alarmEventFor(eventFile, id);
        long t0 = System.nanoTime();
        FailoverReport report =
            function.handleRequest(event, FunctionContext.of("FailoverFunction"));
        handler.add((System.nanoTime() - t0) / 1e6);
        if (report.locked() != 1) {
          throw new IllegalStateException("expected one locked record: " + report);
        }
      }
    }
    return "handlerMs=" + join(handler);
  }

  /**
   * The sample ALARM event's first record (its SNS message and ids), built as SNSEvent objects, with
   * the alarm's {@code HealthCheckId} dimension set to {@code id}.
   */
  private static SNSEvent alarmEventFor(Path eventFile, String id) throws Exception {
    JsonNode sample = JSON.readTree(Files.readAllBytes(eventFile)).path("Records").get(0);
    ObjectNode message = (ObjectNode) JSON.readTree(sample.path("Sns").path("Message").asText());
    for (JsonNode dims : message.findValues("Dimensions")) {
      for (JsonNode d : dims) {
        if ("HealthCheckId".equals(d.path("name").asText())) {
          ((ObjectNode) d).put("value", id);
        }
      }
    }
    SNSEvent.SNS sns =
        new SNSEvent.SNS()
            .withType("Notification")
            .withMessageId(sample.path("Sns").path("MessageId").asText())
            .withTopicArn(sample.path("Sns").path("TopicArn").asText())
            .withSubject(sample.path("Sns").path("Subject").asText())
            .withMessage(JSON.writeValueAsString(message));
    SNSEvent.SNSRecord record =
        new SNSEvent.SNSRecord()
            .withEventSource("aws:sns")
            .withEventVersion("1.0")
            .withEventSubscriptionArn(sample.path("EventSubscriptionArn").asText())
            .withSns(sns);
    return new SNSEvent().withRecords(List.of(record));
  }


  private static String join(List<Double> values) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, "%.2f", v))
        .collect(Collectors.joining(","));
  }
}
