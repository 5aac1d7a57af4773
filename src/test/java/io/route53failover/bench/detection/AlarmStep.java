package io.route53failover.bench.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The simulator's CloudWatch step: when a 60 s alarm on the availability metric goes to ALARM.
 *
 * <p>Model (each point marked in {@code bench/detection.md}):
 *
 * <ol>
 *   <li>The alarm is evaluated once a minute, at {@code 60 j + phase} seconds (documented: a
 *       standard-resolution alarm "evaluates the metric every minute"; the phase is assumed).
 *   <li>An evaluation at time E looks at complete periods only: the newest is the minute that
 *       closed before E (assumed, as in docs/detection-time.md: the bucket closes, then it is
 *       evaluated).
 *   <li>A period's value is the alarm's statistic over the datums that are available by E; a datum
 *       that arrives later is not seen by that evaluation (documented: alarms "evaluate metrics
 *       based on the datapoints that are immediately available").
 *   <li>Of the newest N + 2 complete periods (the <em>evaluation range</em>), the N newest that
 *       hold data are evaluated; when fewer than N do, the rest count as missing (documented:
 *       CloudWatch "attempts to retrieve a higher number of data points than the number specified
 *       as Evaluation Periods"; the range N + 2 is assumed from AWS's example of 5 for 3).
 *   <li>{@link AlarmRule#state} decides.
 * </ol>
 */
public final class AlarmStep {

  /** How many periods beyond N the evaluation range holds (assumed). */
  public static final int RANGE_EXTRA = 2;

  private AlarmStep() {}

  /**
   * The N values (oldest first, {@code null} for missing) an evaluation at {@code at} decides on.
   */
  public static List<Double> evaluatedValues(List<Sample> samples, AlarmRule rule, double at) {
    long newest = (long) Math.floor(at / 60.0) - 1;
    int n = rule.evaluationPeriods();
    List<Double> newestFirst = new ArrayList<>();
    for (long b = newest; b > newest - n - RANGE_EXTRA && newestFirst.size() < n; b--) {
      List<Double> in = new ArrayList<>();
      for (Sample s : samples) {
        if (s.period() == b && s.available() <= at) {
          in.add(s.value());
        }
      }
      Double v = rule.periodValue(in);
      if (v != null) {
        newestFirst.add(v);
      }
    }
    while (newestFirst.size() < n) {
      newestFirst.add(null);
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * The first evaluation instant {@code 60 j + phase}, for j from {@code fromMinute} to {@code
   * toMinute} inclusive, at which the alarm is in ALARM; empty when none is.
   */
  public static OptionalDouble firstAlarm(
      List<Sample> samples, AlarmRule rule, double phase, int fromMinute, int toMinute) {
    for (int j = fromMinute; j <= toMinute; j++) {
      double at = 60.0 * j + phase;
      if (rule.state(evaluatedValues(samples, rule, at)).equals("ALARM")) {
        return OptionalDouble.of(at);
      }
    }
    return OptionalDouble.empty();
  }
}
