package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP probes against real servers on 127.0.0.1. */
class HttpProberIT {

  static final int TEN_MB = 10 * 1024 * 1024;

  MockWebServer server;
  final HttpProber prober = new HttpProber(Loopback.resolving("web.test"));

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static HttpTarget target(String url, int timeoutMs, StatusRange status, String body) {
    String type = URI.create(url).getScheme();
    return new HttpTarget(
        "w", type, URI.create(url), timeoutMs, status, body, type.equals("https") ? true : null,
        "w_availability", null, null, null, null, null, null, null);
  }

  /** The server's URL by IP literal: the test resolver knows no other name for it. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  HttpTarget target(int timeoutMs) {
    return target(url("/health"), timeoutMs, StatusRange.DEFAULT, null);
  }

  ProbeResult probe(HttpTarget target) {
    return prober.probe(target, Duration.ofMillis(target.timeoutMs()));
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Test
  void status200IsHealthyAndTheRequestIsAPlainGet() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    ProbeResult result = probe(target(2000));

    assertThat(result.healthy()).isTrue();
    assertThat(result.reason()).isEqualTo("ok");
    assertThat(result.latencyMs()).isNotNull();
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/health");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("route53-failover-healthcheck");
    assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void status503IsUnhealthyWithLatency() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    ProbeResult result = probe(target(2000));

    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).isEqualTo("status 503");
    assertThat(result.latencyMs()).isNotNull();
  }

  @Test
  void eachProbeOpensAFreshConnection() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());

    probe(target(2000));
    probe(target(2000));

    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getConnectionIndex()).isEqualTo(0);
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getConnectionIndex()).isEqualTo(1);
  }

  @Test
  void slowAnswerPastTheTimeoutIsATimeoutWithinTheTimeout() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
    long start = System.nanoTime();

    ProbeResult result = probe(target(500));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "timeout"));
    assertThat(millisSince(start)).isBetween(450L, 2_500L);
  }

  @Test
  void acceptedButNeverAnsweredIsATimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long start = System.nanoTime();

    ProbeResult result = probe(target(500));

    assertThat(result.reason()).isEqualTo("timeout");
    assertThat(millisSince(start)).isBetween(450L, 2_500L);
  }

  @Test
  void tenMegabyteBodyIsHealthyQuicklyWithoutDownloadingIt() throws InterruptedException {
    CountingBody body = new CountingBody(TEN_MB);
    server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    long start = System.nanoTime();

    ProbeResult result = probe(target(5000));

    long elapsedMs = millisSince(start);
    assertThat(result.reason()).isEqualTo("ok");
    assertThat(elapsedMs).as("well under the 5 s timeout").isLessThan(4_000L);
    body.awaitStopped();
    System.out.printf(
        "10 MB body without expectedBody: %d ms, server wrote %d bytes%n",
        elapsedMs, body.written());
    assertThat(body.written()).isLessThan(TEN_MB / 2);
  }

  @Test
  void tenMegabyteBodyIsSearchedOnlyAtItsStart() throws InterruptedException {
    CountingBody body = new CountingBody(TEN_MB);
    server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    HttpTarget target = target(url("/"), 5000, StatusRange.DEFAULT, "xxxxx");
    long start = System.nanoTime();

    ProbeResult result = probe(target);

    long elapsedMs = millisSince(start);
    assertThat(result.reason()).isEqualTo("ok"); // the body is all 'x'
    body.awaitStopped();
    System.out.printf(
        "10 MB body with expectedBody: %d ms, server wrote %d bytes%n", elapsedMs, body.written());
    assertThat(elapsedMs).as("well under the 5 s timeout").isLessThan(4_000L);
    assertThat(body.written()).isLessThan(TEN_MB / 2);
  }

  @Test
  void expectedBodyWithinTheFirst5120BytesIsHealthy() {
    server.enqueue(
        new MockResponse.Builder().body("x".repeat(5_000) + "READY" + "x".repeat(5_000)).build());

    ProbeResult result = probe(target(url("/"), 2000, StatusRange.DEFAULT, "READY"));

    assertThat(result.reason()).isEqualTo("ok");
  }

  @Test
  void expectedBodyBeyondThe5120BytesIsABodyMismatch() {
    server.enqueue(new MockResponse.Builder().body("x".repeat(5_200) + "READY").build());

    ProbeResult result = probe(target(url("/"), 2000, StatusRange.DEFAULT, "READY"));

    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).isEqualTo("body mismatch");
    assertThat(result.latencyMs()).isNotNull();
  }

  @Test
  void chunkedBodyIsSearchedToo() {
    server.enqueue(new MockResponse.Builder().chunkedBody("status: READY", 3).build());

    ProbeResult result = probe(target(url("/"), 2000, StatusRange.DEFAULT, "READY"));

    assertThat(result.reason()).isEqualTo("ok");
  }

  @Test
  void redirectIsNotFollowedAndCountsAsHealthyByDefault() throws InterruptedException {
    server.enqueue(
        new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
    server.enqueue(new MockResponse.Builder().code(500).build());

    ProbeResult result = probe(target(2000));

    assertThat(result.reason()).isEqualTo("ok");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).isEqualTo("/health");
    assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void redirectWhenExpecting200IsStatus302() {
    server.enqueue(
        new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
    server.enqueue(new MockResponse.Builder().code(200).build());

    ProbeResult result = probe(target(url("/"), 2000, new StatusRange(200, 200), null));

    assertThat(result.reason()).isEqualTo("status 302");
  }

  @Test
  void bodyTricklingOneBytePerSecondIsATimeout() {
    server.enqueue(
        new MockResponse.Builder()
            .body("x".repeat(100) + "READY")
            .throttleBody(1, 1, TimeUnit.SECONDS)
            .build());
    long start = System.nanoTime();

    ProbeResult result = probe(target(url("/"), 1500, StatusRange.DEFAULT, "READY"));

    assertThat(result.reason()).isEqualTo("timeout");
    assertThat(result.latencyMs()).isNotNull(); // the status line had arrived
    assertThat(millisSince(start)).isBetween(1_400L, 4_000L);
  }

  @Test
  void responseHeadTricklingOneBytePerSecondIsATimeoutDespiteEachByteArrivingInTime()
      throws IOException {
    try (RawServer slowloris =
        new RawServer(
            connection -> {
              RawServer.readRequestHead(connection);
              OutputStream out = connection.getOutputStream();
              for (byte b :
                  "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                      .getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(300);
              }
            })) {
      long start = System.nanoTime();

      ProbeResult result =
          probe(
              target(
                  "http://127.0.0.1:" + slowloris.port() + "/", 1500, StatusRange.DEFAULT, null));

      assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "timeout"));
      assertThat(millisSince(start)).isBetween(1_400L, 4_000L);
    }
  }

  @Test
  void connectionResetAfterTheRequestIsReset() throws IOException {
    try (RawServer resetting =
        new RawServer(
            connection -> {
              RawServer.readRequestHead(connection);
              connection.setSoLinger(true, 0); // close with RST
              connection.close();
            })) {
      ProbeResult result =
          probe(
              target(
                  "http://127.0.0.1:" + resetting.port() + "/", 2000, StatusRange.DEFAULT, null));

      assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "reset"));
    }
  }

  @Test
  void connectionClosedWithoutAnswerIsClosed() throws IOException {
    try (RawServer closing = new RawServer(RawServer::readRequestHead)) {
      ProbeResult result =
          probe(
              target("http://127.0.0.1:" + closing.port() + "/", 2000, StatusRange.DEFAULT, null));

      assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "closed"));
    }
  }

  @Test
  void answerThatIsNotHttpIsProtocol() throws IOException {
    try (RawServer ssh =
        new RawServer(
            connection -> {
              connection
                  .getOutputStream()
                  .write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
              connection.getOutputStream().flush();
              RawServer.readRequestHead(connection);
            })) {
      ProbeResult result =
          probe(target("http://127.0.0.1:" + ssh.port() + "/", 2000, StatusRange.DEFAULT, null));

      assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "protocol"));
    }
  }

  @Test
  void closedPortIsRefused() throws IOException {
    int port = FreePorts.closedLoopbackPort();

    ProbeResult result =
        probe(target("http://127.0.0.1:" + port + "/", 2000, StatusRange.DEFAULT, null));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "refused"));
  }

  @Test
  void blackHoledPortIsATimeout() throws IOException {
    try (BlackHolePort hole = new BlackHolePort()) {
      long start = System.nanoTime();

      ProbeResult result =
          probe(target("http://127.0.0.1:" + hole.port() + "/", 500, StatusRange.DEFAULT, null));

      assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "timeout"));
      assertThat(millisSince(start)).isBetween(450L, 2_500L);
    }
  }

  @Test
  void unresolvableNameIsDns() {
    ProbeResult result =
        probe(
            target(
                "http://missing.test:" + server.getPort() + "/", 2000, StatusRange.DEFAULT, null));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "dns"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void resolverSlowerThanTheTimeoutIsDnsTimeoutAtTheTimeout() {
    HttpProber slow = new HttpProber(Loopback.slow(30_000, "web.test"));
    HttpTarget target = target("http://web.test:" + server.getPort() + "/", 300, StatusRange.DEFAULT, null);
    long start = System.nanoTime();

    ProbeResult result = slow.probe(target, Duration.ofMillis(300));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("w", null, "dns: timeout"));
    // gross failure only: waiting for the resolver (30 s) instead of the 300 ms timeout
    assertThat(millisSince(start)).isLessThan(2_300L);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void nameMappedToLoopbackByTheResolverIsHealthy() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(204).build());

    ProbeResult result =
        probe(target("http://web.test:" + server.getPort() + "/", 2000, StatusRange.DEFAULT, null));

    assertThat(result.reason()).isEqualTo("ok");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Host"))
        .isEqualTo("web.test:" + server.getPort());
  }

  /** A body of {@code size} bytes of 'x', written in 8 KiB chunks, counting what was written. */
  static final class CountingBody implements MockResponseBody {
    private final long size;
    private final AtomicLong written = new AtomicLong();
    private final java.util.concurrent.CountDownLatch stopped =
        new java.util.concurrent.CountDownLatch(1);

    CountingBody(long size) {
      this.size = size;
    }

    @Override
    public long getContentLength() {
      return size;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] chunk = "x".repeat(8_192).getBytes(StandardCharsets.US_ASCII);
      try {
        while (written.get() < size) {
          sink.write(chunk);
          sink.flush();
          written.addAndGet(chunk.length);
        }
      } finally {
        stopped.countDown();
      }
    }

    long written() {
      return written.get();
    }

    /** Waits until the server stopped writing: finished, or failed because the client left. */
    void awaitStopped() throws InterruptedException {
      assertThat(stopped.await(10, TimeUnit.SECONDS)).as("server stopped writing").isTrue();
    }
  }
}
