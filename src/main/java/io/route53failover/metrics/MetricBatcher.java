package io.route53failover.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one run's metric datums into PutMetricData requests that respect the API's limits: at
 * most {@value #MAX_DATUMS_PER_REQUEST} datums and at most 1 MB per request.
 *
 * <p>The size of a request is an upper-bound estimate of what the AWS SDK for Java 2.40.2 sends.
 * Its CloudWatch client speaks the <b>AWS Query</b> protocol (checked in the jar: {@code
 * PutMetricDataRequestMarshaller} uses {@code AwsQueryProtocolFactory}), so a request body is a
 * form-urlencoded string:
 *
 * <pre>
 * Action=PutMetricData&amp;Version=2010-08-01&amp;Namespace=LambdaCustomHC
 * &amp;MetricData.member.1.MetricName=web-1_availability&amp;MetricData.member.1.Value=1.0
 * &amp;MetricData.member.1.Unit=Count&amp;MetricData.member.1.Timestamp=2025-01-01T00%3A00%3A00Z
 * &amp;MetricData.member.1.StorageResolution=60 ...
 * </pre>
 *
 * <p>The estimate counts, per datum, its five fields with a four-digit member index, the metric
 * name and unit percent-encoded at three bytes per UTF-8 byte for anything other than {@code
 * A-Z a-z 0-9 - _ .}, a value of {@value #MAX_VALUE_CHARS} characters (the longest {@link
 * Double#toString(double)}), a timestamp of {@value #MAX_TIMESTAMP_CHARS} characters (ISO-8601 with
 * nanoseconds and encoded colons needs 34) and a storage resolution of {@value
 * #MAX_STORAGE_RESOLUTION_CHARS} characters. Per request it adds the {@code Action}, {@code
 * Version} and {@code Namespace} parameters and {@value #HTTP_HEADER_ALLOWANCE_BYTES} bytes for the
 * request line and headers (signature, user agent, ...). The limit is taken as {@value
 * #MAX_REQUEST_BYTES} bytes (decimal megabyte, below 1 MiB). The SDK may gzip the body (the
 * operation has the requestCompression trait); the estimate is of the uncompressed body, so it
 * stays an upper bound either way.
 *
 * <p>Pure: no I/O, no state.
 */
public final class MetricBatcher {

  /** PutMetricData accepts at most this many metric datums per request. */
  public static final int MAX_DATUMS_PER_REQUEST = 1_000;

  /** PutMetricData accepts at most 1 MB per request; taken as 1,000,000 bytes to be safe. */
  public static final int MAX_REQUEST_BYTES = 1_000_000;

  /** Allowance for the request line and HTTP headers, in bytes. */
  static final int HTTP_HEADER_ALLOWANCE_BYTES = 8_192;

  /** Longest {@link Double#toString(double)}: sign, 17 digits, point, E, sign, 3 digits. */
  static final int MAX_VALUE_CHARS = 24;

  /** ISO-8601 instant with nanoseconds and percent-encoded colons is 34; rounded up. */
  static final int MAX_TIMESTAMP_CHARS = 40;

  /** Any int in decimal. */
  static final int MAX_STORAGE_RESOLUTION_CHARS = 11;

  /** {@code &MetricData.member.NNNN.}: a datum's field prefix with a four-digit index (up to 1000). */
  private static final int FIELD_PREFIX_CHARS = "&MetricData.member.1000.".length();

  private static final int DATUM_FIXED_CHARS =
      5 * FIELD_PREFIX_CHARS
          + "MetricName=".length()
          + "Value=".length()
          + MAX_VALUE_CHARS
          + "Unit=".length()
          + "Timestamp=".length()
          + MAX_TIMESTAMP_CHARS
          + "StorageResolution=".length()
          + MAX_STORAGE_RESOLUTION_CHARS;

  private static final int REQUEST_FIXED_CHARS =
      "Action=PutMetricData&Version=2010-08-01&Namespace=".length() + HTTP_HEADER_ALLOWANCE_BYTES;

  private MetricBatcher() {}

  /**
   * Splits {@code data} into requests, in order, each within both limits. Every datum appears in
   * exactly one request. A datum too large for a request on its own (impossible with CloudWatch's
   * 255-character metric names) gets a request to itself, which CloudWatch will reject.
   *
   * @param namespace the CloudWatch namespace the requests carry
   * @param data the run's datums; may be empty
   * @return the requests' datums; empty (no request) when {@code data} is empty
   */
  public static List<List<MetricDatum>> batches(String namespace, List<MetricDatum> data) {
    List<List<MetricDatum>> batches = new ArrayList<>();
    int overhead = requestOverheadBytes(namespace);
    List<MetricDatum> current = new ArrayList<>();
    long bytes = overhead;
    for (MetricDatum datum : data) {
      int size = datumUpperBoundBytes(datum);
      boolean full =
          current.size() == MAX_DATUMS_PER_REQUEST || bytes + size > MAX_REQUEST_BYTES;
      if (!current.isEmpty() && full) {
        batches.add(List.copyOf(current));
        current.clear();
        bytes = overhead;
      }
      current.add(datum);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return List.copyOf(batches);
  }

  /** Upper bound, in bytes, of a request's size apart from its datums (parameters and headers). */
  public static int requestOverheadBytes(String namespace) {
    return REQUEST_FIXED_CHARS + encodedUpperBound(namespace);
  }

  /** Upper bound, in bytes, of one datum's share of a request body. */
  public static int datumUpperBoundBytes(MetricDatum datum) {
    return DATUM_FIXED_CHARS
        + encodedUpperBound(datum.metricName())
        + encodedUpperBound(datum.unit().cloudWatchName());
  }

  /** Percent-encoded length, counting 3 bytes per UTF-8 byte outside {@code A-Za-z0-9-_.}. */
  static int encodedUpperBound(String text) {
    int length = 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      boolean plain =
          (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
              || b == '-' || b == '_' || b == '.';
      length += plain ? 1 : 3;
    }
    return length;
  }
}
