package io.route53failover.healthcheck;

import static java.nio.charset.StandardCharsets.US_ASCII;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTPS probes against a real TLS server on 127.0.0.1 with certificates made by the test. */
class HttpsProberIT {

  static final HeldCertificate CA =
      new HeldCertificate.Builder()
          .certificateAuthority(0)
          .commonName("route53-failover test CA")
          .build();

  static final HostResolver RESOLVER = Loopback.resolving("health.test", "other.test");

  MockWebServer server;

  @BeforeEach
  void createServer() {
    server = new MockWebServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Starts the server with a certificate for {@code host}, signed by {@link #CA}. */
  void startWithCertificate(HeldCertificate.Builder certificate) throws IOException {
    HeldCertificate held = certificate.signedBy(CA).build();
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder().heldCertificate(held, CA.certificate()).build();
    server.useHttps(serverSide.sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
  }

  static HeldCertificate.Builder certificateFor(String host) {
    return new HeldCertificate.Builder().addSubjectAlternativeName(host);
  }

  HttpTarget target(String host, boolean tlsVerify) {
    return new HttpTarget(
        "s",
        "https",
        URI.create("https://" + host + ":" + server.getPort() + "/health"),
        3000,
        StatusRange.DEFAULT,
        "ok",
        tlsVerify,
        "s_availability", null, null, null, null, null);
  }

  static ProbeResult probe(HttpProber prober, HttpTarget target) {
    return prober.probe(target, Duration.ofMillis(target.timeoutMs()));
  }

  static HttpProber trustingTestCa() {
    return new HttpProber(RESOLVER, List.of(CA.certificate()));
  }

  static HttpProber withPlatformTrust() {
    return new HttpProber(RESOLVER);
  }

  @Test
  void certificateFromATrustedRootIsHealthy() throws IOException {
    startWithCertificate(certificateFor("health.test"));

    ProbeResult result = probe(trustingTestCa(), target("health.test", true));

    assertThat(result.reason()).isEqualTo("ok");
    assertThat(result.healthy()).isTrue();
  }

  @Test
  void sameServerUnderThePlatformsTrustIsTls() throws IOException {
    startWithCertificate(certificateFor("health.test"));

    ProbeResult result = probe(withPlatformTrust(), target("health.test", true));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("s", null, "tls: untrusted certificate"));
  }

  @Test
  void tlsVerifyFalseAcceptsAnUntrustedCertificate() throws IOException {
    startWithCertificate(certificateFor("health.test"));

    ProbeResult result = probe(withPlatformTrust(), target("health.test", false));

    assertThat(result.reason()).isEqualTo("ok");
  }

  @Test
  void tlsVerifyFalseAcceptsASelfSignedCertificate() throws IOException {
    HeldCertificate selfSigned = certificateFor("health.test").build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    assertThat(probe(withPlatformTrust(), target("health.test", false)).reason()).isEqualTo("ok");
    assertThat(probe(trustingTestCa(), target("health.test", true)).reason())
        .isEqualTo("tls: untrusted certificate");
  }

  @Test
  void certificateForAnotherHostIsTlsHostnameMismatch() throws IOException {
    startWithCertificate(certificateFor("health.test"));

    ProbeResult result = probe(trustingTestCa(), target("other.test", true));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("s", null, "tls: hostname mismatch"));
  }

  @Test
  void tlsVerifyFalseAcceptsACertificateForAnotherHost() throws IOException {
    startWithCertificate(certificateFor("health.test"));

    ProbeResult result = probe(trustingTestCa(), target("other.test", false));

    assertThat(result.reason()).isEqualTo("ok");
  }

  @Test
  void insecureTargetDoesNotWeakenVerificationOfOtherTargets() throws IOException {
    startWithCertificate(certificateFor("health.test"));
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    HttpProber prober = withPlatformTrust();

    assertThat(probe(prober, target("other.test", false)).reason()).isEqualTo("ok");
    assertThat(probe(prober, target("health.test", true)).reason())
        .isEqualTo("tls: untrusted certificate");
  }

  @Test
  void expiredCertificateIsTlsCertificateExpired() throws IOException {
    long now = Instant.now().toEpochMilli();
    startWithCertificate(
        certificateFor("health.test").validityInterval(now - 10 * 86_400_000L, now - 86_400_000L));

    ProbeResult result = probe(trustingTestCa(), target("health.test", true));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("s", null, "tls: certificate expired"));
  }

