package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.aws.AwsClients;
import io.route53failover.aws.OfflineHttpClient;
import io.route53failover.snapstart.SnapStart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class HealthCheckPrimingTest {

  /** A listener standing in for the real CloudWatch endpoint: nothing may connect to it. */
  private static ServerSocket trap() throws Exception {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    s.setSoTimeout(300);
    return s;
  }

  private static Supplier<CloudWatchClient> sharedClientAt(
      ServerSocket trap, AtomicReference<CloudWatchClient> built) {
    return () -> {
      built.set(
          AwsClients.newCloudWatchClient(
              Map.of(
                  "AWS_REGION", "us-east-1",
                  "AWS_ENDPOINT_URL", "http://127.0.0.1:" + trap.getLocalPort())));
      return built.get();
    };
  }

  @Test
  void publishesSampleDatumsThroughTheSdkToTheOfflineClientOnly() throws Exception {
    AtomicReference<CloudWatchClient> built = new AtomicReference<>();
    OfflineHttpClient offline =
        new OfflineHttpClient(r -> HealthCheckPriming.PUT_METRIC_DATA_RESPONSE);
    try (ServerSocket trap = trap()) {
      CountingResolver dns = new CountingResolver();
      int calls = HealthCheckPriming.prime(sharedClientAt(trap, built), offline, dns);

      assertThat(calls).isEqualTo(1);
      // both dns samples went through dnsjava to the in-memory resolver, one query each
      assertThat(dns.queries()).isEqualTo(2);
      assertThat(offline.requests())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.body())
                    .contains("Action=PutMetricData")
                    .contains("Namespace=LambdaCustomHC")
                    .contains("MetricName=priming-tcp_availability")
                    .contains("MetricName=priming-http_availability")
                    .contains("MetricName=priming-dns_dns_ttl")
                    .contains("MetricName=priming-dns6_dns_ttl")
                    .contains("MetricData.member.4.");
              });
      // the execution environment's client is built, and was never used
      assertThat(built.get()).isNotNull();
      assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
    } finally {
      if (built.get() != null) {
        built.get().close();
      }
    }
  }

  @Test
  void theOfflineResolverAnswersTheWayDnsProberReadsAChainedAnswer() {
    CountingResolver dns = new CountingResolver();
    java.util.List<Target> targets =
        TargetsParser.parse(HealthCheckPriming.SAMPLE_TARGETS);
    java.util.List<java.net.InetSocketAddress> asked = new java.util.ArrayList<>();
    DnsProber prober =
        new DnsProber(
            address -> {
              asked.add(address);
              return dns;
            });

    ProbeResult a = prober.probe(targets.get(2), java.time.Duration.ofSeconds(1));
    ProbeResult aaaa = prober.probe(targets.get(3), java.time.Duration.ofSeconds(1));

    assertThat(a.healthy()).isTrue();
    assertThat(a.answer()).isEqualTo("192.0.2.12");
    assertThat(a.dnsTtl()).isEqualTo(60L);
    assertThat(aaaa.healthy()).isTrue();
    assertThat(aaaa.answer()).isEqualTo("2001:db8:0:0:0:0:0:12");
    assertThat(dns.queries()).isEqualTo(2);
    // the resolver asked for stands in for 192.0.2.53 and the system's: neither is contacted
    assertThat(asked).hasSize(2).element(0).hasToString("/192.0.2.53:53");
    assertThat(asked.get(1)).isNull();

    // a proper answer: a response to the question asked, recursion desired and available
    org.xbill.DNS.Message query =
        org.xbill.DNS.Message.newQuery(
            org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromConstantString("x.priming.invalid."),
                org.xbill.DNS.Type.A,
                org.xbill.DNS.DClass.IN));
    org.xbill.DNS.Message response =
        dns.sendAsync(query, Runnable::run).toCompletableFuture().join();
    assertThat(response.getHeader().getID()).isEqualTo(query.getHeader().getID());
    assertThat(response.getHeader().getFlag(org.xbill.DNS.Flags.QR)).isTrue();
    assertThat(response.getHeader().getFlag(org.xbill.DNS.Flags.RD)).isTrue();
    assertThat(response.getHeader().getFlag(org.xbill.DNS.Flags.RA)).isTrue();
    assertThat(response.getQuestion()).isEqualTo(query.getQuestion());
    assertThat(response.getSection(org.xbill.DNS.Section.ANSWER)).hasSize(3);
    assertThat(dns.queries()).isEqualTo(3);
  }

  @Test
  void theSnapStartHookRunsThePrimingAndSurvivesItsFailure() throws Exception {
    AtomicReference<CloudWatchClient> built = new AtomicReference<>();
    try (ServerSocket trap = trap()) {
      new SnapStart.Hook("HealthCheckFunction", HealthCheckPriming.task(sharedClientAt(trap, built)))
          .beforeCheckpoint(null);

      assertThat(built.get()).isNotNull();
      assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
    } finally {
      if (built.get() != null) {
        built.get().close();
      }
    }
    // a failing priming is logged, not thrown: the snapshot must still be taken
    new SnapStart.Hook(
            "HealthCheckFunction",
            () -> {
              throw new IllegalStateException("boom");
            })
        .beforeCheckpoint(null);
  }

  /** The priming's resolver, counting the queries it answers. */
  static final class CountingResolver extends HealthCheckPriming.OfflineResolver {
    private final java.util.concurrent.atomic.AtomicInteger queries =
        new java.util.concurrent.atomic.AtomicInteger();

    int queries() {
      return queries.get();
    }

    @Override
    public org.xbill.DNS.Message send(org.xbill.DNS.Message query) throws java.io.IOException {
      queries.incrementAndGet();
      return super.send(query);
    }
  }
}
