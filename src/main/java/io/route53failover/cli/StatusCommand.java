package io.route53failover.cli;

import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockStatus;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;

/**
 * {@code status --health-check-id ID}: prints the health check's type, {@code ResourcePath}, {@code
 * HealthCheckVersion}, whether it is locked, and the recorded original path. Changes nothing; exit
 * code 0 when the health check could be read.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show whether a Route 53 health check is locked by the failover, and its original path.")
public final class StatusCommand extends HealthCheckCommand {

  @Mixin DnsVerifyOptions dns = new DnsVerifyOptions();

  public StatusCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    LockStatus s = lock.status(healthCheck.healthCheckId);
    if (output.json) {
      OutputOptions.printJson(fields(s), out);
    } else {
      print(s, "", out);
      dns.printIfAsked(out);
    }
    return ExitCode.OK;
  }
}
