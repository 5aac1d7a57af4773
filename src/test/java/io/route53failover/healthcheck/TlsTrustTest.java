package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** {@link TlsTrust}: which roots each trust manager holds, and what it accepts. */
class TlsTrustTest {

  @Test
  void theBundleWithPlatformRootsHoldsBothTheBundleOnlyHoldsItsOwn() {
    X509Certificate root = CaBundleTest.ROOT.certificate();
    List<X509Certificate> platform = List.of(TlsTrust.platform().getAcceptedIssuers());

    X509TrustManager both = TlsTrust.trustingWithPlatformRoots(List.of(root));
    X509TrustManager only = TlsTrust.trusting(List.of(root));

    assertThat(platform).isNotEmpty().doesNotContain(root);
    assertThat(both.getAcceptedIssuers()).contains(root).containsAll(platform);
    assertThat(both.getAcceptedIssuers()).hasSize(platform.size() + 1);
    assertThat(only.getAcceptedIssuers()).containsExactly(root);
  }

  @Test
  void aChainToTheBundleIsTrustedAChainToAnotherCaIsNot() throws CertificateException {
    X509TrustManager both =
        TlsTrust.trustingWithPlatformRoots(List.of(CaBundleTest.ROOT.certificate()));
    X509Certificate[] chain = {
      CaBundleTest.LEAF.certificate(), CaBundleTest.ISSUING.certificate()
    };

    both.checkServerTrusted(chain, "ECDHE_ECDSA");
    assertThatThrownBy(
            () -> TlsTrust.platform().checkServerTrusted(chain, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }
}
