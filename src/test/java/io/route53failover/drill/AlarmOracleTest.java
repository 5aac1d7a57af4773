package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

class AlarmOracleTest {

  /** The template's availability alarm: Minimum < 1, {@code m} of {@code n}, missing data as given. */
  private static MetricAlarm availability(int m, int n, String treatMissingData) {
    return MetricAlarm.builder()
        .alarmName("drill-node1-availability")
        .namespace("LambdaCustomHC")
        .metricName("node1_availability")
        .statistic(Statistic.MINIMUM)
        .period(60)
        .evaluationPeriods(n)
        .datapointsToAlarm(m)
        .threshold(1.0)
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
        .treatMissingData(treatMissingData)
        .build();
  }

  private static List<Double> values(Double... v) {
    return Arrays.asList(v);
  }

  @Test
  void aZeroBreachesOneOfOne() {
    AlarmOracle.Verdict v = AlarmOracle.evaluate(availability(1, 1, "breaching"), values(0.0));

    assertThat(v.state()).isEqualTo("ALARM");
    assertThat(v.breaching()).isEqualTo(1);
    assertThat(v.describe()).isEqualTo("ALARM from datapoints [0.0] (Minimum < 1 for 1 of 1)");
  }

  @Test
  void aOneDoesNotBreach() {
    AlarmOracle.Verdict v = AlarmOracle.evaluate(availability(1, 1, "breaching"), values(1.0));

    assertThat(v.state()).isEqualTo("OK");
    assertThat(v.describe()).isEqualTo("OK from datapoints [1.0] (Minimum < 1 for 1 of 1)");
  }

  @ParameterizedTest
  @CsvSource({
    "breaching, ALARM",
    "notBreaching, OK",
    "missing, INSUFFICIENT_DATA",
  })
  void missingDataFollowsTreatMissingData(String treatMissingData, String state) {
    AlarmOracle.Verdict v =
        AlarmOracle.evaluate(availability(1, 1, treatMissingData), values((Double) null));

    assertThat(v.state()).isEqualTo(state);
    assertThat(v.describe()).contains("[missing]").contains("missing data " + treatMissingData);
  }

