package io.route53failover.aws;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@link ParameterReader} on SSM: one GetParameter call ({@code WithDecryption} true, so a
 * SecureString is decrypted with its KMS key) per read. The client is asked for on the first read
 * only, and kept, so a configuration that reads no parameter never builds one; pass {@link AwsClients#ssm()}
 * for the execution environment's shared client. Needs {@code ssm:GetParameter} on the parameter
 * and, for a SecureString under a customer managed key, {@code kms:Decrypt} through SSM.
 */
public final class SsmParameterReader implements ParameterReader {
  private final Supplier<SsmClient> ssm;
  private SsmClient client;

  /** @param ssm the client, asked for on the first read */
  public SsmParameterReader(Supplier<SsmClient> ssm) {
    this.ssm = Objects.requireNonNull(ssm, "ssm");
  }

  @Override
  public String read(String name) {
    try {
      return client().getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
    } catch (RuntimeException e) {
      // the SDK's messages hold request data, never the value asked for
      throw new ParameterReadException(name, AwsErrors.describe("SSM GetParameter", e));
    }
  }

  /** The client, built on the first read and kept. */
  private synchronized SsmClient client() {
    if (client == null) {
      client = Objects.requireNonNull(ssm.get(), "ssm client");
    }
    return client;
  }
}
