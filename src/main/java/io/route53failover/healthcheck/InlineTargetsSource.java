package io.route53failover.healthcheck;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code TARGETS}: the JSON in the environment, which cannot change in a running execution
 * environment. Its version is {@value #VERSION}.
 */
final class InlineTargetsSource implements TargetsSource {
  static final String VERSION = "inline";

  private final TargetsLocation location;

  InlineTargetsSource(TargetsLocation location) {
    this.location = Objects.requireNonNull(location, "location");
  }

  @Override
  public TargetsLocation location() {
    return location;
  }

  @Override
  public Optional<TargetsDocument> read(String knownVersion) {
    return VERSION.equals(knownVersion)
        ? Optional.empty()
        : Optional.of(new TargetsDocument(location.value(), VERSION));
  }
}
