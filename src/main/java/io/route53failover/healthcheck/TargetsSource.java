package io.route53failover.healthcheck;

import io.route53failover.aws.ParameterReader;
import io.route53failover.aws.SsmParameterReader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads the target list from where {@link TargetsLocation} says. Implementations: {@link
 * InlineTargetsSource}, {@link SsmTargetsSource}, {@link S3TargetsSource}.
 */
public interface TargetsSource {

  /** Where this source reads from. */
  TargetsLocation location();

  /**
   * Reads the list unless it is still {@code knownVersion}.
   *
   * @param knownVersion the {@link TargetsDocument#version()} already held, or {@code null} to read
   *     unconditionally
   * @return the document, or empty when the source still holds {@code knownVersion}
   * @throws TargetConfigException naming the source ({@link TargetsLocation#describe()}) and what
   *     failed, for example a missing parameter or object, a denied call or an oversized object
   */
  Optional<TargetsDocument> read(String knownVersion);

  /**
   * Reads the header values the list gives as {@code {"fromParameter": "/ssm/name"}} ({@link
   * HeaderParameters}). By default none can be read: the list must not use them.
   */
  default ParameterReader parameters() {
    return ParameterReader.UNAVAILABLE;
  }

  /**
   * The source for {@code location}, reading header parameters through SSM. The clients are asked
   * for only when the location (or a header parameter) needs them, so an inline list without
   * parameters never builds an AWS client.
   */
  static TargetsSource open(
      TargetsLocation location, Supplier<SsmClient> ssm, Supplier<S3Client> s3) {
    TargetsSource source =
        switch (location.kind()) {
          case INLINE -> new InlineTargetsSource(location);
          case PARAMETER -> new SsmTargetsSource(ssm.get(), location);
          case S3 -> new S3TargetsSource(s3.get(), location);
        };
    return withParameters(source, new SsmParameterReader(ssm));
  }

  /** {@code source}, reading header parameters through {@code parameters}. */
  static TargetsSource withParameters(TargetsSource source, ParameterReader parameters) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(parameters, "parameters");
    return new TargetsSource() {
      @Override
      public TargetsLocation location() {
        return source.location();
      }

      @Override
      public Optional<TargetsDocument> read(String knownVersion) {
        return source.read(knownVersion);
      }

      @Override
      public ParameterReader parameters() {
        return parameters;
      }
    };
  }
}
