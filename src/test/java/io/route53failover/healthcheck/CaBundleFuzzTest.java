package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.route53failover.testing.FuzzBounds;
import io.route53failover.testing.FuzzStats;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link CaBundle#parse} with arbitrary {@code CA_BUNDLE_PARAMETER} values (the SSM
 * parameter's text).
 *
 * <p>Property: every input ends in a bundle of 1 to {@value CaBundle#MAX_CERTIFICATES} CA
 * certificates (basic constraints {@code cA} true), or in a {@link TargetConfigException} naming
 * {@code CA_BUNDLE_PARAMETER} and the parameter, with a message short enough for one log line;
 * never in another exception (the JDK's certificate parser throws several kinds, which must all be
 * turned into the configuration error); within {@link FuzzBounds}.
 *
 * <p>Seeds: {@code
 * src/test/resources/io/route53failover/healthcheck/CaBundleFuzzTestInputs/bundle/}: a root CA, a
 * root and an issuing CA with text between them, a server certificate (rejected), a block with a
 * broken body and one without its end line. Without {@code JAZZER_FUZZ} this runs the seeds as a
 * regression test.
 */
class CaBundleFuzzTest {

  static final String PARAMETER = "/fuzz/ca-bundle";

  /** Longest error message accepted, in characters: one readable log line. */
  static final int MAX_MESSAGE_CHARS = 512;

  static {
    // load and initialise the certificate factory, so an input's allocation is its own
    checkOne(CaBundleTest.ROOT.certificatePem());
    checkOne("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  }

  @DictionaryEntries({
    "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----", "\\x0A", "\\x0D\\x0A", "MII", "MIIB",
    "MIIC", "==", "-----BEGIN ", "-----END "
  })
  @FuzzTest(maxDuration = "20s")
  void bundle(byte[] input) {
    String pem = new String(input, StandardCharsets.UTF_8);
    FuzzBounds.check(input.length, () -> FuzzStats.record(checkOne(pem)));
  }

  @AfterAll
  static void writeStats() {
    FuzzStats.write("CaBundleFuzzTest#bundle");
  }

  /** Checks the property for one input; returns how it ended, for {@link FuzzStats}. */
  private static String checkOne(String pem) {
    CaBundle bundle;
    try {
      bundle = CaBundle.parse(PARAMETER, pem);
    } catch (TargetConfigException e) {
      assertThat(e.variable()).isEqualTo("CA_BUNDLE_PARAMETER " + PARAMETER);
      assertThat(e.getMessage())
          .startsWith("CA_BUNDLE_PARAMETER " + PARAMETER + ": ")
          .hasSizeLessThanOrEqualTo(MAX_MESSAGE_CHARS);
      String problem = e.problem();
      return problem.startsWith("certificate ")
          ? "rejected.certificate." + problem.replaceFirst("^certificate \\d+ (\\([^)]*\\) )?", "")
              .replaceFirst(":.*", "")
          : "rejected.whole-value";
    }
    assertThat(bundle.parameter()).isEqualTo(PARAMETER);
    assertThat(bundle.certificates()).hasSizeBetween(1, CaBundle.MAX_CERTIFICATES);
    for (X509Certificate certificate : bundle.certificates()) {
      assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }
    return "accepted." + bundle.certificates().size();
  }
}
