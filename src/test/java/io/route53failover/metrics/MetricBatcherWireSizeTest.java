package io.route53failover.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Checks {@link MetricBatcher}'s size estimate against what the SDK's CloudWatch client really
 * sends: requests are marshalled by the real client and captured by an in-memory HTTP client
 * (nothing leaves the process), with request compression off so the plain body is measured.
 */
class MetricBatcherWireSizeTest {
  private static final Instant NANOS_TIMESTAMP = Instant.parse("2025-06-30T23:59:59.123456789Z");

  /** One captured request: body bytes, and body plus request line and headers. */
  record Sent(String body, long totalBytes) {}

  /** An HTTP client that records requests and answers PutMetricData with success. */
  static final class RecordingHttpClient implements SdkHttpClient {
    // requests of one publish may be sent from several threads at once
    final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      String body = request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
      long total = body.getBytes(StandardCharsets.UTF_8).length;
      total += (request.httpRequest().method() + " " + request.httpRequest().encodedPath() + " HTTP/1.1\r\n").length();
      for (Map.Entry<String, List<String>> h : request.httpRequest().headers().entrySet()) {
        for (String v : h.getValue()) {
          total += (h.getKey() + ": " + v + "\r\n").getBytes(StandardCharsets.UTF_8).length;
        }
      }
      sent.add(new Sent(body, total));
      byte[] answer =
          ("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                  + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                  + "</PutMetricDataResponse>")
              .getBytes(StandardCharsets.UTF_8);
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "text/xml").build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    private static String read(InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  }

  private static CloudWatchClient client(RecordingHttpClient http) {
    return CloudWatchClient.builder()
        .httpClient(http)
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:9")) // never contacted
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(o -> o.compressionConfiguration(c -> c.requestCompressionEnabled(false)))
        .build();
  }

  @Test
  void sdkUsesTheQueryProtocolTheEstimateAssumes() {
    RecordingHttpClient http = new RecordingHttpClient();
    try (CloudWatchClient cw = client(http)) {
      new CloudWatchMetricPublisher(cw)
          .publish("NS", List.of(new MetricDatum("web-1_availability", 1, MetricDatum.Unit.COUNT)), NANOS_TIMESTAMP, 60);
    }
    assertThat(http.sent).hasSize(1);
    assertThat(http.sent.get(0).body())
        .startsWith("Action=PutMetricData&Version=2010-08-01")
        .contains("&Namespace=NS")
        .contains("MetricData.member.1.MetricName=web-1_availability")
        .contains("MetricData.member.1.Unit=Count")
        .contains("MetricData.member.1.StorageResolution=60")
        .contains("MetricData.member.1.Timestamp=");
  }

  @Test
  void estimateBoundsTheRealRequestForWorstCaseDatums() {
    List<MetricDatum> data = new ArrayList<>();
    String[] shapes = {"a", "web-1_availability", "with space/slash:colon*star~tilde", "é", "€", "😀"};
    double[] values = {0, 1, -2.2250738585072014E-308, Double.MAX_VALUE, -Double.MIN_VALUE, 12345.678};
    for (int i = 0; i < 1_000; i++) {
      String shape = shapes[i % shapes.length];
      String name = (i + "-" + shape.repeat(255)).substring(0, 255 - (shape.length() - 1));
      data.add(new MetricDatum(name, values[i % values.length], MetricDatum.Unit.values()[i % 2]));
    }
    String namespace = "Custom/Namespace with spaces €";
    RecordingHttpClient http = new RecordingHttpClient();
    List<List<MetricDatum>> batches = MetricBatcher.batches(namespace, data);
    try (CloudWatchClient cw = client(http)) {
      new CloudWatchMetricPublisher(cw).publish(namespace, data, NANOS_TIMESTAMP, 60);
    }

    assertThat(http.sent).hasSameSizeAs(batches);
    for (int i = 0; i < batches.size(); i++) {
      List<MetricDatum> batch = batches.get(i);
      long estimate = MetricBatcherTest.requestUpperBoundBytes(namespace, batch);
      // requests go out in parallel: find the one carrying this batch by its first datum's number
      String first = batch.get(0).metricName();
      String marker =
          "MetricData.member.1.MetricName=" + first.substring(0, first.indexOf('-') + 1);
      Sent request =
          http.sent.stream().filter(r -> r.body().contains(marker)).findFirst().orElseThrow();
      assertThat(request.totalBytes())
          .as("request %d: real size incl. headers vs estimate", i)
          .isLessThanOrEqualTo(estimate)
          .isLessThanOrEqualTo(MetricBatcher.MAX_REQUEST_BYTES);
    }
    assertThat(batches.size()).as("these names force a split by bytes").isGreaterThan(1);
  }

  @Test
  void estimateIsNotWildlyAboveTheRealSize() {
    List<MetricDatum> data = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      data.add(new MetricDatum("target-" + i + "_availability", 1, MetricDatum.Unit.COUNT));
    }
    RecordingHttpClient http = new RecordingHttpClient();
    try (CloudWatchClient cw = client(http)) {
      new CloudWatchMetricPublisher(cw).publish("LambdaCustomHC", data, NANOS_TIMESTAMP, 60);
    }
    long real = http.sent.get(0).totalBytes();
    long estimate = MetricBatcherTest.requestUpperBoundBytes("LambdaCustomHC", data);
    assertThat(estimate).isGreaterThanOrEqualTo(real).isLessThan(real * 3 / 2);
  }
}
