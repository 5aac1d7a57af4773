package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.metrics.MetricDatum;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * Every target fault of the reliability issue in one scheduled run, through HealthCheckFunction
 * with the production runner and probers (DNS through an injected resolver, TLS trusting a test
 * CA): each faulty target is published as 0 with the reason that names its fault, and the run
 * returns inside its probing deadline. Each fault is also tested alone, with its timing, in {@code
 * HttpProberIT}, {@code HttpsProberIT}, {@code TcpProberIT} and {@code ConcurrentProbeRunnerIT}.
 */
class TargetFaultsIT {

  static final HeldCertificate CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("faults test CA").build();

  static final CaBundle BUNDLE = new CaBundle("test", List.of(CA.certificate()));

  static final HostResolver RESOLVER = Loopback.resolving("health.test", "other.test");

  /** Probing time the run gets: the context's remaining time minus the publish reserve. */
  static final Duration PROBING = Duration.ofSeconds(3);

  private static HttpTarget http(String name, String url, String expectedBody) {
    String type = URI.create(url).getScheme();
    return new HttpTarget(
        name, type, URI.create(url), 2_000, StatusRange.DEFAULT, expectedBody,
        type.equals("https") ? true : null, name + "_availability", null, null, null, null, null,
        type.equals("https") ? true : null, null);
  }

  private static MockWebServer tls(HeldCertificate.Builder certificate, MockResponse response)
      throws IOException {
    MockWebServer server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(certificate.signedBy(CA).build(), CA.certificate())
            .build()
            .sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(response); // one for each of the two runs
    server.enqueue(response);
    return server;
  }

  private static String head(long contentLength) {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n";
  }

  @Test
  void everyTargetFaultIsAZeroWithItsReasonInsideTheDeadline() throws Exception {
    long now = Instant.now().toEpochMilli();
    MockResponse ok = new MockResponse.Builder().code(200).body("ok").build();
    try (RawServer silent =
            new RawServer(
                c -> {
                  RawServer.readRequestHead(c);
                  Thread.sleep(60_000);
                });
        RawServer resetting =
            new RawServer(
                c -> {
                  RawServer.readRequestHead(c);
                  c.setSoLinger(true, 0);
                  c.close();
                });
        RawServer slowloris =
            new RawServer(
                c -> {
                  RawServer.readRequestHead(c);
                  OutputStream out = c.getOutputStream();
                  out.write(head(100).getBytes(StandardCharsets.US_ASCII));
                  for (int i = 0; i < 100; i++) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(1_000);
                  }
                });
        RawServer huge =
            new RawServer(
                c -> {
                  RawServer.readRequestHead(c);
                  OutputStream out = c.getOutputStream();
                  int size = 10 << 20;
                  out.write(head(size).getBytes(StandardCharsets.US_ASCII));
                  byte[] chunk = new byte[64 * 1024];
                  java.util.Arrays.fill(chunk, (byte) 'x');
                  for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk); // the expected text is not in the first 5,120 bytes
                  }
                });
        MockWebServer handshakeFails =
            tls(
                new HeldCertificate.Builder().addSubjectAlternativeName("health.test"),
                new MockResponse.Builder().failHandshake().build());
        MockWebServer wrongHost =
            tls(new HeldCertificate.Builder().addSubjectAlternativeName("other.test"), ok);
        MockWebServer expired =
            tls(
                new HeldCertificate.Builder()
                    .addSubjectAlternativeName("health.test")
                    .validityInterval(now - 10 * 86_400_000L, now - 86_400_000L),
                ok)) {
      ServerSocket closingBetweenRuns = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      int closingPort = closingBetweenRuns.getLocalPort();
      List<Target> targets =
          List.of(
              http("never-responds", "http://127.0.0.1:" + silent.port() + "/", null),
              http("reset", "http://127.0.0.1:" + resetting.port() + "/", null),
              http("slowloris", "http://127.0.0.1:" + slowloris.port() + "/", "ok"),
              http("ten-megabytes", "http://127.0.0.1:" + huge.port() + "/", "ok"),
              http("tls-handshake", "https://health.test:" + handshakeFails.getPort() + "/", null),
              http("tls-wrong-host", "https://health.test:" + wrongHost.getPort() + "/", null),
              http("tls-expired", "https://health.test:" + expired.getPort() + "/", null),
              new TcpTarget("dns", "nowhere.test", 80, 2_000, "dns_availability", null, null),
              new TcpTarget("closed-later", "127.0.0.1", closingPort, 2_000, "closed-later_availability", null, null));
      HealthCheckFunctionTest.CapturingPublisher publisher =
          new HealthCheckFunctionTest.CapturingPublisher();
      Prober prober =
          new TargetProber(new TcpProber(RESOLVER), new HttpProber(RESOLVER, BUNDLE), new DnsProber());
      HealthCheckFunction function =
          new HealthCheckFunction(
              Configs.inline(
                  targets, "LambdaCustomHC", 60, HealthCheckConfig.DEFAULT_MAX_CONCURRENT_PROBES,
                  HealthCheckConfig.DEFAULT_SAMPLE_INTERVAL_SECONDS, BUNDLE),
              new ConcurrentProbeRunner(prober, ConcurrentProbeRunner.MAX_OPEN_SOCKETS, Clock.systemUTC()),
              publisher,
              Clock.systemUTC(), Thread::sleep);

      HealthCheckReport first = run(function);
      closingBetweenRuns.close();
      HealthCheckReport second = run(function);

      Map<String, String> reasons = reasons(second);
      assertThat(reasons)
          .containsEntry("never-responds", "timeout")
          .containsEntry("reset", "reset")
          .containsEntry("slowloris", "timeout")
          .containsEntry("ten-megabytes", "body mismatch")
          .containsEntry("tls-wrong-host", "tls: hostname mismatch")
          .containsEntry("tls-expired", "tls: certificate expired")
          .containsEntry("dns", "dns")
          .containsEntry("closed-later", "refused");
      assertThat(reasons.get("tls-handshake")).startsWith("tls");
      assertThat(reasons(first)).containsEntry("closed-later", "ok");
      // the published availability: 0 for every fault; the port was open for the first run only
      assertThat(availability(publisher.published.get(1)))
          .hasSize(9)
          .allSatisfy((metric, value) -> assertThat(value).as(metric).isZero());
      assertThat(availability(publisher.published.get(0)))
          .containsEntry("closed-later_availability", 1.0);
    }
  }

  /** One scheduled run; it must return inside its probing deadline (plus scheduling slack). */
  private static HealthCheckReport run(HealthCheckFunction function) {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis())
        .thenReturn((int) (HealthCheckFunction.publishReserve(2).plus(PROBING).toMillis()));
    long start = System.nanoTime();
    HealthCheckReport report = function.handleRequest(new ScheduledEvent(), context);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(PROBING.plusMillis(500));
    return report;
  }

  private static Map<String, String> reasons(HealthCheckReport report) {
    return report.targets().stream()
        .collect(
            Collectors.toMap(
                ProbeResult::name, ProbeResult::reason));
  }

  private static Map<String, Double> availability(List<MetricDatum> data) {
    return data.stream()
        .filter(d -> d.metricName().endsWith("_availability"))
        .collect(Collectors.toMap(MetricDatum::metricName, MetricDatum::value));
  }
}
