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
import java.time.temporal.ChronoUnit;
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
 * out changes neither side's share). CPU time is the whole process's, in nanoseconds ({@link
 * ProcessCpuClock}), so the probes' virtual threads, GC, the JIT and every JVM background thread
 * count.
 *
 * <p>Warm-up, the same for every side: 40 single-sample runs and one whole 15 s-sampling run. Then
 * {@code rounds} rounds, each measuring four things in turn:
 *
 * <ul>
 *   <li><em>back to back</em>: four single-sample runs in a row (about 0.1 s of wall time);
 *   <li><em>spaced</em>: four single-sample runs started when a 15 s-sampling run takes its
 *       samples (at once, then 15, 30 and 45 s later), sleeping in between: the same work as
 *       back to back, over the same wall time as a sampling run;
 *   <li><em>sampling</em>: one 15 s-sampling run (4 samples);
 *   <li><em>idle</em>: the JVM doing nothing (the main thread asleep) for as long as that
 *       sampling run took: what the JVM's own threads burn over that time.
 * </ul>
 *
 * <p>{@code SamplingCpu --root DIR [--rounds 5]}: prints the figures and replaces the section
 * {@code ## Sampling CPU} of {@code bench/results.md} (appending it when absent).
 */
public final class SamplingCpu {

  static final String SECTION = "## Sampling CPU";

  /** The start of this budget's row in the table {@code ## Budgets} of {@code bench/results.md}. */
  static final String BUDGET_ROW =
      "| Issue 18: one 15 s-sampling run of 10 healthy loopback targets ≤ 1.5 × the CPU time of"
          + " four single-sample runs ([Sampling CPU](#sampling-cpu)) |";

  private static final long SLOT_MILLIS = 15_000;

  private SamplingCpu() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
    ProcessCpuClock cpu = ProcessCpuClock.create();
    Bench.say("process CPU clock: " + cpu.source());
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String loadBefore = Machine.loadAverage();
    String startedAt = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
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

      Bench.say("sampling CPU: warm-up (40 single-sample runs, one 15 s-sampling run)");
      for (int w = 0; w < 40; w++) {
        requireHealthy(once.handleRequest(new ScheduledEvent(), context()), 1);
      }
      requireHealthy(sampling.handleRequest(new ScheduledEvent(), context()), 4);

      List<Double> backToBack = new ArrayList<>();
      List<Double> spaced = new ArrayList<>();
      List<Double> sampled = new ArrayList<>();
      List<Double> idle = new ArrayList<>();
      List<Double> sampledWall = new ArrayList<>();
      Map<String, Long> idleThreads = Map.of();
      for (int r = 1; r <= rounds; r++) {
        long before = cpu.nanos();
        for (int k = 0; k < 4; k++) {
          requireHealthy(once.handleRequest(new ScheduledEvent(), context()), 1);
        }
        backToBack.add((cpu.nanos() - before) / 1e6);

        long first = System.currentTimeMillis();
        before = cpu.nanos();
        for (int k = 0; k < 4; k++) {
          if (k > 0) {
            sleepUntil(first + k * SLOT_MILLIS);
          }
          requireHealthy(once.handleRequest(new ScheduledEvent(), context()), 1);
        }
        spaced.add((cpu.nanos() - before) / 1e6);

        long wallBefore = System.nanoTime();
        before = cpu.nanos();
        requireHealthy(sampling.handleRequest(new ScheduledEvent(), context()), 4);
        sampled.add((cpu.nanos() - before) / 1e6);
        long wall = System.nanoTime() - wallBefore;
        sampledWall.add(wall / 1e9);

        Map<String, Long> threadsBefore = threadCpu();
        before = cpu.nanos();
        Thread.sleep(Duration.ofNanos(wall));
        idle.add((cpu.nanos() - before) / 1e6);
        idleThreads = delta(threadsBefore, threadCpu());
        Bench.say(String.format(Locale.ROOT,
            "sampling CPU round %d: back to back %.2f ms, spaced %.2f ms, sampling %.2f ms"
                + " (%.1f s), idle %.2f ms",
            r, backToBack.getLast(), spaced.getLast(), sampled.getLast(), wall / 1e9,
            idle.getLast()));
      }
      String section =
          section(cpu, startedAt, loadBefore, Machine.loadAverage(), rounds,
              backToBack, spaced, sampled, idle, sampledWall, idleThreads);
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
      md = withBudgetRow(md, budgetRow(backToBack, sampled, idle));
      Files.writeString(results, md);
      Bench.say("wrote " + SECTION + " and its budget row to " + results);
    } finally {
      server.destroy();
    }
  }

  private static String section(
      ProcessCpuClock cpu,
      String startedAt,
      String loadBefore,
      String loadAfter,
      int rounds,
      List<Double> backToBack,
      List<Double> spaced,
      List<Double> sampled,
      List<Double> idle,
      List<Double> sampledWall,
      Map<String, Long> idleThreads) {
    List<Double> literal = new ArrayList<>();
    List<Double> sameWall = new ArrayList<>();
    List<Double> ownWork = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      literal.add(sampled.get(r) / backToBack.get(r));
      sameWall.add(sampled.get(r) / spaced.get(r));
      ownWork.add((sampled.get(r) - idle.get(r)) / backToBack.get(r));
    }
    Stats ratio = Stats.of(literal);
    StringBuilder b = new StringBuilder();
    b.append(SECTION).append("\n\n")
        .append("Issue 18: one `SAMPLE_INTERVAL_SECONDS=15` run (4 samples) of 10 healthy loopback TCP"
            + " targets against four `60` runs (1 sample each); same JVM (Lambda flags), same warm-up"
            + " for every side (40 single-sample runs and one whole sampling run); PutMetricData"
            + " replaced by a counter (4 calls on each side). CPU: the whole process, ")
        .append(cpu.source())
        .append("; JVM flags `")
        .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .append("`. Measured ").append(startedAt)
        .append(" with `bench/run --only samplingcpu`, load average before ").append(loadBefore)
        .append(", after ").append(loadAfter)
        .append(". Each round measures, in turn: *back to back*, four single-sample runs in a row;"
            + " *spaced*, four single-sample runs when a sampling run samples (at once, then 15,"
            + " 30 and 45 s later), asleep in between; *sampling*, one"
            + " 15 s-sampling run; *idle*, the JVM asleep for as long as that sampling run took."
            + " Figures are min / median / max over the rounds.\n\n")
        .append("| side | rounds | CPU ms | each round (ms) |\n|---|---|---|---|\n")
        .append(row("four single-sample runs, back to back", rounds, backToBack))
        .append(row("four single-sample runs, spaced 15 s", rounds, spaced))
        .append(row("one 15 s-sampling run", rounds, sampled))
        .append(row("idle JVM, as long as the sampling run", rounds, idle))
        .append(String.format(Locale.ROOT,
            "%nThe sampling run lasted %s s of wall time.%n%n", Stats.of(sampledWall).format(1)))
        .append("| ratio | min / median / max |\n|---|---|\n")
        .append("| sampling / back to back (the budget, ≤ 1.5) | ").append(ratio.format(2)).append(" |\n")
        .append("| sampling / spaced (same work, same wall time) | ")
        .append(Stats.of(sameWall).format(2)).append(" |\n")
        .append("| (sampling − idle) / back to back (sampling's own work) | ")
        .append(Stats.of(ownWork).format(2)).append(" |\n")
        .append(String.format(Locale.ROOT,
            "%nBudget (median ratio sampling / back to back ≤ 1.5): %.2f, %s.%n",
            ratio.median(), ratio.median() <= 1.5 ? "met" : "NOT met"));
    b.append("\nHow to read it: *spaced* does the work of *back to back* over the 45 s a sampling run"
        + " lasts, and *idle* is what the JVM burns over those 45 s doing nothing (its own periodic"
        + " threads, below). Sampling's own work is *sampling − idle*: at or below *back to back*"
        + " means sampling adds no per-sample cost, and what the budget's ratio exceeds is the JVM's"
        + " background over the run's lifetime. Lambda bills that time as duration whatever the CPU"
        + " does ([docs/cost-sampling.md](../docs/cost-sampling.md)).\n");
    if (!idleThreads.isEmpty()) {
      b.append("\nWhere the idle JVM's CPU went in the last round (threads alive before and after,"
          + " `/proc/self/task/*/schedstat`, ms): ");
      List<String> top = new ArrayList<>();
      idleThreads.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(6)
          .forEach(e -> top.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e6)));
      b.append(String.join(", ", top)).append(".\n");
    }
    return b.toString();
  }

  /** The budget's row: measured figures and verdict (median of the per-round ratios). */
  static String budgetRow(List<Double> backToBack, List<Double> sampled, List<Double> idle) {
    List<Double> ratios = new ArrayList<>();
    List<Double> own = new ArrayList<>();
    for (int r = 0; r < sampled.size(); r++) {
      ratios.add(sampled.get(r) / backToBack.get(r));
      own.add((sampled.get(r) - idle.get(r)) / backToBack.get(r));
    }
    Stats ratio = Stats.of(ratios);
    return BUDGET_ROW
        + String.format(Locale.ROOT,
            " median %.1f ms against %.1f ms: ratio %s (min / median / max of %d rounds); without the"
                + " idle JVM's own CPU over the same 45 s: %s |",
            Stats.of(sampled).median(), Stats.of(backToBack).median(), ratio.format(2),
            sampled.size(), Stats.of(own).format(2))
        + (ratio.median() <= 1.5 ? " **MET** |" : " **NOT MET** |");
  }

  /** {@code md} with the line that starts with {@link #BUDGET_ROW} replaced by {@code row}. */
  static String withBudgetRow(String md, String row) {
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : md.split("\n", -1)) {
      if (!replaced && line.startsWith(BUDGET_ROW)) {
        out.append(row);
        replaced = true;
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static String row(String side, int rounds, List<Double> ms) {
    StringBuilder each = new StringBuilder();
    for (double m : ms) {
      each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", m));
    }
    return String.format(Locale.ROOT, "| %s | %d | %s | %s |%n",
        side, rounds, Stats.of(ms).format(2), each);
  }

  /**
   * CPU time of each live thread of this process, by {@code name#tid}, in nanoseconds, from {@code
   * /proc/self/task/<tid>/schedstat}; empty where there is no such file (not Linux).
   */
  private static Map<String, Long> threadCpu() {
    Map<String, Long> out = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (var dirs = Files.list(tasks)) {
      for (Path task : dirs.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).trim();
          long ns = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
          out.put(name + "#" + task.getFileName(), ns);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended while we read it
        }
      }
    } catch (java.io.IOException e) {
      return Map.of();
    }
    return out;
  }

  /** Per-thread CPU between two {@link #threadCpu()} reads, threads alive in both, by name. */
  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new HashMap<>();
    after.forEach(
        (k, v) -> {
          Long b = before.get(k);
          if (b != null && v > b) {
            out.merge(k.substring(0, k.lastIndexOf('#')), v - b, Long::sum);
          }
        });
    return out;
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
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

}
