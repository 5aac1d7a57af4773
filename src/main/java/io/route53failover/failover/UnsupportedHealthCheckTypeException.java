package io.route53failover.failover;

/**
 * The health check's type has no {@code ResourcePath}, so it cannot be locked. Only {@code HTTP},
 * {@code HTTPS}, {@code HTTP_STR_MATCH} and {@code HTTPS_STR_MATCH} checks can; the message names
 * the type found.
 */
public class UnsupportedHealthCheckTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;

  public UnsupportedHealthCheckTypeException(String healthCheckId, String type) {
    super(
        "health check " + healthCheckId + " has type " + type + ", which has no ResourcePath and"
            + " cannot be locked; lock the HTTP, HTTPS, HTTP_STR_MATCH or HTTPS_STR_MATCH health"
            + " check of the primary instead");
    this.type = type;
  }

  /** The health check type found, e.g. {@code CLOUDWATCH_METRIC}. */
  public String type() {
    return type;
  }
}
