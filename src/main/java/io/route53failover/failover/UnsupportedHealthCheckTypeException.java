package io.route53failover.failover;

/**
 * The health check's type has no field the failover lock can set: only {@code HTTP}, {@code
 * HTTPS}, {@code HTTP_STR_MATCH}, {@code HTTPS_STR_MATCH} ({@code ResourcePath}) and {@code
 * CALCULATED} ({@code HealthThreshold}) checks can be locked. The message names the type found
 * and says to put a {@code CALCULATED} gate in front of the check.
 */
public class UnsupportedHealthCheckTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;

  public UnsupportedHealthCheckTypeException(String healthCheckId, String type) {
    super(
        "health check "
            + healthCheckId
            + " has type "
            + type
            + ", which the failover lock cannot change (it locks the ResourcePath of HTTP, HTTPS,"
            + " HTTP_STR_MATCH and HTTPS_STR_MATCH checks and the HealthThreshold of CALCULATED"
            + " checks); put a CALCULATED gate in front of it (ChildHealthChecks ["
            + healthCheckId
            + "], HealthThreshold 1), point the record's HealthCheckId at the gate and lock the"
            + " gate");
    this.type = type;
  }

  /** The health check type found, e.g. {@code CLOUDWATCH_METRIC}. */
  public String type() {
    return type;
  }
}
