package io.route53failover.metrics;

import static io.route53failover.metrics.MetricBatcher.MAX_DATUMS_PER_REQUEST;
import static io.route53failover.metrics.MetricBatcher.MAX_REQUEST_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MetricBatcherTest {
  private static final String NS = "LambdaCustomHC";

  private static List<MetricDatum> datums(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new MetricDatum("target-" + i + "_availability", i % 2, MetricDatum.Unit.COUNT))
        .toList();
  }

  @Test
  void noDatumsMeansNoRequest() {
    assertThat(MetricBatcher.batches(NS, List.of())).isEmpty();
  }

  @ParameterizedTest(name = "{0} datums -> requests of {1}")
  @CsvSource({
    "1, 1",
    "999, 999",
    "1000, 1000",
    "1001, 1000 1",
    "2000, 1000 1000",
    "2001, 1000 1000 1",
  })
  void splitsAtOneThousandDatums(int count, String expectedSizes) {
    List<MetricDatum> data = datums(count);

    List<List<MetricDatum>> batches = MetricBatcher.batches(NS, data);

    assertThat(batches).extracting(List::size).containsExactlyElementsOf(sizes(expectedSizes));
    assertThat(batches.stream().flatMap(List::stream).toList())
        .as("every datum exactly once, in order")
        .isEqualTo(data);
  }

  @Test
  void requestExactlyAtTheByteLimitIsOneRequest() {
    List<MetricDatum> data = fillToExactly(MAX_REQUEST_BYTES);
    assertThat(data.size()).as("the byte limit, not the count limit, is tested").isLessThan(MAX_DATUMS_PER_REQUEST);
    assertThat(requestUpperBoundBytes(NS, data)).isEqualTo(MAX_REQUEST_BYTES);

    assertThat(MetricBatcher.batches(NS, data)).containsExactly(data);
  }

  @Test
  void oneByteOverTheLimitStartsASecondRequest() {
    List<MetricDatum> data = fillToExactly(MAX_REQUEST_BYTES + 1);
    assertThat(requestUpperBoundBytes(NS, data)).isEqualTo(MAX_REQUEST_BYTES + 1);

    List<List<MetricDatum>> batches = MetricBatcher.batches(NS, data);

    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).isEqualTo(data.subList(0, data.size() - 1));
    assertThat(batches.get(1)).containsExactly(data.get(data.size() - 1));
  }

  @Test
  void manyLongNamesGiveRequestsWithinBothLimits() {
    List<MetricDatum> data = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      data.add(new MetricDatum(nameWithEncodedLength(1_500 + i % 700, i), i, MetricDatum.Unit.MILLISECONDS));
    }

    List<List<MetricDatum>> batches = MetricBatcher.batches(NS, data);

    assertThat(batches).allSatisfy(b -> {
      assertThat(b).hasSizeLessThanOrEqualTo(MAX_DATUMS_PER_REQUEST);
      assertThat(requestUpperBoundBytes(NS, b)).isLessThanOrEqualTo(MAX_REQUEST_BYTES);
    });
    assertThat(batches.size()).as("bytes, not count, force the split").isGreaterThan(3);
    for (int i = 0; i + 1 < batches.size(); i++) {
      List<MetricDatum> withNext = new ArrayList<>(batches.get(i));
      withNext.add(batches.get(i + 1).get(0));
      assertThat(requestUpperBoundBytes(NS, withNext))
          .as("request %d is as full as allowed", i)
          .isGreaterThan(MAX_REQUEST_BYTES);
    }
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(data);
  }

  @Test
  void estimateCountsPercentEncodingPerUtf8Byte() {
    assertThat(MetricBatcher.encodedUpperBound("web-1_availability.x")).isEqualTo(20);
    assertThat(MetricBatcher.encodedUpperBound("a b/c:")).isEqualTo(3 + 3 * 3);
    assertThat(MetricBatcher.encodedUpperBound("é")).isEqualTo(6);
    assertThat(MetricBatcher.encodedUpperBound("€")).isEqualTo(9);
    MetricDatum shortName = new MetricDatum("a", 1, MetricDatum.Unit.COUNT);
    MetricDatum longName = new MetricDatum("a".repeat(255), 1, MetricDatum.Unit.COUNT);
    assertThat(MetricBatcher.datumUpperBoundBytes(longName) - MetricBatcher.datumUpperBoundBytes(shortName))
        .isEqualTo(254);
    assertThat(MetricBatcher.requestOverheadBytes("ns-2") - MetricBatcher.requestOverheadBytes("ns"))
        .isEqualTo(2);
  }

  /**
   * Datums whose estimated request size is exactly {@code total} bytes: long metric names (at most
   * 255 characters, with characters that need percent-encoding) and a last one sized to fit.
   */
  private static List<MetricDatum> fillToExactly(long total) {
    MetricDatum empty = new MetricDatum("", 0, MetricDatum.Unit.COUNT);
    int fixed = MetricBatcher.datumUpperBoundBytes(empty);
    List<MetricDatum> data = new ArrayList<>();
    long remaining = total - MetricBatcher.requestOverheadBytes(NS);
    int longEncoded = 2_000;
    int i = 0;
    while (remaining - (fixed + longEncoded) >= fixed + longEncoded) {
      data.add(new MetricDatum(nameWithEncodedLength(longEncoded, i++), 0, MetricDatum.Unit.COUNT));
      remaining -= fixed + longEncoded;
    }
    // remaining now lies in [fixed + longEncoded, 2 * (fixed + longEncoded)): two last datums
    // share it, each name between ~900 and 2,000 encoded characters
    int names = (int) (remaining - 2L * fixed);
    data.add(new MetricDatum(nameWithEncodedLength(names / 2, i++), 0, MetricDatum.Unit.COUNT));
    data.add(new MetricDatum(nameWithEncodedLength(names - names / 2, i), 0, MetricDatum.Unit.COUNT));
    return data;
  }

  /** A distinct name of at most 255 characters whose percent-encoded length is {@code encoded}. */
  static String nameWithEncodedLength(int encoded, int id) {
    String prefix = "t" + id + "-";
    int left = encoded - prefix.length();
    StringBuilder b = new StringBuilder(prefix);
    b.append("€".repeat(left / 9)); // 3 UTF-8 bytes, 9 encoded characters
    left %= 9;
    b.append("/".repeat(left / 3)); // 3 encoded characters
    b.append("x".repeat(left % 3));
    String name = b.toString();
    assertThat(MetricBatcher.encodedUpperBound(name)).isEqualTo(encoded);
    assertThat(name.length()).isLessThanOrEqualTo(255);
    return name;
  }

  private static List<Integer> sizes(String spaceSeparated) {
    return java.util.Arrays.stream(spaceSeparated.split(" ")).map(Integer::valueOf).toList();
  }

  @Test
  void theEdgesOfTheUnreservedRangesCountOnceAndTheirNeighboursThrice() {
    assertThat(MetricBatcher.encodedUpperBound("AZaz09-_.")).isEqualTo(9);
    // just outside A-Z, a-z and 0-9
    for (String c : List.of("@", "[", "`", "{", "/", ":")) {
      assertThat(MetricBatcher.encodedUpperBound(c)).as(c).isEqualTo(3);
    }
  }

  @Test
  void aDatumsBoundGrowsWithItsUnitName() {
    MetricDatum count = new MetricDatum("a", 1, MetricDatum.Unit.COUNT);
    MetricDatum millis = new MetricDatum("a", 1, MetricDatum.Unit.MILLISECONDS);
    assertThat(MetricBatcher.datumUpperBoundBytes(millis) - MetricBatcher.datumUpperBoundBytes(count))
        .isEqualTo("Milliseconds".length() - "Count".length());
  }

  /** Upper bound of a request's size with these datums: overhead plus each datum's bound. */
  static long requestUpperBoundBytes(String namespace, List<MetricDatum> batch) {
    long bytes = MetricBatcher.requestOverheadBytes(namespace);
    for (MetricDatum datum : batch) {
      bytes += MetricBatcher.datumUpperBoundBytes(datum);
    }
    return bytes;
  }
}
