package io.route53failover.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.cli.LocalContext;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.HealthCheckReport;
import io.route53failover.metrics.MetricPublisher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 18's CPU budget: a {@code SAMPLE_INTERVAL_SECONDS=15} run of 10 healthy loopback TCP
 * targets uses at most 1.5 × the CPU time of four single-sample ({@code 60}) runs, so sampling
 * adds no hidden per-sample cost (waiting between samples is sleeping, not spinning).
 *
 * <p>In one JVM with the Lambda flags: the real handler ({@link HealthCheckFunction#create}) and
 * probe runner against {@link TargetServer} (its own process, so its CPU is not counted), and a
 * publisher that only counts datums (both sides make four PutMetricData calls, so leaving the SDK
 * out changes neither side's share). After a warm-up of 40 single-sample runs, it alternates
 * {@code rounds} times: four single-sample runs, then one 15 s-sampling run; CPU time is the
 * process's ({@code OperatingSystemMXBean#getProcessCpuTime}), so the probes' virtual threads,
 * GC and JIT all count.
 *
 * <p>{@code SamplingCpu --root DIR [--rounds 6]}: prints the figures and replaces the section
 * {@code ## Sampling CPU} of {@code bench/results.md} (appending it when absent).
 */
public final class SamplingCpu {

  static final String SECTION = "## Sampling CPU";

  private SamplingCpu() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "6"));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                javaBin, "-cp", System.getProperty("java.class.path"),
                TargetServer.class.getName(), "10", "0", "0", "0")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String line =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      List<String> targets = new ArrayList<>();
      int i = 0;
      for (String port : Child.pairs(line).get("accepting").split(",")) {
        targets.add(String.format(
            "{\"name\":\"tcp-%d\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":%s,\"timeoutMs\":2000}",
            i++, port));
      }
      String json = "[" + String.join(",", targets) + "]";
      int[] datums = new int[1];
      MetricPublisher counting =
          (namespace, data, timestamp, resolution) -> {
            datums[0] += data.size();
            return 1;
          };
      HealthCheckFunction once =
          HealthCheckFunction.create(Map.of("TARGETS", json, "SAMPLE_INTERVAL_SECONDS", "60"), counting);
      HealthCheckFunction sampling =
          HealthCheckFunction.create(Map.of("TARGETS", json, "SAMPLE_INTERVAL_SECONDS", "15"), counting);

      for (int w = 0; w < 40; w++) {
        requireHealthy(once.handleRequest(new ScheduledEvent(), context()), 1);
      }
      List<Double> fourOnce = new ArrayList<>();
      List<Double> oneSampling = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        long before = cpuNanos();
        for (int k = 0; k < 4; k++) {
          requireHealthy(once.handleRequest(new ScheduledEvent(), context()), 1);
        }
        fourOnce.add((cpuNanos() - before) / 1e6);
        before = cpuNanos();
        requireHealthy(sampling.handleRequest(new ScheduledEvent(), context()), 4);
        oneSampling.add((cpuNanos() - before) / 1e6);
        Bench.say(String.format(Locale.ROOT,
            "sampling CPU round %d: four single-sample runs %.1f ms, one 15 s-sampling run %.1f ms",
            r, fourOnce.getLast(), oneSampling.getLast()));
      }
      // the process CPU clock counts in 10 ms steps here: the mean over rounds, not the median
      double a = fourOnce.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double b = oneSampling.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double ratio = b / a;
      String section =
          SECTION
              + "\n\n"
              + "Issue 18: one `SAMPLE_INTERVAL_SECONDS=15` run (4 samples) of 10 healthy loopback TCP"
              + " targets against four `60` runs (1 sample each), process CPU time, same JVM (Lambda"
              + " flags), after 40 warm-up runs; PutMetricData replaced by a counter (4 calls on each"
              + " side). Measured "
              + ZonedDateTime.now(ZoneOffset.UTC).toLocalDate()
              + " with `bench/run --only samplingcpu`, load average "
              + Machine.loadAverage()
              + ". The process CPU clock advances in 10 ms steps on this machine, so the table gives"
              + " the mean over the rounds.\n\n| | runs | mean CPU ms | each round |\n|---|---|---|---|\n"
              + String.format(Locale.ROOT, "| four single-sample runs | %d × 4 | %.1f | %s |%n", rounds, a, fourOnce)
              + String.format(Locale.ROOT, "| one 15 s-sampling run | %d × 1 | %.1f | %s |%n", rounds, b, oneSampling)
              + String.format(Locale.ROOT,
                  "%nRatio %.2f (budget ≤ 1.5): %s.%n", ratio, ratio <= 1.5 ? "met" : "NOT met");
      System.out.println(section);
      Path results = root.resolve("bench/results.md");
      String md = Files.readString(results);
      int at = md.indexOf(SECTION);
      if (at >= 0) {
        int next = md.indexOf("\n## ", at + SECTION.length());
        md = md.substring(0, at) + section + (next >= 0 ? md.substring(next) : "");
      } else {
        md = md.stripTrailing() + "\n\n" + section;
      }
      Files.writeString(results, md);
      Bench.say("wrote " + SECTION + " to " + results);
    } finally {
      server.destroy();
    }
  }

  /** A fresh context with template.yaml's timeout below one sample a run (70 s). */
  private static LocalContext context() {
    return new LocalContext(
        "HealthCheckFunction",
        "us-east-1",
        Duration.ofSeconds(HealthCheckFunction.SAMPLING_TIMEOUT_SECONDS),
        System::nanoTime,
        System.err);
  }

  private static void requireHealthy(HealthCheckReport report, int samples) {
    if (report.samples().size() != samples || report.unhealthy() != 0) {
      throw new IllegalStateException("unexpected run: " + report);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

}
