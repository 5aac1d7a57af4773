package io.route53failover.cli;

import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.failover.LockStatus;
import io.route53failover.failover.OriginalPathTag;
import io.route53failover.failover.Route53Clients;
import io.route53failover.failover.Route53HealthCheckStore;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * What the operator commands on one health check share: the options ({@link HealthCheckOptions},
 * {@link AwsOptions}, {@link OutputOptions}), the Route 53 client and {@link HealthCheckLock} built
 * from them, and the status layout. Errors are thrown to the root command, which prints them and
 * maps them to exit codes (see {@link Main}).
 */
abstract class HealthCheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HealthCheckOptions healthCheck;

  @Mixin AwsOptions aws;

  @Mixin OutputOptions output;

  private final Map<String, String> env;
  private final Function<URI, Route53Client> clients;
  private final Function<Route53Client, HealthCheckStore> stores;

  /** Production: the process environment, a new Route 53 client, the Route 53 API. */
  HealthCheckCommand() {
    this(System.getenv(), Route53Clients::create, Route53HealthCheckStore::new);
  }

  /**
   * @param env the process environment
   * @param clients builds the Route 53 client for {@code --endpoint-url} (null when not given)
   * @param stores the health checks over that client
   */
  HealthCheckCommand(
      Map<String, String> env,
      Function<URI, Route53Client> clients,
      Function<Route53Client, HealthCheckStore> stores) {
    this.env = env;
    this.clients = clients;
    this.stores = stores;
  }

  /** The health checks the running command works on; set by {@link #call()}. */
  HealthCheckStore store;

  /** The process environment (or the one given for tests). */
  Map<String, String> env() {
    return env;
  }

  /** Runs the command on the lock; returns the exit code (see {@link Main}). */
  abstract int run(HealthCheckLock lock, PrintWriter out) throws Exception;

  @Override
  public Integer call() throws Exception {
    String path = healthCheck.failedOverPath(env);
    try (Route53Client client = clients.apply(aws.endpointUrl)) {
      store = stores.apply(client);
      return run(new HealthCheckLock(store, path), spec.commandLine().getOut());
    } finally {
      spec.commandLine().getOut().flush();
    }
  }

  /** The status as ordered fields, for JSON. */
  static Map<String, Object> fields(LockStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("healthCheckId", s.state().id());
    m.put("type", s.state().type());
    m.put("resourcePath", s.state().resourcePath());
    m.put("healthCheckVersion", s.state().version());
    m.put("locked", s.locked());
    m.put("failedOverPath", s.failedOverPath());
    m.put("originalPathRecorded", s.originalPathRecorded());
    m.put("recordedOriginalPath", s.recordedOriginalPath());
    if (s.tagProblem() != null) {
      m.put("tagProblem", s.tagProblem());
    }
    return m;
  }

  /** The status as aligned text lines, each prefixed with {@code indent}. */
  static void print(LockStatus s, String indent, PrintWriter out) {
    out.printf("%shealth check   %s%n", indent, s.state().id());
    out.printf("%stype           %s%n", indent, s.state().type());
    out.printf("%sResourcePath   %s%n", indent, orNone(s.state().resourcePath()));
    out.printf("%sversion        %d%n", indent, s.state().version());
    out.printf(
        "%slocked         %s%n",
        indent,
        s.locked()
            ? "yes (ResourcePath is the failed-over path)"
            : "no (failed-over path is " + s.failedOverPath() + ")");
    out.printf("%soriginal path  %s%n", indent, original(s));
  }

  private static String original(LockStatus s) {
    if (s.tagValue() == null) {
      return "(none recorded)";
    }
    if (s.tagProblem() != null) {
      return "(tag " + OriginalPathTag.KEY + " unreadable: " + s.tagProblem() + ")";
    }
    String recorded =
        s.recordedOriginalPath() == null ? "(no ResourcePath)" : s.recordedOriginalPath();
    return s.locked()
        ? recorded + " (tag " + OriginalPathTag.KEY + ")"
        : recorded + " (stale tag " + OriginalPathTag.KEY + ": the check is not locked)";
  }

  static String orNone(String path) {
    return path == null ? "(none)" : path;
  }
}
