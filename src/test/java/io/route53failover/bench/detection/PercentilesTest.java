package io.route53failover.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOnOneToHundredInAnyOrder() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i; // descending: the input order must not matter
    }
    Percentiles p = Percentiles.of(v);

    assertThat(p.n()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p95()).isEqualTo(95);
    assertThat(p.max()).isEqualTo(100);
    assertThat(v[0]).as("input left unsorted").isEqualTo(100);
    assertThat(p.format()).isEqualTo("50 / 95 / 100");
  }

  @Test
  void ranksRoundUpAndAreAlwaysOneOfTheValues() {
    // n = 20: p50 is rank 10, p95 rank 19 (⌈0.95 · 20⌉ = 19)
    double[] v = new double[20];
    for (int i = 0; i < 20; i++) {
      v[i] = 10 * (i + 1);
    }
    Percentiles p = Percentiles.of(v);
    assertThat(p.p50()).isEqualTo(100);
    assertThat(p.p95()).isEqualTo(190);
    assertThat(p.max()).isEqualTo(200);

    // n = 3: p50 is rank 2, p95 rank 3
    Percentiles three = Percentiles.of(new double[] {7.5, 1, 3});
    assertThat(three.p50()).isEqualTo(3);
    assertThat(three.p95()).isEqualTo(7.5);

    Percentiles one = Percentiles.of(new double[] {42});
    assertThat(one.p50()).isEqualTo(42);
    assertThat(one.p95()).isEqualTo(42);
  }

  @Test
  void refusesNoValuesNonFiniteValuesAndBadRanks() {
    assertThatThrownBy(() -> Percentiles.of(new double[0])).hasMessageContaining("no values");
    assertThatThrownBy(() -> Percentiles.of(new double[] {1, Double.NaN}))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Percentiles.of(new double[] {Double.NEGATIVE_INFINITY, 1}))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 0)).hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 101))
        .hasMessageContaining("(0, 100]");
  }
}
