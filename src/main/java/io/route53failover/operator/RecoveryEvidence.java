package io.route53failover.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the failback guard saw and decided: the node alarm's state, and its metric's {@code
 * Minimum} in each of the last N whole minutes. Built by {@link RecoveryRule#evaluate}; printed
 * by the {@code failback} and {@code status} commands whatever the verdict ({@link #toText()},
 * {@link #toJson()}).
 *
 * @param verdict {@link Verdict#PASS} only when the alarm is {@code OK} and every period is {@link
 *     PeriodStatus#HEALTHY}
 * @param alarm the node alarm as read
 * @param window the periods examined
 * @param periods one entry per period of {@code window}, oldest first
 * @param reasons why the verdict is {@link Verdict#FAIL}, one line each; empty for {@link
 *     Verdict#PASS}
 * @param checkedAt when the evidence was read (the clock's instant)
 */
public record RecoveryEvidence(
    Verdict verdict,
    NodeAlarm alarm,
    RecoveryWindow window,
    List<Period> periods,
    List<String> reasons,
    Instant checkedAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The guard's answer. */
  public enum Verdict {
    /** The node has been healthy long enough: the failback may go ahead. */
    PASS,
    /** The failback must not go ahead; see {@link #reasons()}. */
    FAIL
  }

  /** What one period showed. */
  public enum PeriodStatus {
    /** A datapoint with {@code Minimum} = 1: every probe in that minute succeeded. */
    HEALTHY,
    /** A datapoint with {@code Minimum} other than 1: some probe in that minute failed. */
    UNHEALTHY,
    /** No datapoint: nothing was published, or CloudWatch has not ingested it yet. */
    MISSING
  }

  /**
   * One one-minute period.
   *
   * @param start the period's start (a whole minute, UTC)
   * @param minimum the metric's {@code Minimum} in it, or {@code null} when missing
   * @param status what that means
   */
  public record Period(Instant start, Double minimum, PeriodStatus status) {}

  public RecoveryEvidence {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(alarm, "alarm");
    periods = List.copyOf(periods);
    reasons = List.copyOf(reasons);
  }

  /** Whether the verdict is {@link Verdict#PASS}. */
  public boolean passed() {
    return verdict == Verdict.PASS;
  }

  /** The number of minutes examined (N, {@code --healthy-minutes}). */
  public int healthyMinutes() {
    return periods.size();
  }

  /**
   * One line: {@code PASS: alarm <name> is OK and <metric> had Minimum 1 in each of the last N
   * whole minutes} or {@code FAIL: <reason>; <reason>…}.
   */
  public String summary() {
    if (passed()) {
      return "PASS: alarm "
          + alarm.name()
          + " is OK and "
          + alarm.metric()
          + " had Minimum 1 in each of the last "
          + healthyMinutes()
          + " whole minutes";
    }
    return "FAIL: " + String.join("; ", reasons);
  }

  /**
   * The evidence for a terminal, for example:
   *
   * <pre>
   * failback guard: FAIL
   *   alarm   stack-node1-availability: ALARM (must be OK)
   *   metric  LambdaCustomHC node1_availability, Minimum per 60 s
   *   window  last 5 whole minutes, 2026-12-03T12:00:00Z to 2026-12-03T12:05:00Z
   *     2026-12-03T12:00:00Z  1       healthy
   *     2026-12-03T12:01:00Z  0       UNHEALTHY
   *     2026-12-03T12:02:00Z  -       MISSING
   *   ...
   *   why     alarm stack-node1-availability is ALARM, not OK; ...
   * </pre>
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("failback guard: ").append(verdict).append('\n');
    out.append("  alarm   ")
        .append(alarm.name())
        .append(": ")
        .append(alarm.stateValue())
        .append(alarm.isOk() ? "" : " (must be OK)")
        .append('\n');
    out.append("  metric  ").append(alarm.metric()).append(", Minimum per 60 s\n");
    out.append("  window  last ")
        .append(healthyMinutes())
        .append(" whole minutes, ")
        .append(window.start())
        .append(" to ")
        .append(window.end())
        .append(", checked at ")
        .append(checkedAt)
        .append('\n');
    for (Period p : periods) {
      String value = p.minimum() == null ? "-" : format(p.minimum());
      out.append("    ")
          .append(p.start())
          .append("  ")
          .append(String.format("%-6s", value))
          .append("  ")
          .append(p.status() == PeriodStatus.HEALTHY ? "healthy" : p.status().name())
          .append('\n');
    }
    if (!reasons.isEmpty()) {
      out.append("  why     ").append(String.join("; ", reasons)).append('\n');
    }
    return out.toString();
  }

  /**
   * The evidence as a JSON object: {@code verdict}, {@code alarm} ({@code name}, {@code state}),
   * {@code metric} ({@code namespace}, {@code metricName}, {@code dimensions}), {@code stat}
   * ({@code Minimum}), {@code periodSeconds} (60), {@code healthyMinutes}, {@code windowStart},
   * {@code windowEnd}, {@code checkedAt}, {@code periods} (each {@code start}, {@code minimum} or
   * {@code null}, {@code status} as {@code HEALTHY}/{@code UNHEALTHY}/{@code MISSING}) and {@code
   * reasons}. Times are ISO-8601 UTC.
   */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("verdict", verdict.name());
    ObjectNode a = root.putObject("alarm");
    a.put("name", alarm.name());
    a.put("state", alarm.stateValue());
    ObjectNode m = root.putObject("metric");
    m.put("namespace", alarm.metric().namespace());
    m.put("metricName", alarm.metric().metricName());
    ObjectNode dimensions = m.putObject("dimensions");
    for (Map.Entry<String, String> d : alarm.metric().dimensions().entrySet()) {
      dimensions.put(d.getKey(), d.getValue());
    }
    root.put("stat", "Minimum");
    root.put("periodSeconds", (int) RecoveryWindow.PERIOD.toSeconds());
    root.put("healthyMinutes", healthyMinutes());
    root.put("windowStart", window.start().toString());
    root.put("windowEnd", window.end().toString());
    root.put("checkedAt", checkedAt.toString());
    ArrayNode ps = root.putArray("periods");
    for (Period p : periods) {
      ObjectNode o = ps.addObject();
      o.put("start", p.start().toString());
      if (p.minimum() == null) {
        o.putNull("minimum");
      } else {
        o.put("minimum", p.minimum());
      }
      o.put("status", p.status().name());
    }
    ArrayNode rs = root.putArray("reasons");
    reasons.forEach(rs::add);
    return root;
  }

  /** {@code 1} for 1.0, {@code 0.5} for 0.5. */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
