package io.route53failover.operator;

import io.route53failover.operator.RecoveryEvidence.Period;
import io.route53failover.operator.RecoveryEvidence.PeriodStatus;
import io.route53failover.operator.RecoveryEvidence.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The failback guard's decision, without I/O: a failback may go ahead only when the node alarm is
 * {@code OK} and its metric had a datapoint with {@code Minimum} = 1 in each period of the window,
 * none missing. A missing minute counts against the failback: the tool never assumes a node was
 * healthy when nobody saw it healthy.
 */
public final class RecoveryRule {

  private RecoveryRule() {}

  /**
   * Decides, and keeps the evidence.
   *
   * @param alarm the node alarm as just read
   * @param window the periods that must all be healthy
   * @param minimums the metric's {@code Minimum} keyed by period start; keys that are not a
   *     period start of {@code window} are ignored
   * @param checkedAt when the evidence was read
   */
  public static RecoveryEvidence evaluate(
      NodeAlarm alarm, RecoveryWindow window, Map<Instant, Double> minimums, Instant checkedAt) {
    List<Period> periods = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (!alarm.isOk()) {
      reasons.add("alarm " + alarm.name() + " is " + alarm.stateValue() + ", not OK");
    }
    int missing = 0;
    int unhealthy = 0;
    for (Instant start : window.periodStarts()) {
      Double minimum = minimums.get(start);
      PeriodStatus status;
      if (minimum == null) {
        status = PeriodStatus.MISSING;
        missing++;
      } else if (minimum == 1.0) {
        status = PeriodStatus.HEALTHY;
      } else {
        status = PeriodStatus.UNHEALTHY;
        unhealthy++;
      }
      periods.add(new Period(start, minimum, status));
    }
    int n = window.periodStarts().size();
    if (unhealthy > 0) {
      reasons.add(
          unhealthy + " of the last " + n + " minutes had Minimum below 1 (a failed probe)");
    }
    if (missing > 0) {
      reasons.add(missing + " of the last " + n + " minutes had no datapoint");
    }
    Verdict verdict = reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL;
    return new RecoveryEvidence(verdict, alarm, window, periods, reasons, checkedAt);
  }
}
