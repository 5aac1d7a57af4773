package io.route53failover.healthcheck;

import java.util.Objects;

/**
 * One read of the target list's source: the JSON text and the version that identifies it.
 *
 * @param json the JSON array of targets, as stored
 * @param version how the source names this content: {@code "inline"} for {@code TARGETS}, {@code
 *     "version 3"} for an SSM parameter (its {@code Version}), {@code "etag \"9b2c…\""} for an S3
 *     object (its {@code ETag})
 */
public record TargetsDocument(String json, String version) {
  public TargetsDocument {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(version, "version");
  }
}
