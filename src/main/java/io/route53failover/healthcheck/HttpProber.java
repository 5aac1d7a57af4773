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
 * <p>HTTPS certificates and host names are verified against the trust roots (the platform's by
 * default) unless the target sets {@code tlsVerify: false}, which accepts any certificate (expired,
 * self-signed, for another name), as Route 53's HTTPS checks do. Since redirects are not followed,
 * such a target's probe only ever talks to its own host.
 */
final class HttpProber implements Prober {

  static final String USER_AGENT = "route53-failover-healthcheck";

  private final HostResolver resolver;
  private final OkHttpClient verifying;
  private final OkHttpClient insecure;

  /** A prober resolving through {@code resolver} and trusting the platform's certificates. */
  HttpProber(HostResolver resolver) {
    this(resolver, List.of());
  }

  /**
   * @param resolver resolves target hosts
   * @param trustedRoots certificates trusted for HTTPS; empty for the platform's trust roots
   */
  HttpProber(HostResolver resolver, List<X509Certificate> trustedRoots) {
    this.resolver = resolver;
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .protocols(List.of(Protocol.HTTP_1_1))
            // keep no idle connection: every probe opens its own, so a dead listener shows
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS));
    if (!trustedRoots.isEmpty()) {
      X509TrustManager roots = TlsTrust.trusting(trustedRoots);
      builder.sslSocketFactory(TlsTrust.socketFactory(roots), roots);
    }
    this.verifying = builder.build();
    X509TrustManager any = TlsTrust.acceptingAnyServer();
    this.insecure =
        verifying
            .newBuilder()
            .sslSocketFactory(TlsTrust.socketFactory(any), any)
            .hostnameVerifier((hostname, session) -> true)
            .build();
  }

  @Override
  public ProbeResult probe(Target target, Duration timeout) {
    if (!(target instanceof HttpTarget http)) {
      throw new IllegalArgumentException("not an http(s) target: " + target.name());
    }
    HttpUrl url = HttpUrl.get(http.url().toString());
    long timeoutMs = Math.max(1, timeout.toMillis());
    long start = System.nanoTime();
    OkHttpClient client =
        (http.verifiesTls() ? verifying : insecure)
            .newBuilder()
            .dns(new ResolverDns(resolver, start + TimeUnit.MILLISECONDS.toNanos(timeoutMs)))
            .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("User-Agent", USER_AGENT)
            .header("Accept-Encoding", "identity")
            .header("Connection", "close")
            .build();
    Call call = client.newCall(request);
    Response response = null;
    try {
      response = call.execute();
      return judge(http, response, start);
    } catch (IOException e) {
      return ProbeResult.unhealthy(
          http.name(), response == null ? null : Millis.since(start), FailureReasons.of(e));
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
    if (http.expectedBody() != null
        && !prefixContains(response.body().source(), ByteString.encodeUtf8(http.expectedBody()))) {
      return ProbeResult.unhealthy(http.name(), Millis.since(start), "body mismatch");
    }
    return ProbeResult.healthy(http.name(), Millis.since(start));
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
