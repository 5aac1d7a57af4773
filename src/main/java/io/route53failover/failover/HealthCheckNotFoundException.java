package io.route53failover.failover;

/** No Route 53 health check has the given id ({@code NoSuchHealthCheck}, HTTP 404). */
public class HealthCheckNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HealthCheckNotFoundException(String healthCheckId, Throwable cause) {
    super("health check " + healthCheckId + " does not exist (Route 53 NoSuchHealthCheck)", cause);
  }
}
