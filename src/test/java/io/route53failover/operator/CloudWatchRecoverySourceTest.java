package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/** Which metric an alarm names, and what the adapter asks CloudWatch for. */
class CloudWatchRecoverySourceTest {

  private static MetricDataQuery stat(String id, String name, Boolean returnData) {
    return MetricDataQuery.builder()
        .id(id)
        .returnData(returnData)
        .metricStat(
            s ->
                s.metric(
                        m ->
                            m.namespace("NS")
                                .metricName(name)
                                .dimensions(Dimension.builder().name("Node").value(id).build()))
                    .period(60)
                    .stat("Minimum"))
        .build();
  }

  private static MetricDataQuery expression(String id, String expression) {
    return MetricDataQuery.builder().id(id).expression(expression).returnData(true).build();
  }

  @Test
  void aSingleMetricAlarmNamesItsMetricWithDimensionsInOrder() {
    MetricAlarm alarm =
        MetricAlarm.builder()
            .alarmName("a")
            .namespace("NS")
            .metricName("node1_availability")
            .dimensions(
                Dimension.builder().name("B").value("2").build(),
                Dimension.builder().name("A").value("1").build())
            .build();

    WatchedMetric metric = CloudWatchRecoverySource.metric(alarm);

    assertThat(metric.namespace()).isEqualTo("NS");
    assertThat(metric.metricName()).isEqualTo("node1_availability");
    assertThat(metric.dimensions()).containsExactly(Map.entry("B", "2"), Map.entry("A", "1"));
  }

  @Test
  void aMetricMathAlarmNamesTheMetricItReturnsOrItsOnlyMetric() {
    MetricAlarm returnsMetric =
        MetricAlarm.builder().alarmName("a").metrics(stat("m1", "x", false), stat("m2", "y", true)).build();
    MetricAlarm overOneMetric =
        MetricAlarm.builder().alarmName("b").metrics(stat("m1", "x", false), expression("e1", "FILL(m1, 0)")).build();

    assertThat(CloudWatchRecoverySource.metric(returnsMetric).metricName()).isEqualTo("y");
    assertThat(CloudWatchRecoverySource.metric(overOneMetric))
        .isEqualTo(new WatchedMetric("NS", "x", Map.of("Node", "m1")));
  }

  @Test
  void anExpressionOverSeveralMetricsIsRefused() {
    MetricAlarm alarm =
        MetricAlarm.builder()
            .alarmName("both")
            .metrics(stat("m1", "x", false), stat("m2", "y", false), expression("e1", "MIN([m1, m2])"))
            .build();

    assertThatThrownBy(() -> CloudWatchRecoverySource.metric(alarm))
        .isInstanceOf(RecoveryEvidenceException.class)
        .hasMessageStartingWith("alarm \"both\" evaluates an expression over 2 metrics");
  }

  /** Answers GetMetricData with {@code pages} in turn; DescribeAlarms with {@code alarms}. */
  private static final class FakeCloudWatch implements CloudWatchClient {
    final List<GetMetricDataRequest> requests = new ArrayList<>();
    final List<GetMetricDataResponse> pages;
    final List<MetricAlarm> alarms;

    FakeCloudWatch(List<MetricAlarm> alarms, List<GetMetricDataResponse> pages) {
      this.alarms = alarms;
      this.pages = pages;
    }

    @Override
    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
      if (alarms == null) {
        throw CloudWatchException.builder()
            .statusCode(403)
            .message("denied")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build())
            .build();
      }
      assertThat(request.alarmNames()).containsExactly("node1-alarm");
      assertThat(request.alarmTypesAsStrings()).containsExactly("MetricAlarm");
      return DescribeAlarmsResponse.builder().metricAlarms(alarms).build();
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
      requests.add(request);
      return pages.get(requests.size() - 1);
    }

    @Override
    public String serviceName() {
      return "monitoring";
    }

    @Override
    public void close() {}
  }

  private static GetMetricDataResponse page(String token, String id, List<Instant> times, List<Double> values) {
    return GetMetricDataResponse.builder()
        .nextToken(token)
        .metricDataResults(MetricDataResult.builder().id(id).timestamps(times).values(values).build())
        .build();
  }

  @Test
  void minimumsAreAskedPerMinuteAndReadAcrossPages() {
    Instant t0 = Instant.parse("2026-12-03T12:00:00Z");
    Instant t1 = t0.plusSeconds(60);
    FakeCloudWatch cw =
        new FakeCloudWatch(
            List.of(),
            List.of(
                page("next", "availability", List.of(t0), List.of(1.0)),
                page(null, "availability", List.of(t1, t1), List.of(1.0, 0.0))));
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Node", "n1");

    Map<Instant, Double> minimums =
        new CloudWatchRecoverySource(cw)
            .minimumPerMinute(new WatchedMetric("NS", "node1_availability", dimensions), t0, t0.plusSeconds(120));

    assertThat(minimums).containsExactlyInAnyOrderEntriesOf(Map.of(t0, 1.0, t1, 0.0));
    assertThat(cw.requests).hasSize(2);
    GetMetricDataRequest first = cw.requests.get(0);
    assertThat(first.startTime()).isEqualTo(t0);
    assertThat(first.endTime()).isEqualTo(t0.plusSeconds(120));
    assertThat(first.nextToken()).isNull();
    assertThat(cw.requests.get(1).nextToken()).isEqualTo("next");
    var stat = first.metricDataQueries().get(0).metricStat();
    assertThat(stat.period()).isEqualTo(60);
    assertThat(stat.stat()).isEqualTo("Minimum");
    assertThat(stat.metric().namespace()).isEqualTo("NS");
    assertThat(stat.metric().metricName()).isEqualTo("node1_availability");
    assertThat(stat.metric().dimensions())
        .containsExactly(Dimension.builder().name("Node").value("n1").build());
  }

  @Test
  void aMissingAlarmAndACloudWatchErrorAreNamed() {
    assertThatThrownBy(() -> new CloudWatchRecoverySource(new FakeCloudWatch(List.of(), List.of())).alarm("node1-alarm"))
        .isInstanceOf(RecoveryEvidenceException.class)
        .hasMessageStartingWith("no CloudWatch metric alarm named \"node1-alarm\"");
    assertThatThrownBy(() -> new CloudWatchRecoverySource(new FakeCloudWatch(null, List.of())).alarm("node1-alarm"))
        .isInstanceOf(RecoveryEvidenceException.class)
        .hasMessageStartingWith("CloudWatch DescribeAlarms AccessDenied (HTTP 403): ");
  }
}
