package io.route53failover.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetectionReportTest {

  @Test
  void theSameSeedGivesTheSameFileAndAnotherSeedDoesNot() {
    String a = DetectionReport.render(DetectionSimulator.run(18, 400), "2026-12-03");
    String b = DetectionReport.render(DetectionSimulator.run(18, 400), "2026-12-03");
    String c = DetectionReport.render(DetectionSimulator.run(19, 400), "2026-12-03");

    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(a)
        .contains("seed 18, 400 failure instants")
        .contains("| SAMPLE_INTERVAL_SECONDS 15, FailedSamplesToAlarm 2 | `Average < 0.625, 1 of 1` |")
        .contains("| Route 53 native endpoint check, 10 s × 3 | — | n/a | n/a |")
        .contains("## The lock path")
        .contains("## With the gate armed")
        .contains("| The same, with the gate armed")
        .containsPattern("\\| 60 \\| 30 \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| (yes|no) \\| (yes|no) \\|")
        .containsPattern("\\| SAMPLE_INTERVAL_SECONDS 15: p95 target death → alarm ALARM ≤ 75 s \\| p95 \\d+ s");
  }

  @Test
  void budgetVerdictsFollowTheFigures() {
    DetectionSimulator.Result r = DetectionSimulator.run(18, 400);
    DetectionSimulator.Row at15 =
        r.chain().stream()
            .filter(x -> x.label().equals("SAMPLE_INTERVAL_SECONDS 15"))
            .findFirst()
            .orElseThrow();
    String[] alarm = DetectionReport.budgets(r).get(0);
    String[] route53 = DetectionReport.budgets(r).get(1);

    assertThat(alarm[2]).isEqualTo(at15.alarm().p95() <= 75 ? "MET" : "NOT MET");
    assertThat(route53[2])
        .isEqualTo(
            at15.route53().p95() < r.nativeChecks().get(0).route53().p95() ? "MET" : "NOT MET");
    assertThat(alarm[1]).startsWith(String.format("p95 %.0f s", at15.alarm().p95()));
    DetectionSimulator.Row gated15 =
        r.gated().stream()
            .filter(x -> x.label().equals("SAMPLE_INTERVAL_SECONDS 15"))
            .findFirst()
            .orElseThrow();
    boolean gateAhead =
        r.route53().stream().allMatch(x -> x.gated().p95() < x.native30().p95())
            && gated15.route53().p95() < r.nativeChecks().get(0).route53().p95();
    assertThat(DetectionReport.budgets(r).get(2)[2]).isEqualTo(gateAhead ? "MET" : "NOT MET");
    assertThat(gated15.route53().p95()).isLessThanOrEqualTo(at15.route53().p95());
  }

  @Test
  void fasterSamplingNeverSlowsTheFirstZero() {
    DetectionSimulator.Result r = DetectionSimulator.run(7, 2000);
    double previous = Double.MAX_VALUE;
    for (DetectionSimulator.Row row : r.chain()) {
      if (row.label().contains("FailedSamplesToAlarm")) {
        continue;
      }
      assertThat(row.firstZero().p50()).isLessThanOrEqualTo(previous);
      previous = row.firstZero().p50();
    }
  }
}
