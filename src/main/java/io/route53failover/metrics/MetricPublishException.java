package io.route53failover.metrics;

/** A PutMetricData request failed after the SDK's retries. */
public class MetricPublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetricPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
