package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** {@link CaBundle}: PEM parsing, its errors, the SSM read and the check of caBundle targets. */
class CaBundleTest {

  static final HeldCertificate ROOT =
      new HeldCertificate.Builder().certificateAuthority(1).commonName("Test Root CA").build();
  static final HeldCertificate ISSUING =
      new HeldCertificate.Builder()
          .certificateAuthority(0)
          .commonName("Test Issuing CA")
          .signedBy(ROOT)
          .build();
  static final HeldCertificate LEAF =
      new HeldCertificate.Builder()
          .commonName("health.test")
          .addSubjectAlternativeName("health.test")
          .signedBy(ISSUING)
          .build();

  /** A bundle of the root CA. */
  static CaBundle bundle() {
    return CaBundle.parse("/ops/ca-bundle", ROOT.certificatePem());
  }

  private static String problem(String pem) {
    try {
      CaBundle.parse("/ops/ca-bundle", pem);
    } catch (TargetConfigException e) {
      assertThat(e.variable()).isEqualTo("CA_BUNDLE_PARAMETER /ops/ca-bundle");
      assertThat(e.getMessage()).startsWith("CA_BUNDLE_PARAMETER /ops/ca-bundle: ");
      return e.problem();
    }
    throw new AssertionError("accepted: " + pem);
  }

  @Test
  void parsesEveryCertificateInOrderIgnoringTextBetweenBlocks() {
    String pem =
        "# corporate PKI\n"
            + ROOT.certificatePem()
            + "\nissuing CA, valid to 2030\r\n"
            + ISSUING.certificatePem().replace("\n", "\r\n");

    CaBundle bundle = CaBundle.parse("/ops/ca-bundle", pem);

    assertThat(bundle.isSet()).isTrue();
    assertThat(bundle.parameter()).isEqualTo("/ops/ca-bundle");
    assertThat(bundle.certificates())
        .containsExactly(ROOT.certificate(), ISSUING.certificate());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" \n "})
  void anEmptyValueIsRejected(String pem) {
    assertThat(problem(pem)).isEqualTo("is empty; expected one or more PEM certificates");
  }

  @Test
  void aValueWithoutACertificateBlockIsRejected() {
    assertThat(problem("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n"))
        .isEqualTo(
            "holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
  }

  @Test
  void aBlockThatDoesNotDecodeIsRejectedByItsPosition() {
    String broken = "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n";
    assertThat(problem(ROOT.certificatePem() + broken))
        .startsWith("certificate 2 is not a valid PEM certificate: ");
    String truncated = ROOT.certificatePem();
    truncated = truncated.substring(0, 200) + "\n-----END CERTIFICATE-----\n";
    assertThat(problem(truncated)).startsWith("certificate 1 is not a valid PEM certificate: ");
  }

  @Test
  void aServerCertificateIsNotACa() {
    assertThat(problem(ROOT.certificatePem() + LEAF.certificatePem()))
        .isEqualTo(
            "certificate 2 (CN=health.test) is not a CA certificate (basic constraints cA is"
                + " false); put the issuing CA in the bundle, not the server's certificate");
  }

  @Test
  void aBlockWithoutItsEndLineIsRejected() {
    String first = ROOT.certificatePem().replace("-----END CERTIFICATE-----", "");
    assertThat(problem(first + ISSUING.certificatePem()))
        .isEqualTo("certificate 1 has no -----END CERTIFICATE----- line");
    String last = ISSUING.certificatePem().replace("-----END CERTIFICATE-----", "");
    assertThat(problem(ROOT.certificatePem() + last))
        .isEqualTo("certificate 2 has no -----END CERTIFICATE----- line");
  }

  @Test
  void atMostAHundredCertificates() {
    assertThat(CaBundle.parse("p", ROOT.certificatePem().repeat(100)).certificates()).hasSize(100);
    assertThat(problem(ROOT.certificatePem().repeat(101)))
        .isEqualTo("holds more than 100 certificates");
  }

  @Test
  void aBundleHasAParameterAndCertificatesOrNeither() {
    assertThat(CaBundle.NONE.isSet()).isFalse();
    assertThatThrownBy(() -> new CaBundle("p", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    List<X509Certificate> one = List.of(ROOT.certificate());
    assertThatThrownBy(() -> new CaBundle(null, one)).isInstanceOf(IllegalArgumentException.class);
  }

  /** An SSM client answering GetParameter with {@code value}, or failing with {@code failure}. */
  private static final class FakeSsm implements SsmClient {
    final List<GetParameterRequest> requests = new ArrayList<>();
    String value;
    RuntimeException failure;

    @Override
    public GetParameterResponse getParameter(GetParameterRequest request) {
      requests.add(request);
      if (failure != null) {
        throw failure;
      }
      return GetParameterResponse.builder()
          .parameter(p -> p.name(request.name()).value(value).version(3L))
          .build();
    }

    @Override
    public String serviceName() {
      return "ssm";
    }

    @Override
    public void close() {}
  }

  @Test
  void readsTheParameterOnceWithDecryption() {
    FakeSsm ssm = new FakeSsm();
    ssm.value = ROOT.certificatePem();

    CaBundle bundle = CaBundle.read(new io.route53failover.aws.SsmParameterReader(() -> ssm), "arn:aws:ssm:us-east-1:123456789012:parameter/ops/ca");

    assertThat(bundle.certificates()).containsExactly(ROOT.certificate());
    assertThat(bundle.parameter()).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/ops/ca");
    assertThat(ssm.requests)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/ops/ca");
              assertThat(r.withDecryption()).isTrue();
            });
  }

  @Test
  void anUnreadableParameterNamesTheVariableTheParameterAndTheError() {
    FakeSsm ssm = new FakeSsm();
    ssm.failure = ParameterNotFoundException.builder().message("not found").build();

    assertThatThrownBy(() -> CaBundle.read(new io.route53failover.aws.SsmParameterReader(() -> ssm), "/ops/missing"))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("CA_BUNDLE_PARAMETER /ops/missing: ")
        .hasMessageContaining("ParameterNotFoundException");
  }

  @Test
  void aParameterHoldingNoCertificateNamesIt() {
    FakeSsm ssm = new FakeSsm();
    ssm.value = "TODO: paste the CA here";

    assertThatThrownBy(() -> CaBundle.read(new io.route53failover.aws.SsmParameterReader(() -> ssm), "/ops/ca"))
        .hasMessage(
            "CA_BUNDLE_PARAMETER /ops/ca: holds no PEM certificate (-----BEGIN CERTIFICATE-----"
                + " ... -----END CERTIFICATE-----)");
  }

  static HttpTarget https(String name, Boolean caBundle) {
    return new HttpTarget(
        name, "https", URI.create("https://h/"), null, null, null, null, null, null, null, null,
        null, null, caBundle, null);
  }

  @Test
  void aCaBundleTargetNeedsABundle() {
    List<Target> targets =
        List.of(
            https("public", null),
            new TcpTarget("db", "h", 1, null, null, null, null),
            https("pki", true));

    assertThatThrownBy(() -> CaBundle.NONE.requireForTargets(targets))
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("TARGETS");
              assertThat(e.target()).isEqualTo("\"pki\" (index 2)");
              assertThat(e.field()).isEqualTo("caBundle");
              assertThat(e.problem()).startsWith("is true but CA_BUNDLE_PARAMETER is not set");
            });
    bundle().requireForTargets(targets);
    CaBundle.NONE.requireForTargets(targets.subList(0, 2));
  }
}
