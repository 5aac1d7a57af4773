package io.route53failover.cli;

import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockStatus;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * {@code status --health-check-id ID}: prints the health check's type, {@code ResourcePath}, {@code
 * HealthCheckVersion}, whether it is locked, and the recorded original path. Changes nothing; exit
 * code 0 when the health check could be read.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show whether a Route 53 health check is locked by the failover, and its original path.")
public final class StatusCommand extends HealthCheckCommand {

  public StatusCommand() {}

  StatusCommand(Map<String, String> env, Function<URI, Route53Client> clients) {
    super(env, clients);
  }

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    LockStatus s = lock.status(healthCheckId);
    if (json) {
      out.println(JSON.writeValueAsString(fields(s)));
    } else {
      print(s, "", out);
    }
    return 0;
  }
}
