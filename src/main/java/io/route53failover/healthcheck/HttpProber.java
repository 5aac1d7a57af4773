package io.route53failover.healthcheck;

import java.io.IOException;
import java.net.Proxy;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Probes an {@link HttpTarget} with one GET over a fresh HTTP/1.1 connection, as Route 53's
 * checkers do: redirects are not followed, the status must lie in {@code expectedStatus}, and
 * {@code expectedBody}, when set, must occur in the first 5,120 bytes of the body. No more of the
 * body is read; the connection is closed right after. The timeout bounds connect, TLS handshake,
 * request and response together ({@code callTimeout}), and host name resolution, which ends by
 * the same time ({@link BoundedResolution}; reason {@code dns: timeout}).
 *
 * <p>HTTPS certificates and host names are verified against the platform's trust roots; a target
 * with {@code caBundle: true} against the {@link CaBundle}'s CAs and the platform's roots, or the
 * bundle's CAs alone with {@code caBundleOnly: true}. Host names are always verified by OkHttp's
 * verifier: a DNS name against the certificate's DNS subject alternative names, an IP-literal URL
 * against its IP address SANs. A target with {@code tlsVerify: false} accepts any certificate
 * (expired, self-signed, for another name), as Route 53's HTTPS checks do. Since redirects are not
 * followed, such a target's probe only ever talks to its own host. A {@code caBundle} target
 * probed without a bundle (which configuration validation prevents in the function) fails with
 * reason {@value #NO_CA_BUNDLE}.
 */
final class HttpProber implements Prober {

  static final String USER_AGENT = "route53-failover-healthcheck";

  /** Reason of a {@code caBundle} target probed by a prober without a CA bundle. */
  static final String NO_CA_BUNDLE = "tls: no CA bundle (CA_BUNDLE_PARAMETER not set)";

  private final HostResolver resolver;
  private final OkHttpClient verifying;
  private final OkHttpClient insecure;
  private final OkHttpClient withBundle;
  private final OkHttpClient bundleOnly;

  /** A prober resolving through {@code resolver}, with no CA bundle. */
  HttpProber(HostResolver resolver) {
    this(resolver, CaBundle.NONE);
  }

  /**
   * @param resolver resolves target hosts
   * @param caBundle the private CAs for {@code caBundle} targets, or {@link CaBundle#NONE}
   */
  HttpProber(HostResolver resolver, CaBundle caBundle) {
    this.resolver = resolver;
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .protocols(List.of(Protocol.HTTP_1_1))
            // keep no idle connection: every probe opens its own, so a dead listener shows
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
            .addNetworkInterceptor(HttpProber::recordLeaf);
    this.verifying = builder.build();
    if (caBundle.isSet()) {
      this.withBundle =
          trusting(verifying, TlsTrust.trustingWithPlatformRoots(caBundle.certificates()));
      this.bundleOnly = trusting(verifying, TlsTrust.trusting(caBundle.certificates()));
    } else {
      this.withBundle = null;
      this.bundleOnly = null;
    }
    X509TrustManager any = TlsTrust.acceptingAnyServer();
    this.insecure =
        verifying
            .newBuilder()
            .sslSocketFactory(TlsTrust.socketFactory(any), any)
            .hostnameVerifier((hostname, session) -> true)
            .build();
  }

  private static OkHttpClient trusting(OkHttpClient base, X509TrustManager roots) {
    return base.newBuilder().sslSocketFactory(TlsTrust.socketFactory(roots), roots).build();
  }

  /** The client whose trust {@code http} asks for; null for a bundle this prober does not have. */
  private OkHttpClient clientFor(HttpTarget http) {
    if (!http.verifiesTls()) {
      return insecure;
    }
    if (!http.usesCaBundle()) {
      return verifying;
    }
    return http.trustsOnlyCaBundle() ? bundleOnly : withBundle;
  }

  @Override
  public ProbeResult probe(Target target, Duration timeout) {
    if (!(target instanceof HttpTarget http)) {
      throw new IllegalArgumentException("not an http(s) target: " + target.name());
    }
    OkHttpClient trust = clientFor(http);
    if (trust == null) {
      return ProbeResult.unhealthy(http.name(), null, NO_CA_BUNDLE);
    }
    HttpUrl url = HttpUrl.get(http.url().toString());
    long timeoutMs = Math.max(1, timeout.toMillis());
    long start = System.nanoTime();
    OkHttpClient client =
        trust
            .newBuilder()
            .dns(new ResolverDns(resolver, start + TimeUnit.MILLISECONDS.toNanos(timeoutMs)))
            .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .build();
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .method(http.method(), null)
            .header("User-Agent", USER_AGENT);
    if (http.headers() != null) {
      http.headers().forEach((name, value) -> request.header(name, value.value()));
    }
    request.header("Accept-Encoding", "identity").header("Connection", "close");
    LeafCertificate leaf = new LeafCertificate();
    request.tag(LeafCertificate.class, leaf);
    Call call = client.newCall(request.build());
    Response response = null;
    try {
      response = call.execute();
      return judge(http, response, start).withCertDays(leaf.daysLeft());
    } catch (IOException e) {
      return ProbeResult.unhealthy(
              http.name(), response == null ? null : Millis.since(start), FailureReasons.of(e))
          .withCertDays(leaf.daysLeft());
    } finally {
      // cancel first: closing a half-read body would otherwise try to drain the rest
      call.cancel();
      if (response != null) {
        response.close();
      }
    }
  }

  private static ProbeResult judge(HttpTarget http, Response response, long start)
      throws IOException {
    int status = response.code();
    if (!http.expectedStatus().matches(status)) {
      return ProbeResult.unhealthy(http.name(), Millis.since(start), "status " + status);
    }
    if (http.expectedJson() != null) {
      return judgeJson(http, response.body().source(), start);
    }
    if (http.expectedBody() != null
        && !prefixContains(response.body().source(), ByteString.encodeUtf8(http.expectedBody()))) {
      return ProbeResult.unhealthy(http.name(), Millis.since(start), "body mismatch");
    }
    return ProbeResult.healthy(http.name(), Millis.since(start));
  }

  /**
   * Reads at most {@link HttpTarget#JSON_BODY_LIMIT_BYTES} of the body, checks {@code
   * expectedBody} on its first 5,120 bytes, then every JSON Pointer of {@code expectedJson} in
   * order; the first mismatch is the reason.
   */
  private static ProbeResult judgeJson(HttpTarget http, BufferedSource body, long start)
      throws IOException {
    Buffer prefix = new Buffer();
    long limit = HttpTarget.JSON_BODY_LIMIT_BYTES + 1L;
    while (prefix.size() < limit && body.read(prefix, limit - prefix.size()) != -1) {
      // read on
    }
    long latency = Millis.since(start);
    if (http.expectedBody() != null) {
      Buffer head = new Buffer();
      prefix.copyTo(head, 0, Math.min(prefix.size(), HttpTarget.BODY_SEARCH_LIMIT_BYTES));
      if (head.indexOf(ByteString.encodeUtf8(http.expectedBody())) < 0) {
        return ProbeResult.unhealthy(http.name(), latency, "body mismatch");
      }
    }
    if (prefix.size() > HttpTarget.JSON_BODY_LIMIT_BYTES) {
      return ProbeResult.unhealthy(http.name(), latency, "body not json: over 64 KB");
    }
    String reason = JsonBody.mismatch(prefix.readByteArray(), http.expectedJson());
    return reason == null
        ? ProbeResult.healthy(http.name(), latency)
        : ProbeResult.unhealthy(http.name(), latency, reason);
  }

  /**
   * The server's leaf certificate of one probe, taken from the TLS session once the handshake
   * completed (whether or not it was verified: with {@code tlsVerify: false} OkHttp keeps no
   * verified chain).
   */
  private static final class LeafCertificate {
    private volatile X509Certificate leaf;

    /** Days (a fraction) from now to the leaf's notAfter, or null when no handshake completed. */
    Double daysLeft() {
      X509Certificate c = leaf;
      return c == null ? null : (c.getNotAfter().getTime() - System.currentTimeMillis()) / 86_400_000.0;
    }
  }

  private static Response recordLeaf(okhttp3.Interceptor.Chain chain) throws IOException {
    LeafCertificate holder = chain.request().tag(LeafCertificate.class);
    if (holder != null
        && chain.connection() != null
        && chain.connection().socket() instanceof javax.net.ssl.SSLSocket tls) {
      try {
        java.security.cert.Certificate[] chainSeen = tls.getSession().getPeerCertificates();
        if (chainSeen.length > 0 && chainSeen[0] instanceof X509Certificate x509) {
          holder.leaf = x509;
        }
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        // no certificate: nothing to publish
      }
    }
    return chain.proceed(chain.request());
  }

  /**
   * Whether {@code wanted} occurs in the first {@link HttpTarget#BODY_SEARCH_LIMIT_BYTES} bytes of
   * {@code body}; reads no further.
   */
  static boolean prefixContains(BufferedSource body, ByteString wanted) throws IOException {
    Buffer prefix = new Buffer();
    while (prefix.size() < HttpTarget.BODY_SEARCH_LIMIT_BYTES) {
      if (body.read(prefix, HttpTarget.BODY_SEARCH_LIMIT_BYTES - prefix.size()) == -1) {
        break;
      }
      if (prefix.indexOf(wanted) >= 0) {
        return true;
      }
    }
    return prefix.indexOf(wanted) >= 0;
  }
}
