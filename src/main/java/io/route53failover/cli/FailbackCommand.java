package io.route53failover.cli;

import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.failover.FailbackResult;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LastFailbackTag;
import io.route53failover.failover.LockStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code failback --health-check-id ID [--path P | --threshold N]}: lifts the failover lock.
 * Restores the recorded original value (an endpoint check's {@code ResourcePath}, a {@code
 * CALCULATED} gate's {@code HealthThreshold}), or the one given, with the {@code
 * HealthCheckVersion} just read; removes the original-value tag, records the failback's time in
 * the tag {@code route53-failover:last-failback}, and prints the health check before and after
 * (read back from Route 53). Refuses with exit code 1, changing nothing, when the check is not
 * locked, no value is known, or the option does not fit the check's lock ({@code --path} on a
 * gate, {@code --threshold} on an endpoint check).
 */
@Command(
    name = "failback",
    mixinStandardHelpOptions = true,
    description = {
      "Lift the failover lock: restore the health check's original ResourcePath (HTTP(S)"
          + " checks) or HealthThreshold (CALCULATED gates).",
      "Refuses (exit code 1, nothing changed) when the health check is not locked."
    })
public final class FailbackCommand extends HealthCheckCommand {

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

  public FailbackCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    if (path != null && threshold != null) {
      throw new ParameterException(
          spec.commandLine(), "--path and --threshold exclude each other; nothing changed");
    }
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
      result = lock.failback(healthCheck.healthCheckId, Optional.ofNullable(given));
    } catch (FailbackRefusedException e) {
      if (!output.json) {
        out.println("current:");
        print(before, "  ", out);
      }
      throw e;
    }
    LockStatus after = lock.status(healthCheck.healthCheckId);
    if (output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("before", fields(before));
      m.put("after", fields(after));
      m.put("field", result.field());
      m.put("restoredValue", result.restoredValue());
      m.put("source", result.source());
      m.put("at", LastFailbackTag.format(result.at()));
      m.put("tagRemoved", result.tagRemoved());
      m.put("warning", result.warning());
      OutputOptions.printJson(m, out);
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
    return result.warning() == null ? ExitCode.OK : ExitCode.SOFTWARE;
  }
}
