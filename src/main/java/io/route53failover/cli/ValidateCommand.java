package io.route53failover.cli;

import io.route53failover.healthcheck.ConcurrentProbeRunner;
import io.route53failover.healthcheck.ProbeResult;
import io.route53failover.healthcheck.ProbeRunner;
import io.route53failover.healthcheck.Target;
import io.route53failover.healthcheck.TargetConfigException;
import io.route53failover.healthcheck.TargetsParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code validate --file targets.json [--probe]}: checks a target list offline, with the function's
 * own parser, and prints every problem (one line each, naming the target and field), not just the
 * first. Exit code 0 when the list is valid, 1 on any problem, 2 when the file cannot be read.
 * With {@code --probe}, a valid list is also probed once from where the command runs, with the
 * function's probers, and a table of name, result, latency and reason is printed; an unhealthy
 * target does not change the exit code.
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
      description = "Also probe each target once from here, and print name, result, latency, reason.")
  boolean probe;

  private final IntFunction<ProbeRunner> runners;

  public ValidateCommand() {
    this(ConcurrentProbeRunner::new);
  }

  /** @param runners the probe runner for a given concurrency */
  ValidateCommand(IntFunction<ProbeRunner> runners) {
    this.runners = runners;
  }

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
      printTable(out, targets, runners.apply(Math.min(PROBE_CONCURRENCY, targets.size()))
          .probeAll(targets, Instant.now().plus(PROBE_DEADLINE)));
    }
    out.flush();
    return ExitCode.OK;
  }

  /** The message without the leading {@code TARGETS: }, which names no variable here. */
  private static String withoutVariable(TargetConfigException p) {
    String prefix = p.variable() + ": ";
    return p.getMessage().startsWith(prefix) ? p.getMessage().substring(prefix.length()) : p.getMessage();
  }

  private static void printTable(PrintWriter out, List<Target> targets, List<ProbeResult> results) {
    int width = Math.max(4, targets.stream().mapToInt(t -> t.name().length()).max().orElse(4));
    String format = "%-" + width + "s  %-9s  %10s  %s%n";
    out.printf(format, "NAME", "RESULT", "LATENCY", "REASON");
    for (int i = 0; i < targets.size(); i++) {
      ProbeResult r = i < results.size() ? results.get(i) : null;
      out.printf(
          format,
          targets.get(i).name(),
          r == null ? "unhealthy" : r.healthy() ? "healthy" : "unhealthy",
          r == null || r.latencyMs() == null ? "-" : r.latencyMs() + " ms",
          r == null ? "not probed" : r.reason());
    }
  }
}
