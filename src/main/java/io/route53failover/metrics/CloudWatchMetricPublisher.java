package io.route53failover.metrics;

import io.route53failover.aws.AwsClients;
import io.route53failover.aws.AwsErrors;
import io.route53failover.logging.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes metric datums with CloudWatch PutMetricData, split by {@link MetricBatcher}.
 *
 * <p>Every batch is sent even when an earlier one failed (after the SDK's own retries), so no
 * datum is lost needlessly; then a {@link MetricPublishException} reports what was and was not
 * published.
 */
public final class CloudWatchMetricPublisher implements MetricPublisher {
  private static final Logger LOG = LogManager.getLogger(CloudWatchMetricPublisher.class);

  private final CloudWatchClient cloudWatch;

  /**
   * Publishes with {@code cloudWatch}, which this publisher does not close (in Lambda, the
   * execution environment's shared client, {@link AwsClients#cloudWatch()}).
   */
  public CloudWatchMetricPublisher(CloudWatchClient cloudWatch) {
    this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
  }

  @Override
  public int publish(
      String namespace, List<MetricDatum> data, Instant timestamp, int storageResolution) {
    List<List<MetricDatum>> batches = MetricBatcher.batches(namespace, data);
    List<SdkException> failures = new ArrayList<>();
    int failedDatums = 0;
    for (int i = 0; i < batches.size(); i++) {
      List<MetricDatum> batch = batches.get(i);
      try {
        cloudWatch.putMetricData(request(namespace, batch, timestamp, storageResolution));
      } catch (SdkException e) {
        failures.add(e);
        failedDatums += batch.size();
        LOG.error(
            LogEvent.of("PutMetricData request failed after retries")
                .with("namespace", namespace)
                .with("request", i + 1)
                .with("requests", batches.size())
                .with("datums", batch.size()),
            e);
      }
    }
    if (!failures.isEmpty()) {
      SdkException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw new MetricPublishException(
          String.format(
              "published %d of %d metric datums to namespace %s: %d of %d PutMetricData requests"
                  + " failed (%d datums not published); first error: %s",
              data.size() - failedDatums,
              data.size(),
              namespace,
              failures.size(),
              batches.size(),
              failedDatums,
              describe(first)),
          first);
    }
    return batches.size();
  }

  /**
   * One line for an SDK error. For a CloudWatch service error it names the AWS error code, which
   * the SDK's own message leaves out, e.g. {@code CloudWatch Throttling (HTTP 400): Rate exceeded
   * (Service: CloudWatch, ...)}.
   */
  static String describe(SdkException e) {
    return AwsErrors.describe(AwsErrors.CLOUDWATCH, e);
  }

  /** The PutMetricData request for one batch: every datum stamped with the run's timestamp. */
  static PutMetricDataRequest request(
      String namespace, List<MetricDatum> batch, Instant timestamp, int storageResolution) {
    List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> sdkData =
        new ArrayList<>(batch.size());
    for (MetricDatum datum : batch) {
      sdkData.add(
          software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder()
              .metricName(datum.metricName())
              .value(datum.value())
              .unit(StandardUnit.fromValue(datum.unit().cloudWatchName()))
              .timestamp(timestamp)
              .storageResolution(storageResolution)
              .build());
    }
    return PutMetricDataRequest.builder().namespace(namespace).metricData(sdkData).build();
  }
}
