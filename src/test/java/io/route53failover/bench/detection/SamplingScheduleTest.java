package io.route53failover.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingScheduleTest {

  @Test
  void everyOffsetBelowOneMinute() {
    assertThat(new SamplingSchedule(60).offsets()).containsExactly(0);
    assertThat(new SamplingSchedule(30).offsets()).containsExactly(0, 30);
    assertThat(new SamplingSchedule(20).offsets()).containsExactly(0, 20, 40);
    assertThat(new SamplingSchedule(15).offsets()).containsExactly(0, 15, 30, 45);
    assertThat(new SamplingSchedule(10).offsets()).containsExactly(0, 10, 20, 30, 40, 50);
    assertThat(new SamplingSchedule(15).samplesPerRun()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 15, 20, 30, 60})
  void aRunWithTheDefaultTimeoutEndsBeforeTheNextMinute(int interval) {
    SamplingSchedule s = new SamplingSchedule(interval);

    assertThat(s.offsets()).hasSize(s.samplesPerRun());
    // last sample + timeoutMs 3000 + a slow PutMetricData call
    assertThat(s.lastEnd(3.0, 0.5)).isLessThan(60.0).isEqualTo(60 - interval + 3.5);
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