  @Test
  void ignoreWithoutAnyDataIsNotModelled() {
    assertThatThrownBy(
            () -> AlarmOracle.evaluate(availability(1, 1, "ignore"), values((Double) null)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("ignore");
  }

  @Test
  void unsetTreatMissingDataMeansMissing() {
    assertThat(AlarmOracle.evaluate(availability(1, 1, null), values((Double) null)).state())
        .isEqualTo("INSUFFICIENT_DATA");
  }

  @Test
  void mOutOfNCountsBreachingPeriods() {
    MetricAlarm twoOfThree = availability(2, 3, "breaching");

    assertThat(AlarmOracle.evaluate(twoOfThree, values(0.0, 1.0, 0.0)).state()).isEqualTo("ALARM");
    assertThat(AlarmOracle.evaluate(twoOfThree, values(0.0, 1.0, 1.0)).state()).isEqualTo("OK");
    assertThat(AlarmOracle.evaluate(twoOfThree, values(null, 1.0, 0.0)).state())
        .as("a missing period breaches under breaching")
        .isEqualTo("ALARM");
    assertThat(AlarmOracle.evaluate(availability(2, 3, "notBreaching"), values(null, 1.0, 0.0)).state())
        .isEqualTo("OK");
    assertThat(AlarmOracle.evaluate(twoOfThree, values(0.0, 1.0, 0.0)).describe())
        .endsWith("(Minimum < 1 for 2 of 3)");
  }

  @Test
  void unsetDatapointsToAlarmMeansAllPeriods() {
    MetricAlarm allOfTwo = availability(2, 2, "breaching").toBuilder().datapointsToAlarm(null).build();

    assertThat(AlarmOracle.evaluate(allOfTwo, values(0.0, 1.0)).state()).isEqualTo("OK");
    assertThat(AlarmOracle.evaluate(allOfTwo, values(0.0, 0.0)).state()).isEqualTo("ALARM");
  }

  @ParameterizedTest
  @CsvSource({
    "LessThanThreshold, 1.0, OK",
    "LessThanThreshold, 0.99, ALARM",
    "LessThanOrEqualToThreshold, 1.0, ALARM",
    "GreaterThanThreshold, 1.0, OK",
    "GreaterThanThreshold, 1.01, ALARM",
    "GreaterThanOrEqualToThreshold, 1.0, ALARM",
  })
  void comparisonOperatorsAtTheThreshold(String operator, double value, String state) {
    MetricAlarm alarm =
        availability(1, 1, "breaching").toBuilder().comparisonOperator(operator).build();

    assertThat(AlarmOracle.evaluate(alarm, values(value)).state()).isEqualTo(state);
  }

  @Test
  void refusesWhatItDoesNotModel() {
    MetricAlarm base = availability(1, 1, "breaching");
    assertThatThrownBy(
            () ->
                AlarmOracle.evaluate(
                    base.toBuilder().statistic((String) null).extendedStatistic("p99").build(),
                    values(0.0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () ->
                AlarmOracle.evaluate(
                    base.toBuilder()
                        .comparisonOperator(ComparisonOperator.LESS_THAN_LOWER_THRESHOLD)
                        .build(),
                    values(0.0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> AlarmOracle.evaluate(base, values(0.0, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EvaluationPeriods");
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsOnePeriodPerCallAlignedToThePeriodAndTheAlarmsStatistic() {
    MetricAlarm alarm =
        availability(2, 3, "breaching").toBuilder()
            .dimensions(Dimension.builder().name("Node").value("a").build())
            .build();
    Instant minute0 = Instant.parse("2026-01-05T10:00:00Z");
    Map<Instant, Double> minimumByPeriod =
        Map.of(minute0, 1.0, minute0.plusSeconds(120), 0.0); // the middle minute has no data
    CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
    List<GetMetricStatisticsRequest> requests = new ArrayList<>();
    when(cloudWatch.getMetricStatistics(any(Consumer.class)))
        .thenAnswer(
            call -> {
              GetMetricStatisticsRequest.Builder b = GetMetricStatisticsRequest.builder();
              ((Consumer<GetMetricStatisticsRequest.Builder>) call.getArgument(0)).accept(b);
              GetMetricStatisticsRequest r = b.build();
              requests.add(r);
              Double min = minimumByPeriod.get(r.startTime());
              return GetMetricStatisticsResponse.builder()
                  .datapoints(
                      min == null
                          ? List.of()
                          : List.of(
                              Datapoint.builder()
                                  .timestamp(r.startTime())
                                  .minimum(min)
                                  .maximum(9.0)
                                  .build()))
                  .build();
            });

    AlarmOracle.Verdict v = AlarmOracle.evaluate(alarm, minute0.plusSeconds(150), cloudWatch);

    assertThat(requests)
        .extracting(GetMetricStatisticsRequest::startTime)
        .containsExactly(minute0, minute0.plusSeconds(60), minute0.plusSeconds(120));
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.endTime()).isEqualTo(r.startTime().plusSeconds(60));
              assertThat(r.period()).isEqualTo(60);
              assertThat(r.statistics()).containsExactly(Statistic.MINIMUM);
              assertThat(r.namespace()).isEqualTo("LambdaCustomHC");
              assertThat(r.metricName()).isEqualTo("node1_availability");
              assertThat(r.dimensions()).containsExactlyElementsOf(alarm.dimensions());
            });
    assertThat(v.values()).containsExactly(1.0, null, 0.0);
    assertThat(v.state()).as("the missing minute breaches, and so does the 0").isEqualTo("ALARM");
    assertThat(v.describe())
        .isEqualTo(
            "ALARM from datapoints [1.0, missing, 0.0] (Minimum < 1 for 2 of 3, missing data"
                + " breaching)");
  }

  @Test
  void numbersPrintWithoutNeedlessDecimals() {
    assertThat(AlarmOracle.number(1.0)).isEqualTo("1");
    assertThat(AlarmOracle.number(0.5)).isEqualTo("0.5");
    assertThat(AlarmOracle.number(-3.0)).isEqualTo("-3");
  }
}
