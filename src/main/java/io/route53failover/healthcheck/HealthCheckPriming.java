package io.route53failover.healthcheck;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.OfflineHttpClient;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.metrics.MetricDatum;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.joda.time.DateTime;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * HealthCheckFunction's SnapStart priming: what one run does, on sample data and without the
 * network. It parses a sample {@code TARGETS} value, turns sample probe results into metric datums,
 * publishes them through {@link CloudWatchMetricPublisher} with a CloudWatch client whose HTTP
 * client is {@link OfflineHttpClient} (so endpoint rules, SigV4 signing with placeholder
 * credentials, Query marshalling and XML unmarshalling all run, and nothing is sent), writes the
 * report as JSON and builds a scheduled event with a Joda time; it builds an HTTP(S) prober (OkHttp,
 * the platform trust store) without probing. The execution environment's own CloudWatch client is
 * built, never called.
 */
final class HealthCheckPriming {
  /** Two targets at documentation addresses; parsed only, never probed. */
  static final String SAMPLE_TARGETS =
      "[{\"name\":\"priming-tcp\",\"type\":\"tcp\",\"host\":\"192.0.2.10\",\"port\":443},"
          + "{\"name\":\"priming-http\",\"type\":\"http\",\"url\":\"http://192.0.2.11/health\","
          + "\"expectedBody\":\"ok\"}]";

  static final String PUT_METRIC_DATA_RESPONSE =
      "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<ResponseMetadata><RequestId>offline</RequestId></ResponseMetadata>"
          + "</PutMetricDataResponse>";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HealthCheckPriming() {}

  /** The priming for Lambda: builds {@code sharedClient}'s client, primes on an offline one. */
  static Runnable task(Supplier<CloudWatchClient> sharedClient) {
    return () -> prime(sharedClient, new OfflineHttpClient(r -> PUT_METRIC_DATA_RESPONSE));
  }

  /**
   * Runs the priming.
   *
   * @return the number of PutMetricData requests the offline client answered
   */
  static int prime(Supplier<CloudWatchClient> sharedClient, OfflineHttpClient offline) {
    Objects.requireNonNull(sharedClient.get(), "the execution environment's CloudWatch client");
    // the runner builds its HTTP(S) prober on first use; load OkHttp and the trust store now
    new HttpProber(HostResolver.SYSTEM);
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(Map.of(HealthCheckConfig.TARGETS, SAMPLE_TARGETS));
    List<ProbeResult> results =
        List.of(
            ProbeResult.healthy("priming-tcp", 3),
            ProbeResult.unhealthy("priming-http", 5L, "status 503"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<MetricDatum> data = HealthCheckMetrics.datums(config.targets(), results);
    int calls;
    try (CloudWatchClient client =
        offline.client(
            CloudWatchClient.builder(), Region.US_EAST_1, AwsRetryStrategy.standardRetryStrategy())) {
      calls =
          new CloudWatchMetricPublisher(client)
              .publish(config.namespace(), data, now, config.storageResolution());
    }
    try {
      JSON.writeValueAsString(HealthCheckReport.of(results, config.namespace(), calls, now));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    new ScheduledEvent()
        .withDetailType("Scheduled Event")
        .withSource("aws.events")
        .withTime(DateTime.parse("2015-10-08T16:53:06Z"));
    return calls;
  }
}
