package io.route53failover.failover;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.OfflineHttpClient;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.joda.time.DateTime;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * FailoverFunction's SnapStart priming: what locking does, on sample data and without the network.
 * It parses a sample CloudWatch alarm notification, reads, tags and updates a sample health check
 * through {@link Route53HealthCheckStore} with a Route 53 client whose HTTP client is {@link
 * OfflineHttpClient} (endpoint rules, SigV4 signing with placeholder credentials, REST-XML
 * marshalling and unmarshalling run; nothing is sent), writes a report as JSON and builds an SNS
 * event. The execution environment's own Route 53 client is built, never called. It logs nothing
 * of its own: no lock is taken.
 */
final class FailoverPriming {
  static final String SAMPLE_ID = "00000000-0000-0000-0000-000000000000";

  static final String SAMPLE_ALARM =
      "{\"AlarmName\":\"priming\",\"NewStateValue\":\"ALARM\",\"OldStateValue\":\"OK\","
          + "\"NewStateReason\":\"priming\",\"StateChangeTime\":\"2026-01-05T10:15:30.123+0000\","
          + "\"Region\":\"US East (N. Virginia)\",\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:"
          + "123456789012:alarm:priming\",\"Trigger\":{\"MetricName\":\"HealthCheckStatus\","
          + "\"Namespace\":\"AWS/Route53\",\"Statistic\":\"MINIMUM\",\"Dimensions\":[{\"value\":\""
          + SAMPLE_ID
          + "\",\"name\":\"HealthCheckId\"}],\"Period\":60,\"EvaluationPeriods\":1,"
          + "\"ComparisonOperator\":\"LessThanThreshold\",\"Threshold\":1.0}}";

  private static final String XMLNS = " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FailoverPriming() {}

  /** The priming for Lambda: builds {@code sharedClient}'s client, primes on an offline one. */
  static Runnable task(Supplier<Route53Client> sharedClient) {
    return () -> prime(sharedClient, new OfflineHttpClient(FailoverPriming::answer));
  }

  /**
   * Runs the priming.
   *
   * @return the health check version the offline update answered (2)
   */
  static long prime(Supplier<Route53Client> sharedClient, OfflineHttpClient offline) {
    Objects.requireNonNull(sharedClient.get(), "the execution environment's Route 53 client");
    AlarmNotification alarm = AlarmNotification.parse("priming", SAMPLE_ALARM);
    String id = alarm.healthCheckId("priming", Optional.empty());
    long version;
    try (Route53Client client =
        offline.client(Route53Client.builder(), Region.AWS_GLOBAL, Route53Clients.retryStrategy())) {
      HealthCheckStore store = new Route53HealthCheckStore(client);
      HealthCheckState state = store.get(id);
      store.tags(id);
      store.putTag(id, OriginalPathTag.KEY, OriginalPathTag.encode(state.resourcePath()).orElse(""));
      version =
          store.updateResourcePath(id, FailoverConfig.DEFAULT_FAILED_OVER_PATH, state.version());
    }
    FailoverReport report =
        FailoverReport.of(
            List.of(
                new FailoverReport.RecordOutcome(
                    "priming",
                    alarm.alarmName(),
                    alarm.newStateValue(),
                    id,
                    "/health",
                    FailoverConfig.DEFAULT_FAILED_OVER_PATH,
                    FailoverAction.LOCKED.label(),
                    null,
                    null)));
    try {
      JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    new SNSEvent()
        .withRecords(
            List.of(
                new SNSEvent.SNSRecord()
                    .withSns(
                        new SNSEvent.SNS()
                            .withMessage(SAMPLE_ALARM)
                            .withTimestamp(DateTime.parse("2026-01-05T10:15:30.123Z")))));
    return version;
  }

  /** Route 53's answers (REST-XML) to the four calls the store makes. */
  static String answer(SdkHttpRequest request) {
    String path = request.encodedPath();
    boolean post = request.method().name().equals("POST");
    if (path.contains("/tags/")) {
      return post
          ? "<ChangeTagsForResourceResponse" + XMLNS + "/>"
          : "<ListTagsForResourceResponse" + XMLNS + "><ResourceTagSet><ResourceType>healthcheck"
              + "</ResourceType><ResourceId>" + SAMPLE_ID + "</ResourceId><Tags/></ResourceTagSet>"
              + "</ListTagsForResourceResponse>";
    }
    String root = post ? "UpdateHealthCheckResponse" : "GetHealthCheckResponse";
    return "<" + root + XMLNS + "><HealthCheck><Id>" + SAMPLE_ID + "</Id>"
        + "<CallerReference>priming</CallerReference><HealthCheckConfig><Port>443</Port>"
        + "<Type>HTTPS</Type><ResourcePath>"
        + (post ? FailoverConfig.DEFAULT_FAILED_OVER_PATH : "/health")
        + "</ResourcePath><FullyQualifiedDomainName>primary.example.com"
        + "</FullyQualifiedDomainName><RequestInterval>30</RequestInterval>"
        + "<FailureThreshold>3</FailureThreshold></HealthCheckConfig>"
        + "<HealthCheckVersion>" + (post ? 2 : 1) + "</HealthCheckVersion>"
        + "</HealthCheck></" + root + ">";
  }
}
