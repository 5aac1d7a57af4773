package io.route53failover.healthcheck;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust managers for HTTPS probes: verification against chosen roots (a {@link CaBundle}, alone or
 * with the platform's roots), and no verification at all
 * for targets with {@code tlsVerify: false} (as Route 53's own HTTPS checks do).
 *
 * <p>okhttp-tls's {@code addInsecureHost} is not used for the latter: it matches the socket's peer
 * host name, which for an IP-literal URL is found by a reverse DNS lookup, so an insecure target at
 * {@code https://192.0.2.10/} would still be verified, and a test would touch real DNS.
 */
final class TlsTrust {

  private TlsTrust() {}

  /** A trust manager that trusts exactly {@code roots}. */
  static X509TrustManager trusting(List<X509Certificate> roots) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < roots.size(); i++) {
        store.setCertificateEntry("root-" + i, roots.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return x509(factory);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust manager for the given roots", e);
    }
  }

  /**
   * A trust manager that trusts {@code roots} and the platform's roots (the JDK's default trust
   * store), in one PKIX validation: a chain to either is accepted, and an expired certificate is
   * reported as expired whichever root it chains to.
   */
  static X509TrustManager trustingWithPlatformRoots(List<X509Certificate> roots) {
    List<X509Certificate> all = new ArrayList<>(roots);
    all.addAll(List.of(platform().getAcceptedIssuers()));
    return trusting(all);
  }

  /** The platform's trust manager: the JDK's default trust store. */
  static X509TrustManager platform() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return x509(factory);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the platform's trust store", e);
    }
  }

  private static X509TrustManager x509(TrustManagerFactory factory) {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X509TrustManager from " + factory.getAlgorithm());
  }

  /** A trust manager that accepts any server certificate chain: expired, self-signed, any name. */
  static X509TrustManager acceptingAnyServer() {
    return new AcceptAnyServer();
  }

  /** An SSL socket factory verifying servers with {@code trustManager}. */
  static SSLSocketFactory socketFactory(X509TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise TLS", e);
    }
  }

  /** Extended, so the JDK does not add its own endpoint checks around it. Clients are refused. */
  private static final class AcceptAnyServer extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("probes do not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return NONE;
    }
  }
}
