package io.route53failover.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.SampleSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingScheduleTest {

  @Test
  void samplesOneIntervalApartEachInItsOwnSlot() {
    assertThat(new SamplingSchedule(60).times(487.0)).containsExactly(487.0);
    assertThat(new SamplingSchedule(30).times(487.0)).containsExactly(487.0, 517.0);
    assertThat(new SamplingSchedule(20).times(487.0)).containsExactly(487.0, 507.0, 527.0);
    assertThat(new SamplingSchedule(15).times(487.0)).containsExactly(487.0, 502.0, 517.0, 532.0);
    assertThat(new SamplingSchedule(10).times(487.0))
        .containsExactly(487.0, 497.0, 507.0, 517.0, 527.0, 537.0);
    // a start in the last second of its slot: the later samples start 1 s before their slot ends
    assertThat(new SamplingSchedule(15).times(494.5)).containsExactly(494.5, 509.0, 524.0, 539.0);
    assertThat(new SamplingSchedule(15).samplesPerRun()).isEqualTo(4);
  }

  /**
   * The simulator's sampling instants are the ones HealthCheckFunction's SampleSchedule plans, with
   * the template's sampling timeout and the default {@code timeoutMs}, for random run starts.
   */
  @ParameterizedTest
  @ValueSource(ints = {10, 15, 20, 30, 60})
  void matchesTheFunctionsSampleSchedule(int interval) {
    SamplingSchedule model = new SamplingSchedule(interval);
    SplittableRandom random = new SplittableRandom(interval);
    Instant epoch = Instant.parse("2026-12-03T15:00:00Z");
    for (int k = 0; k < 2_000; k++) {
      long startMillis = random.nextLong(3_600_000L);
      Instant start = epoch.plusMillis(startMillis);
      SampleSchedule plan =
          SampleSchedule.plan(
              start,
              interval,
              Duration.ofSeconds(HealthCheckFunction.SAMPLING_TIMEOUT_SECONDS),
              HealthCheckFunction.publishReserve(10),
              Duration.ofMillis(3_000));
      List<Double> expected =
          plan.slots().stream()
              .map(t -> Duration.between(epoch, t).toMillis() / 1000.0)
              .toList();

      List<Double> times = model.times(startMillis / 1000.0);
      assertThat(times).hasSameSizeAs(expected);
      for (int i = 0; i < times.size(); i++) {
        assertThat(times.get(i)).isCloseTo(expected.get(i), within(1e-6));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 15, 20, 30, 60})
  void aRunWithTheDefaultTimeoutEndsBeforeTheNextMinute(int interval) {
    SamplingSchedule s = new SamplingSchedule(interval);
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 500; k++) {
      double start = 60 * random.nextDouble(100);
      // last sample + timeoutMs 3000 + a slow PutMetricData call
      assertThat(s.lastEnd(start, 3.0, 0.5)).isLessThanOrEqualTo(60 - interval + 3.5 + 1e-9);
      assertThat(s.times(start)).hasSize(s.samplesPerRun()).isSorted();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 25, 45, 120, -15})
  void otherIntervalsAreRefusedByName(int interval) {
    assertThatThrownBy(() -> new SamplingSchedule(interval))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SAMPLE_INTERVAL_SECONDS")
        .hasMessageContaining(Integer.toString(interval));
  }
}
