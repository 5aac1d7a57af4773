package io.route53failover.cli;

import io.route53failover.drill.DrillResult;
import io.route53failover.operator.Ticker;
import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.failover.FailbackResult;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LastFailbackTag;
import io.route53failover.failover.LockStatus;
import io.route53failover.operator.FailoverRecordValues;
import io.route53failover.operator.RecordAnswer;
import io.route53failover.operator.RecordWait;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code failback --health-check-id ID [--path P | --threshold N]}: lifts the failover lock.
 * Restores the recorded original value (an endpoint check's {@code ResourcePath}, a {@code
 * CALCULATED} gate's {@code HealthThreshold}), or the one given, with the {@code
 * HealthCheckVersion} just read; removes the original-value tag, records the failback's time in
 * the tag {@code route53-failover:last-failback}, and prints the health check before and after
 * (read back from Route 53). Refuses with exit code 1, changing nothing, when the check is not
 * locked, no value is known, the option does not fit the check's lock ({@code --path} on a gate,
 * {@code --threshold} on an endpoint check), or the failback guard ({@link
 * FailbackGuardOptions}, {@link GuardedFailback}) says no; the guard's evidence is printed either
 * way. With {@code --verify-dns NAME} ({@link DnsVerifyOptions}), after the failback it resolves
 * the failover record every {@code --dns-poll-interval} until it answers the primary, up to {@code
 * --dns-timeout} (default 5 min), and exits 1 saying what it still answers when it does not; the
 * failback itself is not undone.
 */
@Command(
    name = "failback",
    mixinStandardHelpOptions = true,
    description = {
      "Lift the failover lock: restore the health check's original ResourcePath (HTTP(S)"
          + " checks) or HealthThreshold (CALCULATED gates).",
      "Refuses (exit code 1, nothing changed) when the health check is not locked, or unless the"
          + " node alarm is OK and its metric had Minimum 1 in each of the last --healthy-minutes"
          + " minutes (the guard; --force --reason TEXT skips it).",
      "With --verify-dns NAME: then waits (--dns-timeout) until the failover record answers the"
          + " primary again; exit code 1 when it does not (the failback stands)."
    })
public final class FailbackCommand extends OperatorCommand {

  @Mixin FailbackGuardOptions guardOptions = new FailbackGuardOptions();

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Restore this ResourcePath instead of the recorded one (HTTP(S) checks).")
  String path;

  @Option(
      names = "--threshold",
      paramLabel = "N",
      description =
          "Restore this HealthThreshold instead of the recorded one (CALCULATED gates; at most"
              + " the number of children).")
  String threshold;

  @Mixin DnsVerifyOptions dns = new DnsVerifyOptions();

  @Option(
      names = "--dns-timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "With --verify-dns: how long to wait for the record to answer the primary again"
              + " (default: ${DEFAULT-VALUE}).")
  Duration dnsTimeout;

