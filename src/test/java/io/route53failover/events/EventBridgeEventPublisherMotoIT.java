package io.route53failover.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.AwsClients;
import io.route53failover.testing.CapturedLog;
import io.route53failover.testing.MotoServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Against moto_server: a rule on the default bus matching {@code source: ["route53-failover"]}
 * forwards to an SQS queue, and what the publisher puts arrives there with its detail-type and
 * detail. The client is built the way the functions build it, from {@code AWS_ENDPOINT_URL}.
 */
class EventBridgeEventPublisherMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRuleOnTheDefaultBusDeliversThePublishedEventToItsQueue() throws Exception {
    Map<String, String> env =
        Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", "us-east-1");
    try (EventBridgeClient eventBridge = AwsClients.newEventBridgeClient(env);
        SqsClient sqs = MOTO.sqs()) {
      String queueUrl = sqs.createQueue(r -> r.queueName("route53-failover-events")).queueUrl();
      String queueArn =
          sqs.getQueueAttributes(
                  r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      eventBridge.putRule(
          r ->
              r.name("route53-failover-events")
                  .eventPattern("{\"source\":[\"route53-failover\"]}")
                  .state("ENABLED"));
      eventBridge.putTargets(
          r -> r.rule("route53-failover-events").targets(t -> t.id("queue").arn(queueArn)));

      ActionEvent event =
          ActionEvent.builder(Action.SKIPPED_DISARMED, Instant.parse("2026-12-03T12:00:04Z"))
              .healthCheckId("hc-gate-1")
              .node("node1")
              .mechanism(Mechanism.HEALTH_THRESHOLD)
              .oldValue("1")
              .newValue("1")
              .alarm("stack-node1-availability")
              .reason("disarmed until 2026-12-03T13:00:00Z: planned restart")
              .actor("arn:aws:lambda:us-east-1:123456789012:function:stack-FailoverFunction")
              .build();
      try (CapturedLog log = new CapturedLog(EventBridgeEventPublisher.class)) {
        new EventBridgeEventPublisher(eventBridge).publish(event);
        assertThat(log.fields()).noneMatch(f -> "ERROR".equals(f.get("level")));
      }

      List<Message> messages = receive(sqs, queueUrl);
      assertThat(messages).hasSize(1);
      JsonNode delivered = JSON.readTree(messages.get(0).body());
      assertThat(delivered.get("source").asText()).isEqualTo("route53-failover");
      assertThat(delivered.get("detail-type").asText()).isEqualTo("Failover Skipped Disarmed");
      assertThat(delivered.get("detail")).isEqualTo(JSON.readTree(event.detailJson()));
      assertThat(delivered.get("detail").get("action").asText()).isEqualTo("skipped-disarmed");
    }
  }

  private static List<Message> receive(SqsClient sqs, String queueUrl) {
    List<Message> all = new ArrayList<>();
    for (int attempt = 0; attempt < 3 && all.isEmpty(); attempt++) {
      all.addAll(
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages());
    }
    return all;
  }
}
