package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.route53failover.metrics.CloudWatchMetricPublisher;
import io.route53failover.testing.LoopbackTargets;
import io.route53failover.testing.MotoServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The real handler, real probes of real loopback servers, real PutMetricData to moto_server; every
 * published value read back with GetMetricStatistics.
 */
class HealthCheckFunctionMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final Path EVENT =
      Path.of(System.getProperty("route53failover.basedir", "."), "events", "scheduled-event.json");

  private final AtomicInteger putMetricDataCalls = new AtomicInteger();
  private LoopbackTargets servers;
  private CloudWatchClient cloudWatch;
  private String namespace;

  @BeforeEach
  void start() throws Exception {
    servers = new LoopbackTargets();
    namespace = "MotoIT-" + System.nanoTime();
    ExecutionInterceptor countPuts =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutMetricDataRequest) {
              putMetricDataCalls.incrementAndGet();
            }
          }
        };
    cloudWatch =
        CloudWatchClient.builder()
            .endpointOverride(MOTO.endpoint())
            .region(MotoServer.REGION)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.addExecutionInterceptor(countPuts))
            .build();
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
    servers.close();
  }

  private HealthCheckFunction function(String targetsJson) {
    HealthCheckConfig config =
        HealthCheckConfig.fromEnvironment(Map.of("TARGETS", targetsJson, "METRIC_NAMESPACE", namespace));
    return new HealthCheckFunction(
        config, new ConcurrentProbeRunner(HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES), new CloudWatchMetricPublisher(cloudWatch), Clock.systemUTC(), Thread::sleep);
  }

  private static Context sixtySecondContext() {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(60_000);
    return context;
  }

  /** The single datapoint of {@code metricName} around the run, or null when none was published. */
  private Datapoint datapoint(String metricName, Instant timestamp) {
    List<Datapoint> points =
        cloudWatch
            .getMetricStatistics(
                r ->
                    r.namespace(namespace)
                        .metricName(metricName)
                        .startTime(timestamp.minus(Duration.ofMinutes(5)))
                        .endTime(timestamp.plus(Duration.ofMinutes(5)))
                        .period(60)
                        .statistics(Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT))
            .datapoints();
    assertThat(points).as(metricName).hasSizeLessThanOrEqualTo(1);
    return points.isEmpty() ? null : points.get(0);
  }

  private void assertPublished(String metricName, Instant timestamp, double value, StandardUnit unit) {
    Datapoint point = datapoint(metricName, timestamp);
    assertThat(point).as("datapoint of %s", metricName).isNotNull();
    assertThat(point.sampleCount()).as(metricName).isEqualTo(1.0);
    assertThat(point.minimum()).as(metricName).isEqualTo(value);
    assertThat(point.maximum()).as(metricName).isEqualTo(value);
    assertThat(point.unit()).as(metricName).isEqualTo(unit);
  }

  @Test
  void publishesOneAndZeroForRealLoopbackTargets() {
    ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toAbsolutePath().toString());

    HealthCheckReport report = function(servers.targetsJson()).handleRequest(event, sixtySecondContext());

    assertThat(report.targets())
        .extracting(ProbeResult::name, ProbeResult::healthy, ProbeResult::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tcp-up", true, "ok"),
            org.assertj.core.groups.Tuple.tuple("tcp-refused", false, "refused"),
            org.assertj.core.groups.Tuple.tuple("http-ok", true, "ok"),
            org.assertj.core.groups.Tuple.tuple("http-503", false, "status 503"));
    assertThat(putMetricDataCalls.get()).isEqualTo(1).isEqualTo(report.putMetricDataCalls());

    Instant timestamp = Instant.parse(report.timestamp());
    assertPublished("tcp-up_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("tcp-refused_availability", timestamp, 0.0, StandardUnit.COUNT);
    assertPublished("http-ok_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("http-503_availability", timestamp, 0.0, StandardUnit.COUNT);

    for (ProbeResult target : report.targets()) {
      Datapoint latency = datapoint(target.name() + "_latency", timestamp);
      if (target.latencyMs() == null) {
        assertThat(latency).as("no latency for %s, which never answered", target.name()).isNull();
      } else {
        assertPublished(target.name() + "_latency", timestamp, target.latencyMs(), StandardUnit.MILLISECONDS);
      }
    }
    assertThat(report.targets().get(1).latencyMs()).as("a refused connect has no latency").isNull();
    assertThat(report.targets().get(3).latencyMs()).as("the 503 answered").isNotNull();
  }

  @Test
  void manyTargetsArePublishedInTwoCalls() {
    StringBuilder targets = new StringBuilder("[");
    for (int i = 0; i < 600; i++) {
      targets.append(i == 0 ? "" : ",")
          .append("{\"name\":\"tcp-").append(i).append("\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":")
          .append(servers.tcpPort()).append(",\"timeoutMs\":5000}");
    }
    targets.append("]");

    HealthCheckReport report =
        function(targets.toString()).handleRequest(
            EventLoader.loadScheduledEvent(EVENT.toAbsolutePath().toString()), sixtySecondContext());

    assertThat(report.healthy()).isEqualTo(600);
    assertThat(report.putMetricDataCalls()).isEqualTo(2);
    assertThat(putMetricDataCalls.get()).isEqualTo(2);
    Instant timestamp = Instant.parse(report.timestamp());
    assertPublished("tcp-0_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("tcp-599_availability", timestamp, 1.0, StandardUnit.COUNT);
    assertPublished("tcp-599_latency", timestamp, report.targets().get(599).latencyMs(), StandardUnit.MILLISECONDS);
  }
  /**
   * Issue 19's private CA end to end: the CA bundle in a moto SSM SecureString named by {@code
   * CA_BUNDLE_PARAMETER}, read by the function's own start-up path ({@link
   * HealthCheckFunction#create}, clients from {@code AWS_ENDPOINT_URL}), a loopback HTTPS server
   * whose certificate (IP SAN 127.0.0.1) the private CA signed, and the datums read back from moto
   * CloudWatch: 1 for the targets that trust the bundle, 0 for the one that trusts the platform's
   * roots only. A parameter holding a server certificate instead of a CA fails start-up naming
   * CA_BUNDLE_PARAMETER.
   */
  @Test
  void aPrivateCaBundleFromSsmVerifiesHttpsTargetsAndTheirDatumsArePublished() throws Exception {
    HeldCertificate ca =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("moto IT private CA").build();
    HeldCertificate serverCertificate =
        new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
    try (MockWebServer https = new MockWebServer();
        SsmClient ssm =
            io.route53failover.aws.AwsClients.newSsmClient(
                Map.of(
                    "AWS_ENDPOINT_URL", MOTO.endpoint().toString(),
                    "AWS_REGION", MotoServer.REGION.id()))) {
      https.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(serverCertificate, ca.certificate())
              .build()
              .sslSocketFactory());
      https.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder().code(200).body("ok").build();
            }
          });
      https.start(InetAddress.getByName("127.0.0.1"), 0);
      ssm.putParameter(
          r -> r.name("/pki/ca-bundle").type(ParameterType.SECURE_STRING).value(ca.certificatePem()));
      ssm.putParameter(
          r ->
              r.name("/pki/not-a-ca")
                  .type(ParameterType.STRING)
                  .value(serverCertificate.certificatePem()));
      String url = "https://127.0.0.1:" + https.getPort() + "/health";
      String targets =
          "[{\"name\":\"pki\",\"type\":\"https\",\"url\":\"" + url + "\",\"caBundle\":true},"
              + "{\"name\":\"pki-only\",\"type\":\"https\",\"url\":\"" + url
              + "\",\"caBundle\":true,\"caBundleOnly\":true},"
              + "{\"name\":\"platform\",\"type\":\"https\",\"url\":\"" + url + "\"}]";
      Map<String, String> env =
          Map.of(
              "AWS_ENDPOINT_URL", MOTO.endpoint().toString(),
              "AWS_REGION", MotoServer.REGION.id(),
              "METRIC_NAMESPACE", namespace,
              "TARGETS", targets,
              "CA_BUNDLE_PARAMETER", "/pki/ca-bundle");

      HealthCheckReport report =
          HealthCheckFunction.create(env, null)
              .handleRequest(
                  EventLoader.loadScheduledEvent(EVENT.toAbsolutePath().toString()),
                  sixtySecondContext());

      assertThat(report.targets())
          .extracting(ProbeResult::name, ProbeResult::healthy, ProbeResult::reason)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("pki", true, "ok"),
              org.assertj.core.groups.Tuple.tuple("pki-only", true, "ok"),
              org.assertj.core.groups.Tuple.tuple("platform", false, "tls: unknown CA"));
      Instant timestamp = Instant.parse(report.timestamp());
      assertPublished("pki_availability", timestamp, 1.0, StandardUnit.COUNT);
      assertPublished("pki-only_availability", timestamp, 1.0, StandardUnit.COUNT);
      assertPublished("platform_availability", timestamp, 0.0, StandardUnit.COUNT);

      Map<String, String> notACa = new java.util.HashMap<>(env);
      notACa.put("CA_BUNDLE_PARAMETER", "/pki/not-a-ca");
      assertThatThrownBy(() -> HealthCheckFunction.create(notACa, null))
          .isInstanceOf(TargetConfigException.class)
          .hasMessageStartingWith(
              "CA_BUNDLE_PARAMETER /pki/not-a-ca: certificate 1 (CN=")
          .hasMessageContaining("is not a CA certificate");
    }
  }
}
