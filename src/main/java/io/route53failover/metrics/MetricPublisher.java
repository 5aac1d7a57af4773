package io.route53failover.metrics;

import java.time.Instant;
import java.util.List;

/** Publishes one run's metric data to a CloudWatch namespace. */
public interface MetricPublisher {

  /**
   * Publishes all {@code data}, stamped with {@code timestamp}, in as few PutMetricData requests as
   * the API allows (at most 1,000 datums and 1 MB per request).
   *
   * @param namespace CloudWatch namespace, for example {@code LambdaCustomHC}
   * @param storageResolution 60 (standard) or 1 (high resolution), in seconds
   * @return the number of PutMetricData requests made
   * @throws MetricPublishException when a request still fails after the SDK's retries; the
   *     message says how many datums were and were not published
   */
  int publish(String namespace, List<MetricDatum> data, Instant timestamp, int storageResolution);
}
