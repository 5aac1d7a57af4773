package io.route53failover.drill;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The path from a CloudWatch alarm to FailoverFunction's event, in moto:
 *
 * <ul>
 *   <li>{@link #notifyAlarmActions}: what CloudWatch does and moto does not, publish the alarm's
 *       state change ({@link AlarmNotifications}) to the SNS topics among its {@code AlarmActions};
 *   <li>SNS delivers to an SQS queue subscribed with {@code RawMessageDelivery=false}, standing in
 *       for Lambda's subscription, so the queue receives SNS's envelope ({@code Type}, {@code
 *       MessageId}, {@code Subject}, {@code Message}, {@code Timestamp}, signature fields);
 *   <li>{@link #receive}: takes the envelope from the queue and wraps it as Lambda wraps an SNS
 *       delivery ({@code Records[].Sns}, {@code EventSource aws:sns}), then deserializes it with
 *       the Lambda runtime's own serializer, as the runtime does before calling the handler.
 * </ul>
 */
final class SnsToLambda {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SnsClient sns;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String subscriptionArn;

  /**
   * @param subscriptionArn the queue's subscription, reported as the event's {@code
   *     EventSubscriptionArn}
   */
  SnsToLambda(SnsClient sns, SqsClient sqs, String queueUrl, String subscriptionArn) {
    this.sns = sns;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.subscriptionArn = subscriptionArn;
  }

  /**
   * Publishes the alarm's current state as CloudWatch's notification to every SNS topic among its
   * {@code AlarmActions} (the alarm must be in ALARM).
   *
   * @return the SNS {@code MessageId}s, one per topic
   */
  List<String> notifyAlarmActions(MetricAlarm alarm, String oldStateValue) {
    if (!"ALARM".equals(alarm.stateValueAsString())) {
      throw new IllegalStateException(
          "alarm " + alarm.alarmName() + " is " + alarm.stateValue() + "; AlarmActions run on ALARM");
    }
    String message = AlarmNotifications.message(alarm, oldStateValue);
    String subject = AlarmNotifications.subject(alarm);
    return alarm.alarmActions().stream()
        .filter(arn -> arn.startsWith("arn:aws:sns:"))
        .map(
            topic ->
                sns.publish(r -> r.topicArn(topic).subject(subject).message(message)).messageId())
        .toList();
  }

  /**
   * The next SNS envelope on the queue (deleted once read), as the {@link SNSEvent} Lambda would
   * hand FailoverFunction.
   *
   * @throws AssertionError when no message arrives within {@code wait}
   */
  SNSEvent receive(Duration wait) {
    Instant end = Instant.now().plus(wait);
    while (true) {
      int seconds = (int) Math.max(0, Math.min(5, Duration.between(Instant.now(), end).toSeconds()));
      List<Message> messages =
          sqs.receiveMessage(
                  r -> r.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(seconds))
              .messages();
      if (!messages.isEmpty()) {
        Message m = messages.get(0);
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        return lambdaEvent(m.body());
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("no SNS message on " + queueUrl + " within " + wait);
      }
    }
  }

  /** How many messages wait on the queue (SQS ApproximateNumberOfMessages). */
  int waiting() {
    return Integer.parseInt(
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"))
            .attributesAsStrings()
            .get("ApproximateNumberOfMessages"));
  }

  /**
   * Wraps one SNS envelope (HTTP/SQS form: {@code SigningCertURL}, {@code UnsubscribeURL}) in
   * Lambda's event (Lambda's form: {@code SigningCertUrl}, {@code UnsubscribeUrl}).
   */
  SNSEvent lambdaEvent(String envelopeJson) {
    try {
      JsonNode envelope = JSON.readTree(envelopeJson);
      if (!"Notification".equals(envelope.path("Type").asText())) {
        throw new AssertionError("not an SNS notification envelope: " + envelopeJson);
      }
      ObjectNode event = JSON.createObjectNode();
      ObjectNode record = event.putArray("Records").addObject();
      record.put("EventSource", "aws:sns");
      record.put("EventVersion", "1.0");
      record.put("EventSubscriptionArn", subscriptionArn);
      ObjectNode s = record.putObject("Sns");
      for (String field :
          List.of(
              "Type",
              "MessageId",
              "TopicArn",
              "Subject",
              "Message",
              "Timestamp",
              "SignatureVersion",
              "Signature")) {
        s.set(field, envelope.get(field));
      }
      s.set("SigningCertUrl", envelope.get("SigningCertURL"));
      s.set("UnsubscribeUrl", envelope.get("UnsubscribeURL"));
      s.set(
          "MessageAttributes",
          envelope.has("MessageAttributes")
              ? envelope.get("MessageAttributes")
              : JSON.createObjectNode());
      byte[] bytes = JSON.writeValueAsBytes(event);
      return LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader())
          .fromJson(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new AssertionError("SQS body is not JSON: " + envelopeJson, e);
    }
  }

  /** The first record's SNS fields, for the step log. */
  static String describe(SNSEvent event) {
    SNSEvent.SNS s = event.getRecords().get(0).getSNS();
    return "EventSource "
        + event.getRecords().get(0).getEventSource()
        + ", Sns.Type "
        + s.getType()
        + ", Subject "
        + s.getSubject()
        + ", MessageId "
        + s.getMessageId();
  }
}
