package io.route53failover.cli;

import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.failover.LockStatus;
import io.route53failover.failover.LastFailbackTag;
import io.route53failover.failover.Route53Clients;
import io.route53failover.failover.Route53HealthCheckStore;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** The Route 53 client of the running command (for record sets); set by {@link #call()}. */
  Route53Client route53;

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
      route53 = client;
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
    m.put("mechanism", s.field());
    m.put("resourcePath", s.state().resourcePath());
    m.put("healthThreshold", s.state().healthThreshold());
    m.put("healthCheckVersion", s.state().version());
    m.put("locked", s.locked());
    m.put("lock", s.lockDescription());
    m.put("lockedValue", s.lockedValue());
    m.put("originalTag", s.originalTag());
    m.put("originalRecorded", s.originalRecorded());
    m.put("recordedOriginal", s.recordedOriginal());
    if (s.tagProblem() != null) {
      m.put("tagProblem", s.tagProblem());
    }
    if (!s.children().isEmpty() || "CALCULATED".equals(s.state().type())) {
      List<Map<String, String>> children = new ArrayList<>();
      for (LockStatus.Child c : s.children()) {
        Map<String, String> child = new LinkedHashMap<>();
        child.put("healthCheckId", c.healthCheckId());
        child.put("lastReportedStatus", c.lastReportedStatus());
        children.add(child);
      }
      m.put("children", children);
    }
    m.put("lastFailback", s.lastFailback() == null ? null : s.lastFailback().toString());
    return m;
  }

  /** The status as aligned text lines, each prefixed with {@code indent}. */
  static void print(LockStatus s, String indent, PrintWriter out) {
    out.printf("%shealth check     %s%n", indent, s.state().id());
    out.printf("%stype             %s%n", indent, s.state().type());
    if (!s.lockable()) {
      out.printf("%smechanism        none: %s%n", indent, s.lockDescription());
    } else {
      out.printf(
          "%smechanism        %s%n",
          indent,
          "ResourcePath".equals(s.field())
              ? "ResourcePath (locked: the failed-over path " + s.lockedValue() + ")"
              : "HealthThreshold (locked: above the number of children, here "
                  + s.lockedValue()
                  + ")");
    }
    if (s.state().resourcePath() != null || "ResourcePath".equals(s.field())) {
      out.printf("%sResourcePath     %s%n", indent, orNone(s.state().resourcePath()));
    }
    if (s.state().healthThreshold() != null || "HealthThreshold".equals(s.field())) {
      out.printf("%sHealthThreshold  %s%n", indent, s.currentValue());
    }
    for (LockStatus.Child c : s.children()) {
      out.printf("%schild            %s: %s%n", indent, c.healthCheckId(), c.lastReportedStatus());
    }
    if ("CALCULATED".equals(s.state().type()) && s.children().isEmpty()) {
      out.printf("%schild            (none)%n", indent);
    }
    out.printf("%sversion          %d%n", indent, s.state().version());
    if (s.lockable()) {
      out.printf(
          "%slocked           %s (%s)%n", indent, s.locked() ? "yes" : "no", s.lockDescription());
      out.printf("%soriginal         %s%n", indent, original(s));
    }
    out.printf(
        "%slast failback    %s%n",
        indent,
        s.lastFailback() == null
            ? "(none recorded)"
            : s.lastFailback() + " (tag " + LastFailbackTag.KEY + ")");
  }

  private static String original(LockStatus s) {
    if (s.tagValue() == null) {
      return "(none recorded)";
    }
    if (s.tagProblem() != null) {
      return "(tag " + s.originalTag() + " unreadable: " + s.tagProblem() + ")";
    }
    String recorded =
        s.recordedOriginal() == null ? "(no " + s.field() + ")" : s.recordedOriginal();
    return s.locked()
        ? recorded + " (tag " + s.originalTag() + ")"
        : recorded + " (stale tag " + s.originalTag() + ": the check is not locked)";
  }

  static String orNone(String path) {
    return path == null ? "(none)" : path;
  }
}
