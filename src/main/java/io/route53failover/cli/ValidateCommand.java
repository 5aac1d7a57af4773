package io.route53failover.cli;

import io.route53failover.aws.AwsClients;
import io.route53failover.aws.ParameterReader;
import io.route53failover.aws.SsmParameterReader;
import io.route53failover.healthcheck.CaBundle;
import io.route53failover.healthcheck.ConcurrentProbeRunner;
import io.route53failover.healthcheck.DnsTarget;
import io.route53failover.healthcheck.HeaderParameters;
import io.route53failover.healthcheck.HttpTarget;
import io.route53failover.healthcheck.ProbeResult;
import io.route53failover.healthcheck.Target;
import io.route53failover.healthcheck.TargetConfigException;
import io.route53failover.healthcheck.TargetsParser;
import io.route53failover.healthcheck.TcpTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code validate --file targets.json [--probe]}: checks a target list offline, with the function's
 * own parser, and prints every problem (one line each, naming the target and field), not just the
 * first. Exit code 0 when the list is valid, 1 on any problem, 2 when the file cannot be read.
 * With {@code --probe}, a valid list is also probed once from where the command runs, with the
 * function's probers, and a table is printed: name, type, result, latency, reason and what the
 * type adds ({@code answer=... ttl=...s} for dns, {@code cert=...d} for https once a handshake
 * completed, {@code tries=N} when the target has retries); an unhealthy target does not change the
 * exit code. Header values given as {@code {"fromParameter": ...}} are read from SSM first (with
 * {@code --region} and {@code --endpoint-url}, else the environment); a parameter that cannot be
 * read is printed as an error (naming the target, field and parameter, never a value) and exits 1.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a targets file (the JSON of TARGETS, TARGETS_PARAMETER or TARGETS_S3_URI) offline",
      "and prints every error; exit code 1 on any. --probe also probes each target once."
    })
public final class ValidateCommand implements Callable<Integer> {

  /** Most probes open at once for {@code --probe}. */
  static final int PROBE_CONCURRENCY = 64;

  /** Time all probes of {@code --probe} get: the longest target timeout (60 s) and a margin. */
  static final Duration PROBE_DEADLINE = Duration.ofSeconds(65);

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The targets file: a JSON array of targets.")
  Path file;

  @Option(
      names = "--probe",
      description =
          "Also probe each target once from here, and print name, type, result, latency, reason"
              + " and detail (dns answer and TTL, https certificate days, tries). Header values"
              + " given as fromParameter are read from SSM first.")
  boolean probe;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Region of the SSM parameters that header values and --ca-bundle-parameter name"
              + " (--probe; default: AWS_REGION,"
              + " else the SDK's default).")
  String region;

  @Option(
      names = "--ca-bundle-parameter",
      paramLabel = "NAME",
      description =
          "SSM parameter holding the PEM CA certificates that https targets with caBundle true are"
              + " verified against (--probe), as CA_BUNDLE_PARAMETER does for the function.")
  String caBundleParameter;

  @Mixin AwsOptions aws;

  private final Map<String, String> env = System.getenv();

  @Override
  public Integer call() {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "--file: cannot read " + file + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<TargetConfigException> problems = TargetsParser.problems(json);
    if (!problems.isEmpty()) {
      for (TargetConfigException p : problems) {
        out.println(file + ": " + withoutVariable(p));
      }
      out.println(
          file + ": " + problems.size() + (problems.size() == 1 ? " error" : " errors"));
      out.flush();
      return ExitCode.SOFTWARE;
    }
    List<Target> targets = TargetsParser.parse(json);
    out.println(file + ": valid, " + targets.size() + (targets.size() == 1 ? " target" : " targets"));
    if (probe) {
      ParameterReader parameters = parameters();
      CaBundle caBundle;
      try {
        targets = HeaderParameters.resolve(targets, parameters);
        caBundle =
            caBundleParameter == null
                ? CaBundle.NONE
                : CaBundle.read(parameters, caBundleParameter);
      } catch (TargetConfigException e) {
        out.println(file + ": " + withoutVariable(e));
        out.println(file + ": 1 error");
        out.flush();
        return ExitCode.SOFTWARE;
      }
      printTable(
          out,
          targets,
          new ConcurrentProbeRunner(Math.min(PROBE_CONCURRENCY, targets.size()), caBundle)
              .probeAll(targets, Instant.now().plus(PROBE_DEADLINE)));
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * SSM for header values and the CA bundle, on a client built at the first read only (a file
   * that names no parameter builds none), closed by the JVM's end.
   */
  private ParameterReader parameters() {
    Map<String, String> e = new HashMap<>(env);
    if (region != null) {
      e.put(AwsClients.AWS_REGION, region);
    }
    if (aws.endpointUrl != null) {
      e.put(AwsClients.AWS_ENDPOINT_URL_SSM, aws.endpointUrl.toString());
    }
    return new SsmParameterReader(() -> AwsClients.newSsmClient(e));
  }

  /** The message without the leading {@code TARGETS: }, which names no variable here. */
  private static String withoutVariable(TargetConfigException p) {
    String prefix = p.variable() + ": ";
    return p.getMessage().startsWith(prefix) ? p.getMessage().substring(prefix.length()) : p.getMessage();
  }

  private static void printTable(PrintWriter out, List<Target> targets, List<ProbeResult> results) {
    int width = Math.max(4, targets.stream().mapToInt(t -> t.name().length()).max().orElse(4));
    String format = "%-" + width + "s  %-5s  %-9s  %10s  %-24s  %s";
    out.println(String.format(format, "NAME", "TYPE", "RESULT", "LATENCY", "REASON", "DETAIL"));
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      ProbeResult r = i < results.size() ? results.get(i) : null;
      out.println(String.format(
          format,
          target.name(),
          type(target),
          r == null ? "unhealthy" : r.healthy() ? "healthy" : "unhealthy",
          r == null || r.latencyMs() == null ? "-" : r.latencyMs() + " ms",
          r == null ? "not probed" : r.reason(),
          r == null ? "" : detail(target, r)).stripTrailing());
    }
  }

  private static String type(Target target) {
    return switch (target) {
      case HttpTarget h -> h.type();
      case DnsTarget d -> "dns";
      case TcpTarget t -> "tcp";
    };
  }

  /**
   * What the type adds: the DNS answer and its TTL, the days left on an HTTPS certificate, and the
   * tries made when the target has retries.
   */
  static String detail(Target target, ProbeResult r) {
    StringBuilder b = new StringBuilder();
    if (r.answer() != null) {
      b.append("answer=").append(r.answer()).append(' ');
    }
    if (r.dnsTtl() != null) {
      b.append("ttl=").append(r.dnsTtl()).append("s ");
    }
    if (r.certDays() != null) {
      b.append(String.format(Locale.ROOT, "cert=%.1fd ", r.certDays()));
    }
    if (target.retries() != null && target.retries() > 0) {
      b.append("tries=").append(r.tries()).append(' ');
    }
    return b.toString().strip();
  }
}
