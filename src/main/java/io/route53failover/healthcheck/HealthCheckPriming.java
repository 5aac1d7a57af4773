package io.route53failover.healthcheck;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.OfflineHttpClient;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.metrics.MetricDatum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.joda.time.DateTime;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
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
 * the platform trust store) without probing, and probes two sample dns targets (A and AAAA, through
 * a CNAME) with {@link DnsProber} on an {@link OfflineResolver}, which answers in memory, so
 * dnsjava's classes are loaded and nothing is sent. The execution environment's own CloudWatch client is
 * built, never called.
 */
final class HealthCheckPriming {
  /**
   * Targets at documentation addresses: the tcp and http ones are parsed only, never probed; the
   * dns ones are probed through {@link OfflineResolver}, which answers in memory.
   */
  static final String SAMPLE_TARGETS =
      "[{\"name\":\"priming-tcp\",\"type\":\"tcp\",\"host\":\"192.0.2.10\",\"port\":443},"
          + "{\"name\":\"priming-http\",\"type\":\"http\",\"url\":\"http://192.0.2.11/health\","
          + "\"expectedBody\":\"ok\"},"
          + "{\"name\":\"priming-dns\",\"type\":\"dns\",\"host\":\"priming.invalid\","
          + "\"resolver\":\"192.0.2.53\",\"expectedAnswers\":[\"192.0.2.12\"]},"
          + "{\"name\":\"priming-dns6\",\"type\":\"dns\",\"host\":\"priming.invalid\","
          + "\"recordType\":\"AAAA\",\"expectedAnswers\":[\"2001:db8::12\"],\"match\":\"exact\"}]";

  static final String PUT_METRIC_DATA_RESPONSE =
      "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<ResponseMetadata><RequestId>offline</RequestId></ResponseMetadata>"
          + "</PutMetricDataResponse>";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bound of a priming dns probe; the offline resolver answers at once. */
  static final Duration DNS_PRIMING_TIMEOUT = Duration.ofSeconds(5);

  private HealthCheckPriming() {}

  /** The priming for Lambda: builds {@code sharedClient}'s client, primes on an offline one. */
  static Runnable task(Supplier<CloudWatchClient> sharedClient) {
    return () ->
        prime(
            sharedClient,
            new OfflineHttpClient(r -> PUT_METRIC_DATA_RESPONSE),
            new OfflineResolver());
  }

  /**
   * A dnsjava {@link Resolver} that sends nothing: it reads each query back from its wire form and
   * answers, in wire form parsed again, with a CNAME from the queried name to {@code
   * alias.priming.invalid.} and that alias's A (192.0.2.12) and AAAA (2001:db8::12) records, TTL
   * 60. So the first dns probe after a restore finds dnsjava's message, name, record and wire
   * classes loaded.
   */
  static class OfflineResolver implements Resolver {
    static final Name ALIAS = Name.fromConstantString("alias.priming.invalid.");

    @Override
    public Message send(Message query) throws IOException {
      Message asked = new Message(query.toWire());
      Record question = asked.getQuestion();
      Message answer = new Message(asked.getHeader().getID());
      answer.getHeader().setFlag(Flags.QR);
      answer.getHeader().setFlag(Flags.RD);
      answer.getHeader().setFlag(Flags.RA);
      answer.addRecord(question, Section.QUESTION);
      answer.addRecord(new CNAMERecord(question.getName(), DClass.IN, 60, ALIAS), Section.ANSWER);
      answer.addRecord(
          new ARecord(ALIAS, DClass.IN, 60, InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 12})),
          Section.ANSWER);
      answer.addRecord(
          new AAAARecord(
              ALIAS,
              DClass.IN,
              60,
              InetAddress.getByAddress(
                  new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12})),
          Section.ANSWER);
      return new Message(answer.toWire());
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      try {
        return CompletableFuture.completedFuture(send(query));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }

  /**
   * Runs the priming.
   *
   * @param dns answers the sample dns targets' queries, in memory
   * @return the number of PutMetricData requests the offline client answered
   */
  static int prime(
      Supplier<CloudWatchClient> sharedClient, OfflineHttpClient offline, Resolver dns) {
    Objects.requireNonNull(sharedClient.get(), "the execution environment's CloudWatch client");
    // the runner builds its HTTP(S) prober on first use; load OkHttp and the trust store now
    new HttpProber(HostResolver.SYSTEM);
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(Map.of(HealthCheckConfig.TARGETS, SAMPLE_TARGETS));
    // dnsjava: queries, wire form, records and the CNAME walk of DnsProber, on the offline resolver
    DnsProber dnsProber = new DnsProber(address -> dns);
    List<ProbeResult> results =
        List.of(
            ProbeResult.healthy("priming-tcp", 3),
            ProbeResult.unhealthy("priming-http", 5L, "status 503"),
            dnsProber.probe(config.targets().get(2), DNS_PRIMING_TIMEOUT),
            dnsProber.probe(config.targets().get(3), DNS_PRIMING_TIMEOUT));
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
