package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runner end to end with the real probers, against real servers on 127.0.0.1. */
class ConcurrentProbeRunnerIT {

  static final HostResolver RESOLVER = Loopback.resolving("api.test");

  /** A runner whose CA bundle holds {@code roots} (none when empty). */
  static ConcurrentProbeRunner runner(List<java.security.cert.X509Certificate> roots) {
    CaBundle bundle = roots.isEmpty() ? CaBundle.NONE : new CaBundle("test", roots);
    Prober prober = new TargetProber(new TcpProber(RESOLVER), new HttpProber(RESOLVER, bundle), new DnsProber());
    return new ConcurrentProbeRunner(
        prober, ConcurrentProbeRunner.MAX_OPEN_SOCKETS, Clock.systemUTC());
  }

  /** Timeout of the targets in the mixed run that answer, and that run's deadline. */
  static final int ANSWER_MS = 5_000;

  static final int DEADLINE_MS = 3_000;

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  static TcpTarget tcp(String name, String host, int port, int timeoutMs) {
    return new TcpTarget(name, host, port, timeoutMs, name + "_availability", null, null);
  }

  static HttpTarget http(String name, String url, int timeoutMs, String body, boolean tlsVerify) {
    String type = URI.create(url).getScheme();
    return new HttpTarget(
        name,
        type,
        URI.create(url),
        timeoutMs,
        StatusRange.DEFAULT,
        body,
        type.equals("https") ? tlsVerify : null,
        name + "_availability", null, null, null, null, null,
        type.equals("https") && tlsVerify ? true : null, null);
  }

