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

  /**
   * The mechanism that sets {@code field}, the name of the health check field the lock changes
   * ({@code ResourcePath} or {@code HealthThreshold}, as in {@code LockResult.field()}); {@code
   * null} for {@code null} or any other name.
   */
  public static Mechanism forField(String field) {
    if ("ResourcePath".equals(field)) {
      return RESOURCE_PATH;
    }
    return "HealthThreshold".equals(field) ? HEALTH_THRESHOLD : null;
  }

  /** The value in {@code detail.mechanism}: {@code resource-path} or {@code health-threshold}. */
  public String label() {
    return label;
  }
}
