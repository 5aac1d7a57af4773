package io.route53failover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void oddCountTakesTheMiddleSampleWhateverTheOrder() {
    Stats s = Stats.of(List.of(9.0, 1.0, 5.0, 7.0, 3.0));
    assertThat(s).isEqualTo(new Stats(5, 1.0, 5.0, 9.0));
  }

  @Test
  void evenCountAveragesTheTwoMiddleSamples() {
    Stats s = Stats.of(List.of(4.0, 1.0, 10.0, 2.0));
    assertThat(s.median()).isEqualTo(3.0);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(10.0);
    assertThat(s.n()).isEqualTo(4);
  }

  @Test
  void oneSampleIsMinMedianAndMax() {
    assertThat(Stats.of(List.of(2.5))).isEqualTo(new Stats(1, 2.5, 2.5, 2.5));
  }

  @Test
  void formatsMinMedianMax() {
    assertThat(Stats.of(List.of(1.0, 2.0, 4.0)).format(2)).isEqualTo("1.00 / 2.00 / 4.00");
  }

  @Test
  void refusesNoSamplesAndNaN() {
    assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.of(List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }
}