  /** Answers by path: /ok 200, /down 503, /stall never, /ready with the expected body. */
  static Dispatcher byPath() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return switch (request.getUrl().encodedPath()) {
          case "/ok", "/ready" -> new MockResponse.Builder().code(200).body("READY").build();
          case "/down" -> new MockResponse.Builder().code(503).build();
          case "/stall" ->
              new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
          default -> new MockResponse.Builder().code(404).build();
        };
      }
    };
  }

  @Test
  void mixOfTargetsGivesOneNamedResultEachInsideTheDeadline() throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate cert =
        new HeldCertificate.Builder().addSubjectAlternativeName("api.test").signedBy(ca).build();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        BlackHolePort hole = new BlackHolePort();
        MockWebServer web = new MockWebServer();
        MockWebServer tls = new MockWebServer()) {
      web.setDispatcher(byPath());
      web.start(InetAddress.getByName("127.0.0.1"), 0);
      tls.setDispatcher(byPath());
      tls.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(cert, ca.certificate())
              .build()
              .sslSocketFactory());
      tls.start(InetAddress.getByName("127.0.0.1"), 0);
      String webUrl = "http://127.0.0.1:" + web.getPort();
      String tlsUrl = "https://api.test:" + tls.getPort();
      // Targets that answer get 5 s, so only the run's deadline bounds them on a busy machine;
      // the two meant to time out get 500 ms.
      List<Target> targets =
          List.of(
              tcp("tcp-ok", "127.0.0.1", listener.getLocalPort(), ANSWER_MS),
              tcp("tcp-refused", "127.0.0.1", FreePorts.closedLoopbackPort(), ANSWER_MS),
              tcp("tcp-blackhole", "127.0.0.1", hole.port(), 500),
              tcp("tcp-dns", "nowhere.test", 80, ANSWER_MS),
              http("http-ok", webUrl + "/ok", ANSWER_MS, null, true),
              http("http-503", webUrl + "/down", ANSWER_MS, null, true),
              http("http-body", webUrl + "/ready", ANSWER_MS, "READY", true),
              http("http-mismatch", webUrl + "/ready", ANSWER_MS, "STEADY", true),
              http("http-stall", webUrl + "/stall", 500, null, true),
              http("http-beyond-deadline", webUrl + "/stall", 10_000, null, true),
              http("https-ok", tlsUrl + "/ok", ANSWER_MS, "READY", true),
              http(
                  "https-insecure",
                  "https://127.0.0.1:" + tls.getPort() + "/ok",
                  ANSWER_MS,
                  null,
                  false));
      long start = System.nanoTime();

      List<ProbeResult> results =
          runner(List.of(ca.certificate()))
              .probeAll(targets, Instant.now().plusMillis(DEADLINE_MS));

      long elapsedMs = millisSince(start);
      Map<String, String> reasons =
          results.stream().collect(Collectors.toMap(ProbeResult::name, ProbeResult::reason));
      assertThat(results)
          .extracting(ProbeResult::name)
          .containsExactlyElementsOf(targets.stream().map(Target::name).toList());
      assertThat(reasons)
          .containsEntry("tcp-ok", "ok")
          .containsEntry("tcp-refused", "refused")
          .containsEntry("tcp-blackhole", "timeout")
          .containsEntry("tcp-dns", "dns")
          .containsEntry("http-ok", "ok")
          .containsEntry("http-503", "status 503")
          .containsEntry("http-body", "ok")
          .containsEntry("http-mismatch", "body mismatch")
          .containsEntry("http-stall", "timeout")
          .containsEntry("https-ok", "ok")
          .containsEntry("https-insecure", "ok");
      // cut by the run's deadline: its own timeout or the runner's, whichever fired first
      assertThat(reasons.get("http-beyond-deadline")).isIn("timeout", "deadline");
      assertThat(results)
          .allSatisfy(r -> assertThat(r.healthy()).isEqualTo(r.reason().equals("ok")));
      // http-beyond-deadline runs to the deadline; the runner must not wait longer
      assertThat(elapsedMs).isBetween(DEADLINE_MS - 200L, DEADLINE_MS + 2_000L);
    }
  }

  @Test
  void portClosedBetweenTwoRunsTurnsFromHealthyToRefused() throws IOException {
    ConcurrentProbeRunner runner = runner(List.of());
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    List<Target> targets = List.of(tcp("svc", "127.0.0.1", listener.getLocalPort(), 1000));

    List<ProbeResult> first = runner.probeAll(targets, Instant.now().plusSeconds(5));
    listener.close();
    List<ProbeResult> second = runner.probeAll(targets, Instant.now().plusSeconds(5));

    assertThat(first.getFirst().reason()).isEqualTo("ok");
    assertThat(second).containsExactly(ProbeResult.unhealthy("svc", null, "refused"));
  }

  @Test
  void httpServerStoppedBetweenTwoRunsTurnsFromHealthyToRefused() throws IOException {
    ConcurrentProbeRunner runner = runner(List.of());
    MockWebServer web = new MockWebServer();
    web.setDispatcher(byPath());
    web.start(InetAddress.getByName("127.0.0.1"), 0);
    List<Target> targets =
        List.of(http("web", "http://127.0.0.1:" + web.getPort() + "/ok", 1000, null, true));

    List<ProbeResult> first = runner.probeAll(targets, Instant.now().plusSeconds(5));
    web.close();
    List<ProbeResult> second = runner.probeAll(targets, Instant.now().plusSeconds(5));

    assertThat(first.getFirst().reason()).isEqualTo("ok");
    assertThat(second).containsExactly(ProbeResult.unhealthy("web", null, "refused"));
  }

  /** A run's results and its wall time in milliseconds. */
  record TimedRun(List<ProbeResult> results, long elapsedMs) {}

  /** Probes {@code count} targets on one black-holed port, timeoutMs 2000, and times the run. */
  static TimedRun probeBlackHoled(int count, Duration budget, String label) throws IOException {
    try (BlackHolePort hole = new BlackHolePort()) {
      List<Target> targets =
          IntStream.range(0, count)
              .mapToObj(i -> (Target) tcp("bh" + i, "127.0.0.1", hole.port(), 2000))
              .toList();
      long start = System.nanoTime();

      List<ProbeResult> results = runner(List.of()).probeAll(targets, Instant.now().plus(budget));

      long elapsedMs = millisSince(start);
      Map<String, Long> byReason =
          results.stream()
              .collect(Collectors.groupingBy(ProbeResult::reason, Collectors.counting()));
      System.out.printf(
          "%d black-holed TCP targets, timeoutMs 2000, %s, at most %d in flight: %d ms, %s%n",
          count, label, ConcurrentProbeRunner.MAX_OPEN_SOCKETS, elapsedMs, byReason);
      return new TimedRun(results, elapsedMs);
    }
  }

  /**
   * The sanity figure for the report: black-holed targets cost one timeout per wave of {@value
   * ConcurrentProbeRunner#MAX_OPEN_SOCKETS}, not one per target (300 in sequence would take 600 s).
   */
  @ParameterizedTest(name = "{0} black-holed targets take {1} timeout(s)")
  @CsvSource({"256, 1", "300, 2"})
  void blackHoledTargetsTakeOneTimeoutPerWave(int count, int waves) throws IOException {
    TimedRun run = probeBlackHoled(count, Duration.ofSeconds(30), "30 s deadline");

    assertThat(run.results())
        .hasSize(count)
        .allSatisfy(r -> assertThat(r.reason()).isEqualTo("timeout"));
    assertThat(run.elapsedMs()).isBetween(waves * 2_000L - 100, waves * 2_000L + 4_000);
  }

  @Test
  void deadlineShorterThanTheTimeoutsCutsTheRunShort() throws IOException {
    TimedRun run = probeBlackHoled(300, Duration.ofMillis(1_000), "1 s deadline");

    Map<String, Long> byReason =
        run.results().stream()
            .collect(Collectors.groupingBy(ProbeResult::reason, Collectors.counting()));
    assertThat(run.results()).hasSize(300).noneMatch(ProbeResult::healthy);
    assertThat(byReason.keySet()).isSubsetOf("timeout", "deadline");
    assertThat(byReason.get("deadline")).isGreaterThanOrEqualTo(44L); // never got a slot
    assertThat(run.elapsedMs()).isBetween(900L, 3_000L); // the 1 s deadline + 2 s
  }
}
