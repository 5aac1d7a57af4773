package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.operator.RecoveryEvidence.PeriodStatus;
import io.route53failover.testing.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The failback guard through its CloudWatch adapter, against moto_server: availability datums put
 * with explicit timestamps in the last minutes, an alarm made with PutMetricAlarm and put in a
 * state with SetAlarmState, and the guard's clock fixed 30 s into the current minute.
 *
 * <p>Every node publishes, like HealthCheckFunction, one datum 5 s into each minute; each also has
 * a 0 in the minute in progress and in the minute before the window, which must not count.
 */
class CloudWatchRecoveryMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String NAMESPACE = "LambdaCustomHC";
  private static final int N = RecoveryCheck.DEFAULT_HEALTHY_MINUTES;

  private static CloudWatchClient cloudWatch;
  private static Instant now;
  private static RecoveryWindow window;
  private static RecoveryCheck check;

  @BeforeAll
  static void start() {
    cloudWatch = MOTO.cloudWatch();
    now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    window = RecoveryWindow.lastWholeMinutes(now, N);
    check =
        new RecoveryCheck(
            new CloudWatchRecoverySource(cloudWatch), Clock.fixed(now, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    cloudWatch.close();
  }

  @Test
  void fiveHealthyMinutesAndAnOkAlarmPass() {
    node("healthy", new double[] {1, 1, 1, 1, 1}, StateValue.OK);

    RecoveryEvidence evidence = check.check("healthy-availability", N);

    assertThat(evidence.passed()).as(evidence.toText()).isTrue();
    assertThat(evidence.periods())
        .extracting(RecoveryEvidence.Period::start)
        .containsExactlyElementsOf(window.periodStarts());
    assertThat(evidence.periods()).allSatisfy(p -> assertThat(p.minimum()).isEqualTo(1.0));
    assertThat(evidence.alarm().metric())
        .isEqualTo(new WatchedMetric(NAMESPACE, "healthy_availability", java.util.Map.of()));
  }

  @Test
  void fourHealthyMinutesOfFiveFail() {
    // minute 3 had a 1 and a 0: its Minimum is 0
    node("flapping", new double[] {1, 1, 1, 1, 1}, StateValue.OK);
    put("flapping_availability", window.periodStarts().get(2).plusSeconds(35), 0);

    RecoveryEvidence evidence = check.check("flapping-availability", N);

    assertThat(evidence.passed()).isFalse();
    assertThat(evidence.periods())
        .extracting(RecoveryEvidence.Period::status)
        .containsExactly(
            PeriodStatus.HEALTHY,
            PeriodStatus.HEALTHY,
            PeriodStatus.UNHEALTHY,
            PeriodStatus.HEALTHY,
            PeriodStatus.HEALTHY);
    assertThat(evidence.periods().get(2).minimum()).isEqualTo(0.0);
  }

  @Test
  void aMissingMinuteFails() {
    node("gap", new double[] {1, 1, Double.NaN, 1, 1}, StateValue.OK);

    RecoveryEvidence evidence = check.check("gap-availability", N);

    assertThat(evidence.passed()).isFalse();
    assertThat(evidence.periods().get(2))
        .isEqualTo(
            new RecoveryEvidence.Period(window.periodStarts().get(2), null, PeriodStatus.MISSING));
    assertThat(evidence.reasons()).containsExactly("1 of the last 5 minutes had no datapoint");
  }

  @Test
  void anAlarmInAlarmFailsThroughTheGuardWithItsEvidence() {
    node("alarming", new double[] {1, 1, 1, 1, 1}, StateValue.ALARM);
    List<RecoveryEvidence> printed = new ArrayList<>();
    RecoveryGuard guard = new RecoveryGuard(check, "alarming-availability", N, printed::add);

    assertThatThrownBy(() -> guard.check(null, null))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("alarm alarming-availability is ALARM, not OK");
    assertThat(printed).singleElement().satisfies(e -> assertThat(e.periods()).hasSize(N));
    assertThat(printed.get(0).periods())
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(PeriodStatus.HEALTHY));
  }

  @Test
  void aMetricMathAlarmIsCheckedOnItsMetric() {
    node("math", new double[] {1, 1, 1, 1, 1}, null);
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName("math-availability")
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .metrics(
                    MetricDataQuery.builder()
                        .id("m1")
                        .returnData(false)
                        .metricStat(
                            s ->
                                s.metric(m -> m.namespace(NAMESPACE).metricName("math_availability"))
                                    .period(60)
                                    .stat("Minimum"))
                        .build(),
                    MetricDataQuery.builder()
                        .id("e1")
                        .expression("FILL(m1, 0)")
                        .returnData(true)
                        .build()));
    cloudWatch.setAlarmState(
        r -> r.alarmName("math-availability").stateValue(StateValue.OK).stateReason("test"));

    RecoveryEvidence evidence = check.check("math-availability", N);

    assertThat(evidence.alarm().metric().metricName()).isEqualTo("math_availability");
    assertThat(evidence.passed()).as(evidence.toText()).isTrue();
  }

  @Test
  void anUnknownAlarmIsRefusedByTheGuard() {
    RecoveryGuard guard = new RecoveryGuard(check, "no-such-alarm", N, e -> {});

    assertThatThrownBy(() -> guard.check(null, null))
        .isInstanceOf(FailbackRefusedException.class)
        .hasMessageContaining("cannot read its evidence")
        .hasMessageContaining("no CloudWatch metric alarm named \"no-such-alarm\"");
  }

  /**
   * Publishes {@code values} (NaN: nothing) 5 s into each minute of the window, a 0 in the minute
   * before it and in the minute in progress, and makes the alarm {@code <node>-availability} in
   * {@code state} (none when null).
   */
  private static void node(String node, double[] values, StateValue state) {
    String metric = node + "_availability";
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        put(metric, window.periodStarts().get(i).plusSeconds(5), values[i]);
      }
    }
    put(metric, window.start().minus(Duration.ofSeconds(55)), 0);
    put(metric, window.end().plusSeconds(5), 0);
    if (state != null) {
      cloudWatch.putMetricAlarm(
          r ->
              r.alarmName(node + "-availability")
                  .namespace(NAMESPACE)
                  .metricName(metric)
                  .statistic(Statistic.MINIMUM)
                  .period(60)
                  .evaluationPeriods(1)
                  .threshold(1.0)
                  .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                  .treatMissingData("breaching"));
      cloudWatch.setAlarmState(
          r -> r.alarmName(node + "-availability").stateValue(state).stateReason("test"));
    }
  }

  private static void put(String metric, Instant timestamp, double value) {
    cloudWatch.putMetricData(
        r ->
            r.namespace(NAMESPACE)
                .metricData(
                    d ->
                        d.metricName(metric)
                            .timestamp(timestamp)
                            .value(value)
                            .unit(StandardUnit.COUNT)
                            .storageResolution(60)));
  }
}
