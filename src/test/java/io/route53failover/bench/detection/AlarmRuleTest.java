package io.route53failover.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmRuleTest {

  @Test
  void failedSamplesMapToStatisticAndThreshold() {
    assertThat(AlarmRule.forFailedSamples(1, 4).describe()).isEqualTo("Minimum < 1, 1 of 1");
    assertThat(AlarmRule.forFailedSamples(2, 4).describe()).isEqualTo("Average < 0.625, 1 of 1");
    assertThat(AlarmRule.forFailedSamples(2, 2).describe()).isEqualTo("Average < 0.25, 1 of 1");
    assertThat(AlarmRule.forFailedSamples(2, 6).describe()).isEqualTo("Average < 0.75, 1 of 1");
    // one sample a minute: two failed samples are two failed minutes
    assertThat(AlarmRule.forFailedSamples(2, 1).describe()).isEqualTo("Minimum < 1, 2 of 2");
  }

  @Test
  void twoOfFourBreachesOnTwoZerosNotOnOne() {
    AlarmRule rule = AlarmRule.forFailedSamples(2, 4);

    assertThat(rule.state(List.of(rule.periodValue(List.of(1.0, 1.0, 0.0, 0.0)))))
        .isEqualTo("ALARM");
    assertThat(rule.state(List.of(rule.periodValue(List.of(1.0, 1.0, 1.0, 0.0))))).isEqualTo("OK");
  }

  @Test
  void periodValuesAndMissingData() {
    AlarmRule min = AlarmRule.forFailedSamples(1, 4);
    AlarmRule avg = AlarmRule.forFailedSamples(3, 4);

    assertThat(min.periodValue(List.of(1.0, 0.0, 1.0))).isEqualTo(0.0);
    assertThat(avg.periodValue(List.of(1.0, 0.0, 1.0, 0.0))).isEqualTo(0.5);
    assertThat(min.periodValue(List.of())).isNull();
    // TreatMissingData breaching
    assertThat(min.state(Arrays.asList((Double) null))).isEqualTo("ALARM");
    AlarmRule twoOfTwo = AlarmRule.forFailedSamples(2, 1);
    assertThat(twoOfTwo.state(Arrays.asList(1.0, 0.0))).isEqualTo("OK");
    assertThat(twoOfTwo.state(Arrays.asList(0.0, 0.0))).isEqualTo("ALARM");
    assertThatThrownBy(() -> twoOfTwo.state(List.of(0.0)))
        .hasMessageContaining("expected 2 period values");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> AlarmRule.forFailedSamples(0, 4)).hasMessageContaining("k=0");
    assertThatThrownBy(() -> new AlarmRule("Maximum", 1, 1, 1)).hasMessageContaining("Maximum");
    assertThatThrownBy(() -> new AlarmRule("Minimum", 1, 2, 1))
        .hasMessageContaining("2 of 1");
  }
}
