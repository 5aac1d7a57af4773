package io.route53failover.metrics;

import io.route53failover.aws.AwsClients;
import io.route53failover.aws.AwsErrors;
import io.route53failover.logging.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes metric datums with CloudWatch PutMetricData, split by {@link MetricBatcher}.
 *
 * <p>Batches are sent in parallel, up to {@link #MAX_CONCURRENT_REQUESTS} at a time (the SDK
 * client is thread-safe), so that publishing 3,000 datums takes about as long as publishing 1,000.
 * Every batch is sent even when another one failed (after the SDK's own retries), so no datum is
 * lost needlessly; then a {@link MetricPublishException} reports what was and was not
 * published.
 */
public final class CloudWatchMetricPublisher implements MetricPublisher {
  private static final Logger LOG = LogManager.getLogger(CloudWatchMetricPublisher.class);

  /**
   * PutMetricData requests of one publish sent at the same time: 4, so that the 3 requests of the
   * largest list (1,000 targets, up to 3 datums each) take one call's time, which is what {@code
   * HealthCheckFunction.publishReserve} keeps back; far below CloudWatch's PutMetricData rate quota.
   */
  public static final int MAX_CONCURRENT_REQUESTS = 4;

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
    List<SdkException> outcomes = send(namespace, batches, timestamp, storageResolution);
    List<SdkException> failures = new ArrayList<>();
    int failedDatums = 0;
    for (int i = 0; i < batches.size(); i++) {
      SdkException e = outcomes.get(i);
      if (e != null) {
        failures.add(e);
        failedDatums += batches.get(i).size();
        LOG.error(
            LogEvent.of("PutMetricData request failed after retries")
                .with("namespace", namespace)
                .with("request", i + 1)
                .with("requests", batches.size())
                .with("datums", batches.get(i).size()),
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
   * Sends every batch, at most {@link #MAX_CONCURRENT_REQUESTS} at a time (one virtual thread
   * each), and returns per batch, in order, null for a request that succeeded or its error.
   */
  private List<SdkException> send(
      String namespace, List<List<MetricDatum>> batches, Instant timestamp, int storageResolution) {
    if (batches.size() == 1) {
      return java.util.Collections.singletonList(
          sendOne(namespace, batches.get(0), timestamp, storageResolution));
    }
    Semaphore slots = new Semaphore(MAX_CONCURRENT_REQUESTS);
    List<Future<SdkException>> pending = new ArrayList<>(batches.size());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (List<MetricDatum> batch : batches) {
        pending.add(
            threads.submit(
                () -> {
                  slots.acquire();
                  try {
                    return sendOne(namespace, batch, timestamp, storageResolution);
                  } finally {
                    slots.release();
                  }
                }));
      }
    }
    List<SdkException> outcomes = new ArrayList<>(batches.size());
    for (Future<SdkException> f : pending) {
      try {
        outcomes.add(f.get()); // done: the executor's close waited for every task
      } catch (ExecutionException e) {
        // not an SdkException (those are outcomes): rethrow it as it was thrown
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("PutMetricData task failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing metric data", e);
      }
    }
    return outcomes;
  }

  private SdkException sendOne(
      String namespace, List<MetricDatum> batch, Instant timestamp, int storageResolution) {
    try {
      cloudWatch.putMetricData(request(namespace, batch, timestamp, storageResolution));
      return null;
    } catch (SdkException e) {
      return e;
    }
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
