package io.route53failover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingCpuTest {

  @Test
  void theBudgetRowFollowsTheMedianRatioAndReplacesOnlyItsOwnLine() {
    String met =
        SamplingCpu.budgetRow(List.of(20.0, 22.0, 40.0), List.of(25.0, 60.0, 30.0), List.of(5.0, 5.0, 5.0));
    String notMet =
        SamplingCpu.budgetRow(List.of(20.0, 20.0, 20.0), List.of(31.0, 60.0, 45.0), List.of(0.0, 0.0, 0.0));

    // ratios 1.25, 2.73, 0.75: median 1.25
    assertThat(met)
        .startsWith(SamplingCpu.BUDGET_ROW)
        .contains("ratio 0.75 / 1.25 / 2.73")
        .endsWith("| **MET** |");
    assertThat(notMet).contains("ratio 1.55 / 2.25 / 3.00").endsWith("| **NOT MET** |");

    String md = "# r\n\n| Budget | x | y |\n" + SamplingCpu.BUDGET_ROW + " old | **NOT MET** |\n| other | 1 | 2 |\n";
    assertThat(SamplingCpu.withBudgetRow(md, met))
        .isEqualTo("# r\n\n| Budget | x | y |\n" + met + "\n| other | 1 | 2 |\n");
    assertThat(SamplingCpu.withBudgetRow("no table\n", met)).isEqualTo("no table\n");
  }
}
