package io.route53failover.events;

/**
 * How a health check is locked, as named in an event's {@code detail.mechanism}: by rewriting the
 * {@code ResourcePath} of an HTTP(S) health check, or by raising the {@code HealthThreshold} of a
 * {@code CALCULATED} gate above its number of children.
 */
public enum Mechanism {
  /** HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH: {@code ResourcePath} → the failed-over path. */
  RESOURCE_PATH("resource-path"),
  /** CALCULATED: {@code HealthThreshold} → number of children + 1. */
  HEALTH_THRESHOLD("health-threshold");

  private final String label;

  Mechanism(String label) {
    this.label = label;
  }

  /** The value in {@code detail.mechanism}: {@code resource-path} or {@code health-threshold}. */
  public String label() {
    return label;
  }
}
