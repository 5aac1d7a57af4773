package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS body (SNS's envelope) becomes the SNSEvent Lambda would deliver. */
class SnsToLambdaTest {
  private static final String SUBSCRIPTION = "arn:aws:sns:us-east-1:123456789012:t:sub-1";
  private final SnsToLambda bridge =
      new SnsToLambda(mock(SnsClient.class), mock(SqsClient.class), "queue", SUBSCRIPTION);

  @Test
  void wrapsTheEnvelopeAsLambdaDoes() {
    String envelope =
        """
        {"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:us-east-1:123456789012:t",
         "Subject":"ALARM: \\"a\\" in US East (N. Virginia)","Message":"{\\"NewStateValue\\":\\"ALARM\\"}",
         "Timestamp":"2026-01-05T10:15:30.187Z","SignatureVersion":"1","Signature":"c2ln",
         "SigningCertURL":"https://sns.us-east-1.amazonaws.com/cert.pem",
         "UnsubscribeURL":"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
         "MessageAttributes":{"k":{"Type":"String","Value":"v"}}}
        """;

    SNSEvent event = bridge.lambdaEvent(envelope);

    assertThat(event.getRecords()).hasSize(1);
    SNSEvent.SNSRecord r = event.getRecords().get(0);
    assertThat(r.getEventSource()).isEqualTo("aws:sns");
    assertThat(r.getEventVersion()).isEqualTo("1.0");
    assertThat(r.getEventSubscriptionArn()).isEqualTo(SUBSCRIPTION);
    SNSEvent.SNS s = r.getSNS();
    assertThat(s.getType()).isEqualTo("Notification");
    assertThat(s.getMessageId()).isEqualTo("m-1");
    assertThat(s.getSubject()).isEqualTo("ALARM: \"a\" in US East (N. Virginia)");
    assertThat(s.getMessage()).isEqualTo("{\"NewStateValue\":\"ALARM\"}");
    assertThat(s.getTimestamp().getMillis())
        .isEqualTo(java.time.Instant.parse("2026-01-05T10:15:30.187Z").toEpochMilli());
    assertThat(s.getSigningCertUrl()).isEqualTo("https://sns.us-east-1.amazonaws.com/cert.pem");
    assertThat(s.getUnsubscribeUrl()).startsWith("https://sns.us-east-1.amazonaws.com/?Action=");
    assertThat(s.getMessageAttributes().get("k").getValue()).isEqualTo("v");
  }

  @Test
  void refusesWhatIsNotAnSnsNotification() {
    assertThatThrownBy(() -> bridge.lambdaEvent("{\"Type\":\"SubscriptionConfirmation\"}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not an SNS notification");
    assertThatThrownBy(() -> bridge.lambdaEvent("not json"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not JSON");
  }
}
