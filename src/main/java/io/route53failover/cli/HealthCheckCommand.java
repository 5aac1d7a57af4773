package io.route53failover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.route53failover.failover.FailbackRefusedException;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.FailoverConfigException;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.HealthCheckNotFoundException;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.failover.LockContentionException;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * What the operator commands on one health check share: options, the Route 53 client, error
 * handling (a clear {@code error: …} line on stderr and exit code 1) and the status layout.
 */
abstract class HealthCheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--health-check-id",
      required = true,
      paramLabel = "ID",
      description = "The Route 53 health check id.")
  String healthCheckId;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Endpoint of the AWS APIs the command calls, e.g. a local emulator (default:"
              + " AWS_ENDPOINT_URL, else AWS).")
  URI endpointUrl;

  @Option(
      names = "--failed-over-path",
      paramLabel = "PATH",
      description =
          "The ResourcePath that means locked (default: FAILED_OVER_PATH, else "
              + FailoverConfig.DEFAULT_FAILED_OVER_PATH
              + ").")
  String failedOverPath;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Map<String, String> env;
  private final Function<URI, Route53Client> clients;
  private final Function<Route53Client, HealthCheckStore> stores;

  HealthCheckCommand(Map<String, String> env, Function<URI, Route53Client> clients) {
    this(env, clients, Route53HealthCheckStore::new);
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

  HealthCheckCommand() {
    this(System.getenv(), Route53Clients::create);
  }

  /** The process environment (or the one given for tests). */
  Map<String, String> env() {
    return env;
  }

  /** Runs the command on the lock; returns the exit code. */
  abstract int run(HealthCheckLock lock, PrintWriter out) throws Exception;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String path;
    try {
      path = lockedPath();
    } catch (FailoverConfigException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    try (Route53Client client = clients.apply(endpointUrl)) {
      HealthCheckLock lock = new HealthCheckLock(stores.apply(client), path);
      return run(lock, spec.commandLine().getOut());
    } catch (FailbackRefusedException | HealthCheckNotFoundException | LockContentionException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (SdkException e) {
      err.println("error: " + Route53HealthCheckStore.describe(e));
      return 1;
    } finally {
      spec.commandLine().getOut().flush();
      err.flush();
    }
  }

  private String lockedPath() {
    if (failedOverPath != null) {
      return FailoverConfig.fromEnvironment(Map.of(FailoverConfig.FAILED_OVER_PATH, failedOverPath))
          .failedOverPath();
    }
    String fromEnv = env.get(FailoverConfig.FAILED_OVER_PATH);
    return FailoverConfig.fromEnvironment(
            fromEnv == null ? Map.of() : Map.of(FailoverConfig.FAILED_OVER_PATH, fromEnv))
        .failedOverPath();
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
