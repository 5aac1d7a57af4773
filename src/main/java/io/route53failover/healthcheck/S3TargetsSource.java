package io.route53failover.healthcheck;

import io.route53failover.aws.AwsErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code TARGETS_S3_URI}: one S3 GetObject call per read, conditional on the ETag already held
 * ({@code If-None-Match}), so an unchanged object answers 304 Not Modified and is neither
 * downloaded nor parsed again. The version is the object's {@code ETag}. Objects over {@link
 * TargetsLocation#MAX_S3_BYTES} are refused. Needs {@code s3:GetObject} on the object.
 */
final class S3TargetsSource implements TargetsSource {
  private static final int NOT_MODIFIED = 304;

  private final S3Client s3;
  private final TargetsLocation location;

  S3TargetsSource(S3Client s3, TargetsLocation location) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.location = Objects.requireNonNull(location, "location");
  }

  @Override
  public TargetsLocation location() {
    return location;
  }

  @Override
  public Optional<TargetsDocument> read(String knownVersion) {
    String knownEtag = etagOf(knownVersion);
    try (ResponseInputStream<GetObjectResponse> object =
        s3.getObject(r -> r.bucket(location.bucket()).key(location.key()).ifNoneMatch(knownEtag))) {
      String version = "etag " + object.response().eTag();
      if (version.equals(knownVersion)) {
        return Optional.empty();
      }
      Long length = object.response().contentLength();
      byte[] bytes =
          length != null && length > TargetsLocation.MAX_S3_BYTES
              ? null
              : object.readNBytes((int) TargetsLocation.MAX_S3_BYTES + 1);
      if (bytes == null || bytes.length > TargetsLocation.MAX_S3_BYTES) {
        throw new TargetConfigException(
            location.describe(),
            null,
            null,
            "the object is "
                + (bytes == null ? length + " bytes" : "over " + TargetsLocation.MAX_S3_BYTES + " bytes")
                + "; at most "
                + TargetsLocation.MAX_S3_BYTES
                + " bytes (1 MB) are accepted");
      }
      return Optional.of(new TargetsDocument(new String(bytes, StandardCharsets.UTF_8), version));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_MODIFIED && knownEtag != null) {
        return Optional.empty();
      }
      throw failed(e);
    } catch (TargetConfigException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw failed(e);
    }
  }

  private TargetConfigException failed(Exception e) {
    return new TargetConfigException(
        location.describe(), null, null, AwsErrors.describe("S3 GetObject", e));
  }

  private static String etagOf(String version) {
    return version != null && version.startsWith("etag ") ? version.substring(5) : null;
  }
}
