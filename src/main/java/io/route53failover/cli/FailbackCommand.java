package io.route53failover.cli;

import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.failover.FailbackResult;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code failback --health-check-id ID [--path P]}: lifts the failover lock. Restores the recorded
 * original {@code ResourcePath} (or {@code --path}) with the {@code HealthCheckVersion} just read,
 * removes the tag, and prints the health check before and after (read back from Route 53). Refuses
 * with exit code 1, changing nothing, when the check is not locked or no path is known, or when
 * the failback guard ({@link FailbackGuardOptions}, {@link GuardedFailback}) says no; the guard's
 * evidence is printed either way.
 */
@Command(
    name = "failback",
    mixinStandardHelpOptions = true,
    description = {
      "Lift the failover lock: restore the health check's original ResourcePath.",
      "Refuses (exit code 1, nothing changed) when the health check is not locked, or unless the"
          + " node alarm is OK and its metric had Minimum 1 in each of the last --healthy-minutes"
          + " minutes (the guard; --force --reason TEXT skips it)."
    })
public final class FailbackCommand extends OperatorCommand {

  @Mixin FailbackGuardOptions guardOptions = new FailbackGuardOptions();

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Restore this ResourcePath instead of the recorded one.")
  String path;

  public FailbackCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    GuardedFailback guarded = new GuardedFailback(this, guardOptions, store);
    LockStatus before = lock.status(healthCheck.healthCheckId);
    FailbackResult result;
    try {
      result =
          guarded
              .lock(lock, out)
              .failback(healthCheck.healthCheckId, Optional.ofNullable(path));
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
    if (output.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("before", fields(before));
      m.put("after", fields(after));
      m.put("restoredPath", result.restoredPath());
      m.put("source", result.source());
      m.put("tagRemoved", result.tagRemoved());
      m.put("warning", result.warning());
      m.put("guard", guarded.json());
      OutputOptions.printJson(m, out);
    } else {
      out.println("before:");
      print(before, "  ", out);
      out.println("after:");
      print(after, "  ", out);
      out.printf(
          "failback: ResourcePath %s restored from %s%n",
          orNone(result.restoredPath()),
          result.source().equals("tag") ? "the recorded original" : "--path");
      if (result.warning() != null) {
        out.println("warning: " + result.warning());
      }
    }
    return result.warning() == null ? ExitCode.OK : ExitCode.SOFTWARE;
  }
}