  @Option(
      names = "--dns-poll-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "With --verify-dns: time between two resolutions (default: ${DEFAULT-VALUE}).")
  Duration dnsPollInterval;

  private final Ticker ticker = Ticker.system();

  public FailbackCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    if (path != null && threshold != null) {
      throw new ParameterException(
          spec.commandLine(), "--path and --threshold exclude each other; nothing changed");
    }
    RecordAnswer record = dns.answer(route53);
    if (record != null) {
      DnsVerifyOptions.requireNodes(spec.commandLine(), record, FailoverRecordValues.PRIMARY);
      if (dnsTimeout.isNegative() || !dnsPollInterval.isPositive()) {
        throw new ParameterException(
            spec.commandLine(),
            "--dns-timeout must not be negative and --dns-poll-interval must be positive; nothing"
                + " changed");
      }
    }
    GuardedFailback guarded = new GuardedFailback(this, guardOptions, store);
    LockStatus before = lock.status(healthCheck.healthCheckId);
    String given = path != null ? path : threshold;
    String option = path != null ? "--path" : "--threshold";
    FailbackResult result;
    try {
      if (given != null && before.lockable()) {
        String fits = lock.mechanism(before.state().type()).orElseThrow().option();
        if (!fits.equals(option)) {
          throw new FailbackRefusedException(
              option
                  + " does not apply to health check "
                  + before.state().id()
                  + " (type "
                  + before.state().type()
                  + ", locked through its "
                  + before.field()
                  + "): use "
                  + fits
                  + "; nothing changed");
        }
      }
      result =
          guarded
              .lock(lock, out)
              .failback(healthCheck.healthCheckId, Optional.ofNullable(given));
    } catch (FailbackRefusedException | CommandRefusedException e) {
      guarded.refused(e.getMessage(), out);
      if (!output.json) {
        out.println("current:");
        print(before, "  ", out);
      }
      throw e;
    }
    guarded.done(result);
    LockStatus after = lock.status(healthCheck.healthCheckId);
    Map<String, Object> m = new LinkedHashMap<>();
    if (output.json) {
      m.put("before", fields(before));
      m.put("after", fields(after));
      m.put("field", result.field());
      m.put("restoredValue", result.restoredValue());
      m.put("source", result.source());
      m.put("at", LastFailbackTag.format(result.at()));
      m.put("tagRemoved", result.tagRemoved());
      m.put("warning", result.warning());
      m.put("guard", guarded.json());
    } else {
      out.println("before:");
      print(before, "  ", out);
      out.println("after:");
      print(after, "  ", out);
      out.printf(
          "failback: %s %s restored from %s at %s%n",
          result.field(),
          orNone(result.restoredValue()),
          result.source().equals("tag") ? "the recorded original" : result.source(),
          LastFailbackTag.format(result.at()));
      if (result.warning() != null) {
        out.println("warning: " + result.warning());
      }
    }
    String dnsProblem = record == null ? null : awaitPrimary(record, m, out);
    if (output.json) {
      OutputOptions.printJson(m, out);
    }
    if (dnsProblem != null) {
      spec.commandLine().getErr().println("error: " + dnsProblem);
      return ExitCode.SOFTWARE;
    }
    return result.warning() == null ? ExitCode.OK : ExitCode.SOFTWARE;
  }

  /**
   * Waits for the record to answer the primary (progress on stdout, or stderr with {@code
   * --json}); puts {@code dns} into {@code json}.
   *
   * @return what the record still answers when it did not return in time; null when it did
   */
  private String awaitPrimary(RecordAnswer record, Map<String, Object> json, PrintWriter out)
      throws InterruptedException {
    PrintWriter progress = output.json ? spec.commandLine().getErr() : out;
    progress.printf(
        "dns: waiting up to %s for %s to answer primary %s%n",
        DrillResult.seconds(dnsTimeout),
        record.record(),
        record.valuesByNode().get(FailoverRecordValues.PRIMARY));
    progress.flush();
    RecordWait.Result r =
        new RecordWait(record, ticker)
            .await(
                FailoverRecordValues.PRIMARY,
                dnsTimeout,
                dnsPollInterval,
                (elapsed, seen) -> {
                  progress.printf(
                      Locale.ROOT,
                      "[%6.1f s] dns: %s%n",
                      elapsed.toNanos() / 1e9,
                      seen.describe(record.record()));
                  progress.flush();
                });
    Map<String, Object> dnsFields = DnsVerifyOptions.fields(record, r.last());
    dnsFields.put("answersPrimary", r.reached());
    dnsFields.put("waitedSeconds", r.waited().toMillis() / 1000.0);
    json.put("dns", dnsFields);
    if (r.reached()) {
      if (!output.json) {
        out.println(
            "dns: "
                + record.record()
                + " answers primary ("
                + r.last().answer()
                + ") after "
                + DrillResult.seconds(r.waited()));
      }
      return null;
    }
    String problem =
        "dns: "
            + record.record()
            + " did not answer primary within "
            + DrillResult.seconds(dnsTimeout)
            + "; it still answers "
            + r.last().answer()
            + " ("
            + r.last().nodeOrUnknown()
            + "). The failback stands (not undone): check the primary's Route 53 health check and"
            + " the record's TTL, then: status --health-check-id "
            + healthCheck.healthCheckId
            + " --verify-dns "
            + dns.name;
    if (!output.json) {
      out.println(problem);
    }
    return problem;
  }
}
