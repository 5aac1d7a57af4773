package io.route53failover.healthcheck;

import io.route53failover.aws.ParameterReadException;
import io.route53failover.aws.ParameterReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private CAs of {@code CA_BUNDLE_PARAMETER}: certificates that https targets with {@code
 * caBundle: true} are verified against (with the platform's roots too, unless {@code
 * caBundleOnly}).
 *
 * <p>The parameter (String or SecureString, read once at cold start with GetParameter {@code
 * WithDecryption}) holds one or more PEM blocks {@code -----BEGIN CERTIFICATE-----} … {@code
 * -----END CERTIFICATE-----}; text between blocks is ignored. Each block is decoded by the JDK's
 * X.509 {@link CertificateFactory}. Every certificate must be a CA certificate (basic constraints
 * {@code cA} true).
 *
 * @param parameter the SSM parameter name or ARN, or {@code null} when {@code CA_BUNDLE_PARAMETER}
 *     is not set
 * @param certificates the CA certificates in the order given; empty exactly when {@code parameter}
 *     is null
 */
public record CaBundle(String parameter, List<X509Certificate> certificates) {

  /** No bundle: {@code CA_BUNDLE_PARAMETER} is not set. */
  public static final CaBundle NONE = new CaBundle(null, List.of());

  /** Most certificates one bundle may hold. */
  public static final int MAX_CERTIFICATES = 100;

  private static final Pattern PEM_BLOCK =
      Pattern.compile(
          "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

  private static final String BEGIN = "-----BEGIN";

  public CaBundle {
    certificates = List.copyOf(certificates);
    if ((parameter == null) != certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "a bundle has a parameter and at least one certificate, or neither");
    }
  }

  /** Whether {@code CA_BUNDLE_PARAMETER} was set (and so certificates were loaded). */
  public boolean isSet() {
    return parameter != null;
  }

  /**
   * Reads {@code parameter} (one SSM GetParameter call, {@code WithDecryption} true, through
   * {@link io.route53failover.aws.SsmParameterReader}) and parses its value ({@link #parse(String,
   * String)}).
   *
   * @param parameters reads the parameter, e.g. on the execution environment's SSM client
   * @param parameter the parameter's name or ARN
   * @throws TargetConfigException naming {@code CA_BUNDLE_PARAMETER} and the parameter when the
   *     call fails (missing parameter, access denied) or the value is not a valid bundle
   */
  public static CaBundle read(ParameterReader parameters, String parameter) {
    Objects.requireNonNull(parameters, "parameters");
    String value;
    try {
      value = parameters.read(parameter);
    } catch (ParameterReadException e) {
      throw problem(parameter, e.problem());
    }
    return parse(parameter, value);
  }

  /**
   * Parses a bundle's PEM text.
   *
   * @param parameter where the text came from (named in errors)
   * @param pem one or more PEM certificate blocks
   * @throws TargetConfigException naming {@code CA_BUNDLE_PARAMETER}, the parameter and the
   *     problem: no certificate, more than {@value #MAX_CERTIFICATES}, a block that does not
   *     decode, a certificate that is not a CA
   */
  public static CaBundle parse(String parameter, String pem) {
    Objects.requireNonNull(parameter, "parameter");
    try {
      return new CaBundle(parameter, certificates(pem));
    } catch (IllegalArgumentException e) {
      throw problem(parameter, e.getMessage());
    }
  }

  /**
   * The CA certificates of {@code pem}, in order.
   *
   * @throws IllegalArgumentException saying what is wrong, naming a certificate by its position
   *     (1-based) and subject
   */
  static List<X509Certificate> certificates(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("is empty; expected one or more PEM certificates");
    }
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher block = PEM_BLOCK.matcher(pem);
    int end = 0;
    while (block.find()) {
      int n = certificates.size() + 1;
      if (n > MAX_CERTIFICATES) {
        throw new IllegalArgumentException(
            "holds more than " + MAX_CERTIFICATES + " certificates");
      }
      X509Certificate certificate = decode(factory, block.group(), n);
      if (certificate.getBasicConstraints() < 0) {
        throw new IllegalArgumentException(
            "certificate "
                + n
                + " ("
                + TargetRules.shorten(certificate.getSubjectX500Principal().getName(), 120)
                + ") is not a CA certificate (basic constraints cA is false); put the issuing CA"
                + " in the bundle, not the server's certificate");
      }
      certificates.add(certificate);
      end = block.end();
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
    }
    if (pem.indexOf(BEGIN, end) >= 0) {
      throw new IllegalArgumentException(
          "certificate " + (certificates.size() + 1) + " has no -----END CERTIFICATE----- line");
    }
    return certificates;
  }

  private static X509Certificate decode(CertificateFactory factory, String block, int n) {
    if (block.indexOf(BEGIN, 1) >= 0) {
      // the lazy match ran on into the next block
      throw new IllegalArgumentException(
          "certificate " + n + " has no -----END CERTIFICATE----- line");
    }
    Certificate certificate;
    try {
      certificate =
          factory.generateCertificate(
              new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException(
          "certificate "
              + n
              + " is not a valid PEM certificate: "
              + TargetRules.shorten(String.valueOf(e.getMessage()), 120));
    }
    // an X.509 factory makes X.509 certificates only
    return (X509Certificate) certificate;
  }

  /**
   * Checks that no target asks for the bundle when there is none.
   *
   * @throws TargetConfigException naming {@code TARGETS}, the first such target and its field
   *     {@code caBundle}, and {@code CA_BUNDLE_PARAMETER}
   */
  void requireForTargets(List<Target> targets) {
    if (isSet()) {
      return;
    }
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i) instanceof HttpTarget http && http.usesCaBundle()) {
        throw new TargetConfigException(
            HealthCheckConfig.TARGETS,
            "\"" + http.name() + "\" (index " + i + ")",
            "caBundle",
            "is true but "
                + HealthCheckConfig.CA_BUNDLE_PARAMETER
                + " is not set; set it to the SSM parameter holding the PEM CA certificates, or"
                + " remove caBundle");
      }
    }
  }

  private static TargetConfigException problem(String parameter, String what) {
    return new TargetConfigException(
        HealthCheckConfig.CA_BUNDLE_PARAMETER + " " + parameter, null, null, what);
  }
}
