package io.route53failover.healthcheck;

import io.route53failover.aws.AwsErrors;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * {@code TARGETS_PARAMETER}: one SSM GetParameter call ({@code WithDecryption} true, so a
 * SecureString is decrypted with its KMS key) per read. The version is the parameter's {@code
 * Version}; an unchanged version is not parsed again. Needs {@code ssm:GetParameter} on the
 * parameter, and {@code kms:Decrypt} through SSM for a SecureString.
 */
final class SsmTargetsSource implements TargetsSource {
  private final SsmClient ssm;
  private final TargetsLocation location;

  SsmTargetsSource(SsmClient ssm, TargetsLocation location) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
    this.location = Objects.requireNonNull(location, "location");
  }

  @Override
  public TargetsLocation location() {
    return location;
  }

  @Override
  public Optional<TargetsDocument> read(String knownVersion) {
    Parameter parameter;
    try {
      parameter = ssm.getParameter(r -> r.name(location.value()).withDecryption(true)).parameter();
    } catch (RuntimeException e) {
      throw new TargetConfigException(
          location.describe(), null, null, AwsErrors.describe("SSM GetParameter", e));
    }
    String version = "version " + parameter.version();
    if (version.equals(knownVersion)) {
      return Optional.empty();
    }
    return Optional.of(new TargetsDocument(parameter.value(), version));
  }
}
