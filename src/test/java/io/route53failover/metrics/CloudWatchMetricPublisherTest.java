package io.route53failover.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.route53failover.testing.CapturedLog;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class CloudWatchMetricPublisherTest {
  private static final Instant RUN = Instant.parse("2025-03-01T12:00:00.250Z");

  private final CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
  private final CloudWatchMetricPublisher publisher = new CloudWatchMetricPublisher(cloudWatch);

  private static List<MetricDatum> datums(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new MetricDatum("t" + i + "_availability", i % 2, MetricDatum.Unit.COUNT))
        .toList();
  }

  /** Which batch a request carries: its first datum's index / 1,000 (names are t0, t1, ...). */
  private static int batchOf(PutMetricDataRequest request) {
    String first = request.metricData().get(0).metricName();
    return Integer.parseInt(first.substring(1, first.indexOf('_'))) / 1000;
  }

  /** Answers every request, except that batch {@code failing} throws {@code failure}. */
  private void failBatch(int failing, RuntimeException failure) {
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class)))
        .thenAnswer(
            call -> {
              if (batchOf(call.getArgument(0)) == failing) {
                throw failure;
              }
              return PutMetricDataResponse.builder().build();
            });
  }

  private List<PutMetricDataRequest> sentRequests(int expected) {
    ArgumentCaptor<PutMetricDataRequest> captor = ArgumentCaptor.forClass(PutMetricDataRequest.class);
    verify(cloudWatch, times(expected)).putMetricData(captor.capture());
    return captor.getAllValues();
  }

  @Test
  void buildsOneRequestWithEveryFieldOfEveryDatum() {
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class)))
        .thenReturn(PutMetricDataResponse.builder().build());
    List<MetricDatum> data =
        List.of(
            new MetricDatum("web-1_availability", 1, MetricDatum.Unit.COUNT),
            new MetricDatum("web-1_latency", 37, MetricDatum.Unit.MILLISECONDS),
            new MetricDatum("db-1_availability", 0, MetricDatum.Unit.COUNT));

    int calls = publisher.publish("LambdaCustomHC", data, RUN, 60);

    assertThat(calls).isEqualTo(1);
    PutMetricDataRequest request = sentRequests(1).get(0);
    assertThat(request.namespace()).isEqualTo("LambdaCustomHC");
    assertThat(request.metricData())
        .extracting(d -> d.metricName(), d -> d.value(), d -> d.unit())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web-1_availability", 1.0, StandardUnit.COUNT),
            org.assertj.core.groups.Tuple.tuple("web-1_latency", 37.0, StandardUnit.MILLISECONDS),
            org.assertj.core.groups.Tuple.tuple("db-1_availability", 0.0, StandardUnit.COUNT));
    assertThat(request.metricData()).allSatisfy(d -> {
      assertThat(d.timestamp()).isEqualTo(RUN);
      assertThat(d.storageResolution()).isEqualTo(60);
      assertThat(d.dimensions()).isEmpty();
    });
  }

  @Test
  void passesHighResolutionThrough() {
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class)))
        .thenReturn(PutMetricDataResponse.builder().build());

    publisher.publish("NS", datums(2), RUN, 1);

    assertThat(sentRequests(1).get(0).metricData()).extracting(d -> d.storageResolution()).containsOnly(1);
  }

  @Test
  void sendsEveryBatchAndReturnsTheRequestCount() {
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class)))
        .thenReturn(PutMetricDataResponse.builder().build());
    List<MetricDatum> data = datums(2_001);

    int calls = publisher.publish("NS", data, RUN, 60);

    assertThat(calls).isEqualTo(3);
    List<PutMetricDataRequest> requests =
        sentRequests(3).stream()
            .sorted(java.util.Comparator.comparingInt(CloudWatchMetricPublisherTest::batchOf))
            .toList();
    assertThat(requests).extracting(r -> r.metricData().size()).containsExactly(1000, 1000, 1);
    assertThat(requests.stream().flatMap(r -> r.metricData().stream()).map(d -> d.metricName()).toList())
        .isEqualTo(data.stream().map(MetricDatum::metricName).toList());
  }

  @Test
  void noDatumsSendsNothing() {
    assertThat(publisher.publish("NS", List.of(), RUN, 60)).isZero();
    verify(cloudWatch, never()).putMetricData(any(PutMetricDataRequest.class));
  }

  @Test
  void aFailingBatchDoesNotStopTheOthersAndIsReported() {
    CloudWatchException throttled =
        (CloudWatchException) CloudWatchException.builder().message("Rate exceeded").statusCode(400).build();
    failBatch(1, throttled);

    assertThatThrownBy(() -> publisher.publish("LambdaCustomHC", datums(2_500), RUN, 60))
        .isInstanceOf(MetricPublishException.class)
        .hasMessageContaining("published 1500 of 2500 metric datums")
        .hasMessageContaining("1 of 3 PutMetricData requests failed")
        .hasMessageContaining("1000 datums not published")
        .hasMessageContaining("LambdaCustomHC")
        .hasMessageContaining("Rate exceeded")
        .hasCause(throttled);
    assertThat(sentRequests(3)).extracting(r -> r.metricData().size()).containsExactlyInAnyOrder(1000, 1000, 500);
  }

  @Test
  void everyFailureIsKeptWhenAllBatchesFail() {
    SdkClientException timeout = SdkClientException.create("Unable to execute HTTP request: timed out");
    SdkClientException second = SdkClientException.create("second");
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class)))
        .thenAnswer(
            call -> {
              throw batchOf(call.getArgument(0)) == 0 ? timeout : second;
            });

    assertThatThrownBy(() -> publisher.publish("NS", datums(1_001), RUN, 60))
        .isInstanceOf(MetricPublishException.class)
        .hasMessageContaining("published 0 of 1001")
        .hasMessageContaining("2 of 2 PutMetricData requests failed")
        .satisfies(e -> assertThat(e.getCause().getSuppressed()).containsExactly(second));
    sentRequests(2);
  }

  @Test
  void aServiceErrorIsReportedWithItsAwsErrorCode() {
    CloudWatchException throttled =
        (CloudWatchException)
            CloudWatchException.builder()
                .message("Rate exceeded")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build())
                .build();
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class))).thenThrow(throttled);

    assertThatThrownBy(() -> publisher.publish("NS", datums(1), RUN, 60))
        .isInstanceOf(MetricPublishException.class)
        .hasMessageContaining("first error: CloudWatch Throttling (HTTP 400): Rate exceeded (");
  }

  @Test
  void aFailedRequestLeavesAnErrorLineSayingWhichOne() {
    SdkClientException timeout = SdkClientException.create("timed out");
    failBatch(1, timeout);

    try (CapturedLog log = new CapturedLog(CloudWatchMetricPublisher.class)) {
      assertThatThrownBy(() -> publisher.publish("NS", datums(1_500), RUN, 60))
          .isInstanceOf(MetricPublishException.class);

      assertThat(log.fields())
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f)
                      .containsEntry("level", "ERROR")
                      .containsEntry("message", "PutMetricData request failed after retries")
                      .containsEntry("request", 2)
                      .containsEntry("requests", 2)
                      .containsEntry("datums", 500));
    }
  }

  @Test
  void batchesGoOutInParallelAtMostFourAtATime() {
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch firstFour = new java.util.concurrent.CountDownLatch(4);
    when(cloudWatch.putMetricData(any(PutMetricDataRequest.class)))
        .thenAnswer(
            call -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              firstFour.countDown();
              // sequential sending would wait here for 5 s and then see only one request
              firstFour.await(5, java.util.concurrent.TimeUnit.SECONDS);
              Thread.sleep(20);
              inFlight.decrementAndGet();
              return PutMetricDataResponse.builder().build();
            });

    int calls = publisher.publish("NS", datums(6_000), RUN, 60);

    assertThat(calls).isEqualTo(6);
    assertThat(most.get()).isEqualTo(CloudWatchMetricPublisher.MAX_CONCURRENT_REQUESTS).isEqualTo(4);
    assertThat(sentRequests(6)).extracting(CloudWatchMetricPublisherTest::batchOf)
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }
}
