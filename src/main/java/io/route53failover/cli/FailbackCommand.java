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
import picocli.CommandLine.Option;

/**
 * {@code failback --health-check-id ID [--path P]}: lifts the failover lock. Restores the recorded
 * original {@code ResourcePath} (or {@code --path}) with the {@code HealthCheckVersion} just read,
 * removes the tag, and prints the health check before and after (read back from Route 53). Refuses
 * with exit code 1, changing nothing, when the check is not locked or no path is known.
 */
@Command(
    name = "failback",
    mixinStandardHelpOptions = true,
    description = {
      "Lift the failover lock: restore the health check's original ResourcePath.",
      "Refuses (exit code 1, nothing changed) when the health check is not locked."
    })
public final class FailbackCommand extends HealthCheckCommand {

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "Restore this ResourcePath instead of the recorded one.")
  String path;

  public FailbackCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    LockStatus before = lock.status(healthCheck.healthCheckId);
    FailbackResult result;
    try {
      result = lock.failback(healthCheck.healthCheckId, Optional.ofNullable(path));
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
      m.put("restoredPath", result.restoredPath());
      m.put("source", result.source());
      m.put("tagRemoved", result.tagRemoved());
      m.put("warning", result.warning());
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