  @Test
  void tlsVerifyFalseAcceptsAnExpiredCertificate() throws IOException {
    long now = Instant.now().toEpochMilli();
    startWithCertificate(
        certificateFor("health.test").validityInterval(now - 10 * 86_400_000L, now - 86_400_000L));

    ProbeResult result = probe(trustingTestCa(), target("health.test", false));

    assertThat(result.reason()).isEqualTo("ok");
    // the handshake completed, so the days left are published: about one day past notAfter
    assertThat(result.certDays()).isBetween(-1.01, -0.99);
  }

  @Test
  void certDaysAreTheDaysUntilTheLeafsNotAfterAlsoWhenTheProbeFails() throws IOException {
    long now = Instant.now().toEpochMilli();
    startWithCertificate(
        certificateFor("health.test").validityInterval(now - 86_400_000L, now + 10 * 86_400_000L));
    server.enqueue(new MockResponse.Builder().code(503).body("down").build());

    ProbeResult ok = probe(trustingTestCa(), target("health.test", true));
    ProbeResult failed = probe(trustingTestCa(), target("health.test", true));

    assertThat(ok.healthy()).isTrue();
    assertThat(ok.certDays()).isBetween(9.99, 10.0);
    assertThat(failed.reason()).isEqualTo("status 503");
    assertThat(failed.certDays()).isBetween(9.99, 10.0);
    assertThat(HealthCheckMetrics.datums(List.of(target("health.test", true)), List.of(failed)))
        .extracting(d -> d.metricName() + " " + d.unit().cloudWatchName())
        .containsExactly("s_availability Count", "s_latency Milliseconds", "s_cert_days None");
  }

  @Test
  void tlsVerifyFalseWorksForAnIpLiteralUrl() throws IOException {
    startWithCertificate(certificateFor("health.test"));

    ProbeResult result = probe(withPlatformTrust(), target("127.0.0.1", false));

    assertThat(result.reason()).isEqualTo("ok");
  }

  @Test
  void ipLiteralUrlIsVerifiedAgainstTheCertificatesIpAddresses() throws IOException {
    startWithCertificate(certificateFor("127.0.0.1"));

    assertThat(probe(trustingTestCa(), target("127.0.0.1", true)).reason()).isEqualTo("ok");
  }

  @Test
  void failedHandshakeIsTls() throws IOException {
    startWithCertificate(certificateFor("health.test"));
    server.close();
    server = new MockWebServer();
    HeldCertificate held = certificateFor("health.test").signedBy(CA).build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(held, CA.certificate())
            .build()
            .sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().failHandshake().build());

    ProbeResult result = probe(trustingTestCa(), target("health.test", true));

    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).startsWith("tls");
    assertThat(result.latencyMs()).isNull();
  }

  @Test
  void plainHttpServerOnAnHttpsUrlIsTls() throws IOException {
    // A plain-HTTP server answers at once, without waiting for a request it can parse, so the
    // client's handshake meets a non-TLS record whatever the machine's load.
    try (RawServer plain =
        new RawServer(
            connection -> {
              connection
                  .getOutputStream()
                  .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(US_ASCII));
              connection.getOutputStream().flush();
              connection.getInputStream().read(new byte[1024]);
            })) {
      HttpTarget target =
          new HttpTarget(
              "s",
              "https",
              URI.create("https://health.test:" + plain.port() + "/health"),
              3000,
              StatusRange.DEFAULT,
              "ok",
              true,
              "s_availability", null, null, null, null, null);

      ProbeResult result = probe(trustingTestCa(), target);

      assertThat(result).isEqualTo(ProbeResult.unhealthy("s", null, "tls: handshake failed"));
    }
  }
}
