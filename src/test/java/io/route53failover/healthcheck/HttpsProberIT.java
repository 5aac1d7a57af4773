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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /** A target on {@code host}; a verifying one trusts the CA bundle (and the platform's roots). */
  HttpTarget target(String host, boolean tlsVerify) {
    return target(host, tlsVerify, tlsVerify ? Trust.BUNDLE_AND_PLATFORM : Trust.PLATFORM);
  }

  /** How a verifying target is told to trust: its {@code caBundle} and {@code caBundleOnly}. */
  enum Trust {
    PLATFORM(null, null),
    BUNDLE_AND_PLATFORM(true, null),
    BUNDLE_ONLY(true, true);

    final Boolean caBundle;
    final Boolean caBundleOnly;

    Trust(Boolean caBundle, Boolean caBundleOnly) {
      this.caBundle = caBundle;
      this.caBundleOnly = caBundleOnly;
    }
  }

  HttpTarget target(String host, boolean tlsVerify, Trust trust) {
    return new HttpTarget(
        "s",
        "https",
        URI.create("https://" + host + ":" + server.getPort() + "/health"),
        3000,
        StatusRange.DEFAULT,
        "ok",
        tlsVerify,
        "s_availability", null, null, null, null, null, trust.caBundle, trust.caBundleOnly);
  }

  static ProbeResult probe(HttpProber prober, HttpTarget target) {
    return prober.probe(target, Duration.ofMillis(target.timeoutMs()));
  }

  /** The test CA as the bundle of {@code CA_BUNDLE_PARAMETER} would give it. */
  static final CaBundle BUNDLE = CaBundle.parse("/test/ca-bundle", CA.certificatePem());

  static HttpProber trustingTestCa() {
    return new HttpProber(RESOLVER, BUNDLE);
  }

  static HttpProber withPlatformTrust() {
    return new HttpProber(RESOLVER);
  }



  static final long DAY_MS = 86_400_000L;

  /**
   * Issue 19's private CA cases: one server per case on 127.0.0.1 with a certificate the test's
   * private CA signed (or another CA), probed by a prober holding the CA bundle (or none).
   *
   * @param sans the certificate's subject alternative names (an IP literal is an IP SAN)
   * @param validFromDays notBefore, in days from now
   * @param validToDays notAfter, in days from now
   * @param urlHost the host in the target's URL
   * @param signer "bundle" (the bundle's CA) or "other" (a CA not in the bundle)
   * @param proberHasBundle whether the prober was given the bundle
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                                | sans                  | from | to  | urlHost     | signer | trust               | bundle | reason
          verified with the bundle and platform | health.test           | -1   | 30  | health.test | bundle | BUNDLE_AND_PLATFORM | true   | ok
          verified with the bundle only         | health.test           | -1   | 30  | health.test | bundle | BUNDLE_ONLY         | true   | ok
          rejected without the bundle           | health.test           | -1   | 30  | health.test | bundle | PLATFORM            | true   | tls: unknown CA
          bundle only: another CA is unknown    | health.test           | -1   | 30  | health.test | other  | BUNDLE_ONLY         | true   | tls: unknown CA
          bundle and platform: another CA       | health.test           | -1   | 30  | health.test | other  | BUNDLE_AND_PLATFORM | true   | tls: unknown CA
          expired                               | health.test           | -10  | -1  | health.test | bundle | BUNDLE_AND_PLATFORM | true   | tls: certificate expired
          expired, bundle only                  | health.test           | -10  | -1  | health.test | bundle | BUNDLE_ONLY         | true   | tls: certificate expired
          not yet valid                         | health.test           | 1    | 30  | health.test | bundle | BUNDLE_AND_PLATFORM | true   | tls: certificate not yet valid
          hostname mismatch                     | health.test           | -1   | 30  | other.test  | bundle | BUNDLE_AND_PLATFORM | true   | tls: hostname mismatch
          IP-literal URL with an IP SAN         | 127.0.0.1             | -1   | 30  | 127.0.0.1   | bundle | BUNDLE_ONLY         | true   | ok
          IP-literal URL, DNS SAN only          | health.test           | -1   | 30  | 127.0.0.1   | bundle | BUNDLE_AND_PLATFORM | true   | tls: hostname mismatch
          IP-literal URL, another IP SAN        | 127.0.0.2             | -1   | 30  | 127.0.0.1   | bundle | BUNDLE_AND_PLATFORM | true   | tls: hostname mismatch
          caBundle target, prober without one   | health.test           | -1   | 30  | health.test | bundle | BUNDLE_AND_PLATFORM | false  | tls: no CA bundle (CA_BUNDLE_PARAMETER not set)
          """)
  void privateCaTrust(
      String description,
      String sans,
      int validFromDays,
      int validToDays,
      String urlHost,
      String signer,
      Trust trust,
      boolean proberHasBundle,
      String reason)
      throws IOException {
    long now = Instant.now().toEpochMilli();
    HeldCertificate.Builder certificate =
        certificateFor(sans).validityInterval(now + validFromDays * DAY_MS, now + validToDays * DAY_MS);
    HeldCertificate issuer = signer.equals("bundle") ? CA : OTHER_CA;
    HeldCertificate held = certificate.signedBy(issuer).build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(held, issuer.certificate())
            .build()
            .sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    HttpProber prober = proberHasBundle ? trustingTestCa() : withPlatformTrust();

    ProbeResult result = probe(prober, target(urlHost, true, trust));

    assertThat(result.reason()).isEqualTo(reason);
    assertThat(result.healthy()).isEqualTo(reason.equals("ok"));
  }

  /** A CA that is not in the bundle. */
  static final HeldCertificate OTHER_CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("another CA").build();

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
        .isEqualTo("tls: unknown CA");
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
    assertThat(probe(prober, target("health.test", true, Trust.PLATFORM)).reason())
        .isEqualTo("tls: unknown CA");
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
              "s_availability", null, null, null, null, null, null, null);

      ProbeResult result = probe(trustingTestCa(), target);

      assertThat(result).isEqualTo(ProbeResult.unhealthy("s", null, "tls: handshake failed"));
    }
  }
}
