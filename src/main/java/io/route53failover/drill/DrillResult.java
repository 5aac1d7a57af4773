package io.route53failover.drill;

import io.route53failover.operator.RecordAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a drill did and how long each step took.
 *
 * @param outcome how the drill ended
 * @param alarmName the alarm forced to {@code ALARM}
 * @param healthCheckId the health check watched for the lock
 * @param alarmSetAt wall-clock time of SetAlarmState {@code ALARM}
 * @param alarmSetToLock from SetAlarmState to the first poll that saw the lock; {@code null} when
 *     the lock was not seen within the timeout
 * @param lockToFailback from the lock seen to the failback done; {@code null} without failback
 * @param failbackToAlarmOk from the failback done to the first poll that saw the alarm {@code OK};
 *     {@code null} when not reached
 * @param timeout the limit of each wait
 * @param message what the operator must know or do next
 * @param dnsRecord the failover record resolved ({@code app.example.com A}); {@code null} without
 *     {@code --verify-dns}
 * @param dnsSecondary from the lock seen to the record answering the secondary; {@code null} when
 *     not waited for
 * @param dnsPrimary from the failback done to the record answering the primary; {@code null} when
 *     not waited for
 */
public record DrillResult(
    Outcome outcome,
    String alarmName,
    String healthCheckId,
    Instant alarmSetAt,
    Duration alarmSetToLock,
    Duration lockToFailback,
    Duration failbackToAlarmOk,
    Duration timeout,
    String message,
    String dnsRecord,
    DnsStep dnsSecondary,
    DnsStep dnsPrimary) {

  /**
   * A wait for the failover record to answer a node.
   *
   * @param node the node waited for: {@code secondary} or {@code primary}
   * @param after from the step before (lock seen, failback done) to the first resolution that
   *     answered the node; {@code null} when none did within the timeout
   * @param last the last resolution
   */
  public record DnsStep(String node, Duration after, RecordAnswer.Seen last) {
    /** Whether the record answered the node in time. */
    public boolean reached() {
      return after != null;
    }

    /** {@code dns answers secondary (192.0.2.20): 12.4 s}, or what it still answered. */
    String line(String from, Duration timeout) {
      String head = "  " + from + " → dns answers " + node;
      if (after != null) {
        return head + " (" + last.answer() + "): " + seconds(after);
      }
      return head
          + ": not within "
          + seconds(timeout)
          + " (still "
          + last.answer()
          + ", "
          + last.nodeOrUnknown()
          + ")";
    }
  }

  /** How a drill ended. */
  public enum Outcome {
    /** The lock was seen; no failback was asked for, so the lock holds. */
    LOCKED(true),
    /** The lock was seen, failback restored the path, and the alarm returned to OK. */
    FAILED_BACK(true),
    /** The lock was not seen within the timeout. */
    LOCK_TIMEOUT(false),
    /** The lock was seen but failback was refused or failed: the lock holds. */
    FAILBACK_FAILED(false),
    /** Failback restored the path, but the alarm did not return to OK within the timeout. */
    ALARM_OK_TIMEOUT(false),
    /**
     * The failover record did not answer the secondary after the lock, or the primary after the
     * failback, within the timeout; the rest went as asked.
     */
    DNS_TIMEOUT(false);

    private final boolean success;

    Outcome(boolean success) {
      this.success = success;
    }

    public boolean success() {
      return success;
    }
  }

  /** Whether the drill did all it was asked to. */
  public boolean success() {
    return outcome.success();
  }

  /**
   * The timeline as text lines, e.g. {@code alarm set → lock seen: 12.3 s}, {@code lock seen → dns
   * answers secondary (192.0.2.20): 12.4 s}; a step not reached says so.
   */
  public List<String> timeline() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "timeline (alarm "
            + alarmName
            + ", health check "
            + healthCheckId
            + (dnsRecord == null ? "" : ", record " + dnsRecord)
            + "):");
    lines.add("  alarm set (SetAlarmState ALARM) at " + alarmSetAt);
    lines.add(
        "  alarm set → lock seen: "
            + (alarmSetToLock == null ? "not seen within " + seconds(timeout) : seconds(alarmSetToLock)));
    if (dnsSecondary != null) {
      lines.add(dnsSecondary.line("lock seen", timeout));
    }
    if (lockToFailback != null) {
      lines.add("  lock seen → failback done: " + seconds(lockToFailback));
      if (dnsPrimary != null) {
        lines.add(dnsPrimary.line("failback done", timeout));
      }
      lines.add(
          "  failback done → alarm OK: "
              + (failbackToAlarmOk == null
                  ? "not OK within " + seconds(timeout)
                  : seconds(failbackToAlarmOk)));
    }
    return lines;
  }

  /** {@code 12.3 s}. */
  public static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
  }
}
