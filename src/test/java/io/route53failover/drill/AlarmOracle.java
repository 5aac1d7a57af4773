package io.route53failover.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The test's stand-in for CloudWatch's alarm evaluation, which moto does not do. It decides the
 * state a metric alarm would go to, from the alarm's own configuration (as DescribeAlarms returns
 * it) and the datapoints the metric holds.
 *
 * <p>The model, after "Evaluating an alarm" and "Configuring how CloudWatch alarms treat missing
 * data" in the CloudWatch User Guide:
 *
 * <ol>
 *   <li>Periods are {@code Period} seconds long and aligned to multiples of {@code Period} since
 *       the epoch (a 60 s period is a clock minute). The evaluated periods are the {@code
 *       EvaluationPeriods} newest ones, the last being the period that holds the evaluation time.
 *   <li>Each period's value is the alarm's {@code Statistic} over that period, read with one
 *       GetMetricStatistics call per period. A period without data is missing.
 *   <li>A present value breaches when {@code value <op> Threshold} holds. A missing value breaches
 *       under {@code TreatMissingData=breaching}, does not under {@code notBreaching}, and is not
 *       counted under {@code missing} and {@code ignore}.
 *   <li>{@code ALARM} when at least {@code DatapointsToAlarm} (default: {@code EvaluationPeriods})
 *       periods breach; otherwise {@code INSUFFICIENT_DATA} when no period has data and {@code
 *       TreatMissingData} is {@code missing}; otherwise {@code OK}.
 * </ol>
 *
 * <p>Not modelled, and refused with {@link UnsupportedOperationException} where it would change
 * the answer: extended statistics (percentiles), metric-math alarms, anomaly-detection operators,
 * and {@code ignore} with no data at all (the alarm keeps its state). Also not modelled: how
 * CloudWatch widens the evaluation range when data is missing, and ingestion delays. The drill's
 * alarms use Minimum on a metric published every run, so none of these arise.
 */
final class AlarmOracle {

  /**
   * The decision.
   *
   * @param state {@code ALARM}, {@code OK} or {@code INSUFFICIENT_DATA}
   * @param values each evaluated period's value, oldest first; {@code null} for a missing period
   * @param breaching how many periods breach
   * @param rule the rule applied, e.g. {@code Minimum < 1 for 1 of 1}
   */
  record Verdict(String state, List<Double> values, int breaching, String rule) {
    Verdict {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** {@code ALARM from datapoints [0.0] (Minimum < 1 for 1 of 1)}. */
    String describe() {
      String points =
          values.stream()
              .map(v -> v == null ? "missing" : v.toString())
              .collect(Collectors.joining(", ", "[", "]"));
      return state + " from datapoints " + points + " (" + rule + ")";
    }
  }

  private AlarmOracle() {}

  /**
   * Reads the alarm's datapoints from CloudWatch and evaluates them at {@code at}.
   *
   * @param alarm the alarm as DescribeAlarms returned it
   */
  static Verdict evaluate(MetricAlarm alarm, Instant at, CloudWatchClient cloudWatch) {
    requireSupported(alarm);
    long period = alarm.period();
    long last = Math.floorDiv(at.getEpochSecond(), period) * period;
    List<Double> values = new ArrayList<>();
    for (int i = alarm.evaluationPeriods() - 1; i >= 0; i--) {
      Instant start = Instant.ofEpochSecond(last - i * period);
      List<Datapoint> points =
          cloudWatch
              .getMetricStatistics(
                  r ->
                      r.namespace(alarm.namespace())
                          .metricName(alarm.metricName())
                          .dimensions(alarm.dimensions())
                          .startTime(start)
                          .endTime(start.plus(Duration.ofSeconds(period)))
                          .period(alarm.period())
                          .statistics(alarm.statistic()))
              .datapoints();
      if (points.size() > 1) {
        throw new IllegalStateException(
            "GetMetricStatistics returned " + points.size() + " datapoints for one period");
      }
      values.add(points.isEmpty() ? null : value(points.get(0), alarm.statistic()));
    }
    return evaluate(alarm, values);
  }

  /**
   * Evaluates the values of the {@code EvaluationPeriods} newest periods, oldest first ({@code
   * null} for a missing period).
   */
  static Verdict evaluate(MetricAlarm alarm, List<Double> values) {
    requireSupported(alarm);
    int n = alarm.evaluationPeriods();
    if (values.size() != n) {
      throw new IllegalArgumentException(
          "expected " + n + " period values (EvaluationPeriods), got " + values.size());
    }
    int m = alarm.datapointsToAlarm() == null ? n : alarm.datapointsToAlarm();
    String missing = alarm.treatMissingData() == null ? "missing" : alarm.treatMissingData();
    int breaching = 0;
    int present = 0;
    for (Double v : values) {
      if (v != null) {
        present++;
        if (breaches(alarm.comparisonOperatorAsString(), v, alarm.threshold())) {
          breaching++;
        }
      } else if (missing.equals("breaching")) {
        breaching++;
      }
    }
    String state;
    if (breaching >= m) {
      state = "ALARM";
    } else if (present == 0 && missing.equals("missing")) {
      state = "INSUFFICIENT_DATA";
    } else if (present == 0 && missing.equals("ignore")) {
      throw new UnsupportedOperationException(
          "TreatMissingData=ignore without data keeps the alarm's state: not modelled");
    } else {
      state = "OK";
    }
    String rule =
        alarm.statisticAsString()
            + " "
            + symbol(alarm.comparisonOperatorAsString())
            + " "
            + number(alarm.threshold())
            + " for "
            + m
            + " of "
            + n
            + (values.contains(null) ? ", missing data " + missing : "");
    return new Verdict(state, values, breaching, rule);
  }

  private static void requireSupported(MetricAlarm alarm) {
    if (alarm.statistic() == null || alarm.metricName() == null) {
      throw new UnsupportedOperationException(
          "alarm "
              + alarm.alarmName()
              + ": only single-metric alarms with a standard Statistic are modelled");
    }
    symbol(alarm.comparisonOperatorAsString());
  }

  private static boolean breaches(String operator, double value, double threshold) {
    return switch (operator) {
      case "GreaterThanOrEqualToThreshold" -> value >= threshold;
      case "GreaterThanThreshold" -> value > threshold;
      case "LessThanThreshold" -> value < threshold;
      case "LessThanOrEqualToThreshold" -> value <= threshold;
      default -> throw new UnsupportedOperationException("ComparisonOperator " + operator);
    };
  }

  private static String symbol(String operator) {
    return switch (operator) {
      case "GreaterThanOrEqualToThreshold" -> ">=";
      case "GreaterThanThreshold" -> ">";
      case "LessThanThreshold" -> "<";
      case "LessThanOrEqualToThreshold" -> "<=";
      default -> throw new UnsupportedOperationException("ComparisonOperator " + operator);
    };
  }

  private static double value(Datapoint p, Statistic statistic) {
    Double v =
        switch (statistic) {
          case MINIMUM -> p.minimum();
          case MAXIMUM -> p.maximum();
          case AVERAGE -> p.average();
          case SUM -> p.sum();
          case SAMPLE_COUNT -> p.sampleCount();
          default -> throw new UnsupportedOperationException("Statistic " + statistic);
        };
    if (v == null) {
      throw new IllegalStateException("datapoint without " + statistic + ": " + p);
    }
    return v;
  }

  /** {@code 1} for 1.0, {@code 0.5} for 0.5. */
  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : Double.toString(d).toLowerCase(Locale.ROOT);
  }
}
