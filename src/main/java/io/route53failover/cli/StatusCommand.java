package io.route53failover.cli;

import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockStatus;
import io.route53failover.operator.RecordAnswer;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;

/**
 * {@code status --health-check-id ID}: prints the health check's type, {@code ResourcePath}, {@code
 * HealthCheckVersion}, whether it is locked, and the recorded original path, then the operator
 * control ({@link ControlStatus}: armed or disarmed, manual lock, last failback, the failback
 * guard's verdict now), and with {@code --verify-dns NAME} what the failover record answers
 * ({@link DnsVerifyOptions}; in {@code --json}, the object {@code dns}: name, type, values, node or
 * {@code unknown}, problem). Changes nothing; exit code 0 when the health check could be read.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show whether a Route 53 health check is locked by the failover, and its original path.")
public final class StatusCommand extends OperatorCommand {

  @Mixin DnsVerifyOptions dns = new DnsVerifyOptions();

  public StatusCommand() {}

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    LockStatus s = lock.status(healthCheck.healthCheckId);
    ControlStatus control = ControlStatus.read(this);
    if (output.json) {
      java.util.Map<String, Object> m = fields(s);
      m.putAll(control.fields());
      RecordAnswer answer = dns.answer(route53);
      if (answer != null) {
        m.put("dns", DnsVerifyOptions.fields(answer, answer.resolve()));
      }
      OutputOptions.printJson(m, out);
    } else {
      print(s, "", out);
      control.print(out);
      dns.printIfAsked(route53, out);
    }
    return ExitCode.OK;
  }
}
