package io.route53failover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The figures of one benchmark session, and their rendering as {@code bench/results.md}. */
final class Results {
  static final String LAMBDA_FLAGS = "Lambda java21 flags";
  static final String NO_FLAGS = "no flags (JVM defaults)";
  static final String APPCDS = "AppCDS archive + Lambda java21 flags";

  /** The raised bound measured next to the default at N = 1,000. */
  static final int RAISED_BOUND = 512;

  static final double FAN_OUT_BUDGET_RATIO = 1.5;
  static final double RSS_BUDGET_MB = 256;
  static final double COLD_BUDGET_MS = 650;
  static final double WARM_BUDGET_MS = 50;
  static final double JAR_BUDGET_MB = 12;

  /** @param source where the function read its targets: {@code inline} (TARGETS) or {@code s3} */
  record FanOutKey(int n, Integer bound, String source) {}

  final Bench.Setup setup;
  final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
  ZonedDateTime finished;
  Machine machine;
  String loadBefore;
  String loadAfter;
  final Map<FanOutKey, List<FanOut.Run>> fanOut = new LinkedHashMap<>();
  final Map<Integer, List<FanOut.Run>> sequential = new LinkedHashMap<>();
  final Map<String, List<ColdStart.Run>> cold = new LinkedHashMap<>();
  ColdStart.Profile profile;
  long appCdsArchiveBytes;
  final List<Map<String, String>> warmHealthCheck = new ArrayList<>();
  final List<Map<String, String>> warmFailover = new ArrayList<>();
  final List<Double> cliStartWithout = new ArrayList<>();
  final List<Double> cliStartWith = new ArrayList<>();
  long cliArchiveBytes;

  Results(Bench.Setup setup) {
    this.setup = setup;
  }

  String markdown() throws IOException {
    StringBuilder md = new StringBuilder();
    List<String[]> budgets = new ArrayList<>();
    md.append("# Benchmark results\n\n");
    md.append("Written by `bench/run` (see its header for options); every figure below was measured\n")
        .append("in this session unless it is marked *computed*. Figures are **min / median / max**\n")
        .append("over the runs shown. All traffic stayed on 127.0.0.1.\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "Date (UTC)", started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19)
        + " to " + finished.format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8));
    row(md, "Machine", String.format(Locale.ROOT, "%d CPUs (`nproc`), %s, %.1f GiB memory, %s",
        machine.cpus(), machine.cpuModel(), machine.memoryGiB(), machine.os()));
    row(md, "Load average (1/5/15 min)", "before: " + loadBefore + "; after: " + loadAfter);
    row(md, "JDK", machine.jdk() + " (Lambda's java21 runtime is Amazon Corretto 21; the jar is"
        + " compiled with `--release 21`)");
    double jarMb = Files.size(setup.lambdaJar()) / 1e6;
    row(md, "Lambda jar (deployed)", String.format(Locale.ROOT, "`%s`: %,d bytes (%.2f MB)",
        setup.root().relativize(setup.lambdaJar()), Files.size(setup.lambdaJar()), jarMb));
    row(md, "CLI jar", String.format(Locale.ROOT, "`%s`: %,d bytes (%.2f MB)",
        setup.root().relativize(setup.jar()), Files.size(setup.jar()), Files.size(setup.jar()) / 1e6));
    md.append('\n');
    budgets.add(budget("Lambda jar ≤ " + (int) JAR_BUDGET_MB + " MB",
        String.format(Locale.ROOT, "%.2f MB", jarMb), jarMb <= JAR_BUDGET_MB));

    fanOutSection(md, budgets);
    sequentialSection(md);
    coldSection(md, budgets);
    warmSection(md, budgets);
    cliStartSection(md);

    StringBuilder head = new StringBuilder();
    head.append("## Budgets\n\n| Budget | Measured | Verdict |\n|---|---|---|\n");
    for (String[] b : budgets) {
      head.append("| ").append(b[0]).append(" | ").append(b[1]).append(" | ").append(b[2]).append(" |\n");
    }
    head.append('\n');
    int at = md.indexOf("\n## ");
    md.insert(at < 0 ? md.length() : at + 1, head);
    return md.toString();
  }

  private void fanOutSection(StringBuilder md, List<String[]> budgets) {
    if (fanOut.isEmpty()) {
      return;
    }
    md.append("## Fan-out\n\n")
        .append("N TCP targets on 127.0.0.1: 40 % accepting, 30 % refused (nothing listens), 30 %"
            + " black-holed (listener with backlog 1 and a full accept queue, so connect hangs);"
            + " `timeoutMs` ").append(FanOut.TIMEOUT_MS).append(". The targets live in a separate"
            + " process. Each run is a fresh probing JVM (Lambda's java21 flags, `-XX:MaxRAM=512m"
            + " -XX:MaxHeapSize=445645k` as on a 512 MB function) that invokes HealthCheckFunction"
            + " once to warm up and then once measured (context: the template's default 30 s"
            + " timeout), with the real CloudWatch client against"
            + " moto_server through a counting pass-through proxy. That client is configured as in"
            + " production except for its timeouts (60 s per attempt instead of 3 s): moto takes"
            + " seconds to store 1,000 datums, and a retry would count as another call.\n\n"
            + "- *wall*: the measured invoke's handler time (probing, one log line per target,"
            + " publishing), as a multiple of one timeout;\n"
            + "- *moto*: the part of it spent waiting for moto_server to answer PutMetricData"
            + " (timed at the proxy; moto, a Python emulator, needs seconds for 1,000 datums,"
            + " CloudWatch itself answers in milliseconds); *wall − moto* is the handler's own"
            + " time;\n"
            + "- *to 1st put*: from the start of the invoke to the first PutMetricData request on"
            + " the wire, i.e. probing plus logging;\n"
            + "- *PutMetricData*: requests seen on the wire during the measured invoke, each"
            + " answered 200; *expected* is ⌈datums/1000⌉ with datums = one availability datum per"
            + " target plus one latency datum per target that answered;\n"
            + "- *peak RSS*: `VmHWM` of the probing process; *peak fds*: open descriptors, sampled"
            + " every 5 ms during the measured invoke.\n\n");
    md.append("| N | MAX_CONCURRENT_PROBES | runs | wall / timeout | moto (ms) | (wall − moto) / timeout"
        + " | to 1st put / timeout | PutMetricData (wire) | expected | datums | peak RSS (MB) |"
        + " peak fds | cut by deadline |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<FanOutKey, List<FanOut.Run>> e : fanOut.entrySet()) {
      FanOutKey k = e.getKey();
      List<FanOut.Run> runs = e.getValue();
      Stats ratio = stats(runs, r -> r.wallMs() / FanOut.TIMEOUT_MS);
      Stats moto = stats(runs, FanOut.Run::emulatorMs);
      Stats own = stats(runs, r -> (r.wallMs() - r.emulatorMs()) / FanOut.TIMEOUT_MS);
      Stats firstPut = stats(runs, r -> r.toFirstPutMs() / FanOut.TIMEOUT_MS);
      Stats rss = stats(runs, FanOut.Run::peakRssMb);
      Stats fds = stats(runs, r -> r.get("peakFds"));
      Stats datums = stats(runs, r -> r.get("datums"));
      Stats wire = stats(runs, r -> r.calls().size());
      int deadline = runs.stream().mapToInt(r -> r.get("deadline")).max().orElse(0);
      boolean callsExact = runs.stream().allMatch(Results::callsExact);
      String bound =
          (k.bound() == null ? "default (256)" : String.valueOf(k.bound()))
              + ("s3".equals(k.source()) ? ", targets from S3" : "");
      md.append("| ").append(String.format(Locale.ROOT, "%,d", k.n())).append(" | ").append(bound)
          .append(" | ").append(runs.size())
          .append(" | ").append(ratio.format(2))
          .append(" | ").append(moto.format(0))
          .append(" | ").append(own.format(2))
          .append(" | ").append(firstPut.format(2))
          .append(" | ").append(wire.format(0))
          .append(" | ").append(expectedCalls(runs))
          .append(" | ").append(datums.format(0))
          .append(" | ").append(rss.format(1))
          .append(" | ").append(fds.format(0))
          .append(" | ").append(deadline)
          .append(" |\n");
      if (k.n() == 1000) {
        String config = "N = 1,000, MAX_CONCURRENT_PROBES " + bound;
        budgets.add(budget("Fan-out " + config + ": wall ≤ " + FAN_OUT_BUDGET_RATIO
                + " × timeout, every run, moto's answer time excluded",
            String.format(Locale.ROOT,
                "max %.2f × (median %.2f ×); with moto's time: max %.2f ×",
                own.max(), own.median(), ratio.max()),
            own.max() <= FAN_OUT_BUDGET_RATIO));
        budgets.add(budget("Fan-out " + config + ": exactly ⌈datums/1000⌉ PutMetricData calls (every run)",
            wire.format(0) + " calls for " + datums.format(0) + " datums; expected "
                + expectedCalls(runs), callsExact));
        budgets.add(budget("Fan-out " + config + ": peak RSS ≤ " + (int) RSS_BUDGET_MB + " MB (every run)",
            String.format(Locale.ROOT, "max %.1f MB", rss.max()), rss.max() <= RSS_BUDGET_MB));
      }
    }
    md.append('\n');
  }

  /** The wire saw exactly ⌈datums/1000⌉ requests, all 200, carrying all datums; the report agrees. */
  static boolean callsExact(FanOut.Run r) {
    int datums = r.get("datums");
    int expected = Math.ceilDiv(datums, 1000);
    int onWire = r.calls().stream().mapToInt(MetricCallCounter.Call::datums).sum();
    return r.calls().size() == expected
        && r.get("putMetricDataCalls") == expected
        && onWire == datums
        && r.calls().stream().allMatch(c -> c.status() == 200);
  }

  private static String expectedCalls(List<FanOut.Run> runs) {
    return runs.stream()
        .map(r -> String.valueOf(Math.ceilDiv(r.get("datums"), 1000)))
        .distinct()
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private void sequentialSection(StringBuilder md) {
    if (sequential.isEmpty()) {
      return;
    }
    md.append("## Sequential baseline\n\n")
        .append("The same probers one target after another (a runner with one slot), as a loop over"
            + " the targets would do, in a fresh JVM per run; probing only (publishing excluded),"
            + " no deadline. N = 1,000 is not measured (it would take about 10 minutes per run):"
            + " its figure is *computed* as 10 × the N = 100 median, since the run time grows"
            + " linearly with the number of black-holed targets.\n\n");
    md.append("| N | runs | wall / timeout | wall (s) |\n|---|---|---|---|\n");
    Stats hundred = null;
    for (Map.Entry<Integer, List<FanOut.Run>> e : sequential.entrySet()) {
      Stats ratio = stats(e.getValue(), r -> r.wallMs() / FanOut.TIMEOUT_MS);
      Stats wall = stats(e.getValue(), r -> r.wallMs() / 1000);
      if (e.getKey() == 100) {
        hundred = wall;
      }
      md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().size()).append(" | ")
          .append(ratio.format(1)).append(" | ").append(wall.format(1)).append(" |\n");
    }
    if (hundred != null) {
      md.append(String.format(Locale.ROOT,
          "| 1,000 | computed | %.0f (*computed*) | %.0f (*computed*) |\n",
          hundred.median() * 10 * 1000 / FanOut.TIMEOUT_MS, hundred.median() * 10));
    }
    md.append('\n');
  }

  private void coldSection(StringBuilder md, List<String[]> budgets) {
    if (cold.isEmpty()) {
      return;
    }
    md.append("## Cold run\n\n")
        .append("A fresh JVM runs `java [flags] -jar target/route53-failover.jar invoke HealthCheckFunction"
            + " -e events/scheduled-event.json --env-vars <one healthy HTTP target on 127.0.0.1>`"
            + " against moto_server (not a dry run: one real PutMetricData). *To response* is the"
            + " time from just before the process is started to the response line on its stdout;"
            + " *to exit* until the process has ended. Lambda java21 flags: `"
            + String.join(" ", Child.LAMBDA_FLAGS) + "`. The AppCDS archive ("
            + String.format(Locale.ROOT, "%.1f MB", appCdsArchiveBytes / 1e6)
            + ") is written by `bench/run` from one training run (`-XX:ArchiveClassesAtExit`) and"
            + " checked with `-Xshare:on`. One discarded run per way first; then the ways take"
            + " turns. An AppCDS archive only works with the JVM build that wrote it, so this row"
            + " is what the CLI can get on this machine; on Lambda, SnapStart (template parameter"
            + " `EnableSnapStart`) plays that part.\n\n");
    md.append("| way | runs | to response (ms) | to exit (ms) |\n|---|---|---|---|\n");
    for (Map.Entry<String, List<ColdStart.Run>> e : cold.entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().size()).append(" | ")
          .append(stats(e.getValue(), ColdStart.Run::responseMs).format(0)).append(" | ")
          .append(stats(e.getValue(), ColdStart.Run::exitMs).format(0)).append(" |\n");
    }
    List<ColdStart.Run> lambda = cold.get(LAMBDA_FLAGS);
    md.append("\nThe handler's own share, from the `invoke report` log line of the runs with Lambda"
        + " flags and no archive (`initMs`: building the handler, i.e. reading TARGETS and building"
        + " the CloudWatch client, Log4j's start included; `durationMs`: the first"
        + " `handleRequest`, probe and PutMetricData included):\n\n");
    md.append("| phase | ms |\n|---|---|\n");
    for (String phase : List.of("readEventMs", "initMs", "durationMs", "printMs")) {
      md.append("| `").append(phase).append("` | ")
          .append(stats(lambda, r -> r.phase(phase)).format(0)).append(" |\n");
    }
    md.append("| handler init + first invoke | ")
        .append(stats(lambda, r -> r.phase("initMs") + r.phase("durationMs")).format(0))
        .append(" |\n");
    md.append("| JVM start and CLI start-up (to response − the four phases) | ")
        .append(stats(lambda, r -> r.responseMs() - r.phase("readEventMs") - r.phase("initMs")
            - r.phase("durationMs") - r.phase("printMs")).format(0))
        .append(" |\n\n");
    List<ColdStart.Run> cds = cold.get(APPCDS);
    if (cds != null) {
      Stats s = stats(cds, ColdStart.Run::responseMs);
      budgets.add(budget("Cold run with AppCDS + Lambda flags ≤ " + (int) COLD_BUDGET_MS
              + " ms to response (median)",
          String.format(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f)", s.median(), s.min(), s.max()),
          s.median() <= COLD_BUDGET_MS));
    }
    if (profile != null) {
      md.append("### Where the cold run's time goes (Lambda flags, no AppCDS)\n\n")
          .append(String.format(Locale.ROOT,
              "One run with `-Xlog:class+load` and `-Xlog:startuptime`: %,d classes loaded; the JVM"
                  + " itself took %.0f ms to create (`Create VM`). Each gap between two class"
                  + " loads is attributed to the library of the class loaded at its end, a rough"
                  + " map of where time goes (loading, linking, initializing, and running that"
                  + " library's code until it needs its next class; waiting on the network"
                  + " included). This run took %.0f ms to response.\n\n",
              profile.classes(), profile.createVmMs(), profile.run().responseMs()));
      md.append("| library | classes loaded | ms attributed |\n|---|---|---|\n");
      profile.msByLibrary().entrySet().stream().limit(12).forEach(e ->
          md.append("| ").append(e.getKey()).append(" | ")
              .append(profile.classesByLibrary().get(e.getKey())).append(" | ")
              .append(String.format(Locale.ROOT, "%.0f", e.getValue())).append(" |\n"));
      List<Map.Entry<String, Double>> libraries =
          profile.msByLibrary().entrySet().stream()
              .filter(e -> !e.getKey().startsWith("JDK"))
              .limit(3)
              .toList();
      md.append("\n**Top three costs** outside the JDK itself: ");
      for (int i = 0; i < libraries.size(); i++) {
        Map.Entry<String, Double> e = libraries.get(i);
        md.append(i == 0 ? "" : i == libraries.size() - 1 ? " and " : ", ")
            .append(String.format(Locale.ROOT, "%s (%.0f ms, %d classes)", e.getKey(), e.getValue(),
                profile.classesByLibrary().get(e.getKey())));
      }
      md.append(".\n\n");
    }
  }

  private void warmSection(StringBuilder md, List<String[]> budgets) {
    if (warmHealthCheck.isEmpty() && warmFailover.isEmpty()) {
      return;
    }
    md.append("## Warm invoke\n\n")
        .append("One JVM per run (Lambda java21 flags), one handler, 20 invokes in a row; the"
            + " figures are invokes 2 to 20 of every run, pooled; each invoke gets the template's"
            + " default timeout (30 s, FailoverFunction 120 s). HealthCheckFunction: 10 healthy"
            + " targets on 127.0.0.1 (5 TCP, 5 HTTP with `expectedBody`), PutMetricData to"
            + " moto_server; *beyond slowest probe* = handler time − the largest `latencyMs` of"
            + " the invoke's report. FailoverFunction: the sample ALARM event"
            + " (`events/sns-alarm-event.json`, one record) against moto_server; before each"
            + " invoke, outside the timing, a fresh HTTPS health check is created and the alarm's"
            + " `HealthCheckId` dimension set to it, so every invoke takes the locking path.\n\n");
    md.append("| handler | runs × invokes | handler time (ms) | beyond slowest probe (ms) |\n")
        .append("|---|---|---|---|\n");
    if (!warmHealthCheck.isEmpty()) {
      List<Double> handler = new ArrayList<>();
      List<Double> beyond = new ArrayList<>();
      for (Map<String, String> run : warmHealthCheck) {
        double[] h = doubles(run.get("handlerMs"));
        double[] p = doubles(run.get("slowestProbeMs"));
        for (int i = 1; i < h.length; i++) {
          handler.add(h[i]);
          beyond.add(h[i] - p[i]);
        }
      }
      Stats b = Stats.of(beyond);
      md.append("| HealthCheckFunction, 10 targets | ").append(warmHealthCheck.size()).append(" × 19 | ")
          .append(Stats.of(handler).format(1)).append(" | ").append(b.format(1)).append(" |\n");
      budgets.add(budget("Warm HealthCheckFunction, 10 targets: ≤ " + (int) WARM_BUDGET_MS
              + " ms handler time beyond the slowest probe (median of invokes 2–20)",
          String.format(Locale.ROOT, "median %.1f ms (max %.1f)", b.median(), b.max()),
          b.median() <= WARM_BUDGET_MS));
    }
    if (!warmFailover.isEmpty()) {
      List<Double> handler = new ArrayList<>();
      for (Map<String, String> run : warmFailover) {
        double[] h = doubles(run.get("handlerMs"));
        for (int i = 1; i < h.length; i++) {
          handler.add(h[i]);
        }
      }
      md.append("| FailoverFunction, one ALARM record (lock taken each time) | ")
          .append(warmFailover.size()).append(" × 19 | ")
          .append(Stats.of(handler).format(1)).append(" | n/a |\n");
    }
    md.append('\n');
  }

  private static double[] doubles(String csv) {
    return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static <T> Stats stats(List<T> runs, ToDoubleFunction<T> f) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(f.applyAsDouble(r)));
    return Stats.of(values);
  }

  private void cliStartSection(StringBuilder md) {
    if (cliStartWith.isEmpty()) {
      return;
    }
    md.append("## CLI start (status --help)\n\n")
        .append("`bin/route53-failover " + String.join(" ", CliStart.COMMAND) + "` as a fresh"
            + " process (launcher script, `bin/find-java`, JVM, picocli), from just before it is"
            + " started to its exit. *With archive*: the launcher's class-data-sharing archive"
            + " (`-XX:+AutoCreateSharedArchive`, written by a discarded first run, "
            + String.format(Locale.ROOT, "%.1f MB", cliArchiveBytes / 1e6)
            + "); *without*: `ROUTE53_FAILOVER_CDS=off`. One discarded run per way first; then"
            + " the ways take turns.\n\n");
    md.append("| way | runs | wall (ms) |\n|---|---|---|\n");
    md.append("| without archive | ").append(cliStartWithout.size()).append(" | ")
        .append(Stats.of(cliStartWithout).format(0)).append(" |\n");
    md.append("| with archive | ").append(cliStartWith.size()).append(" | ")
        .append(Stats.of(cliStartWith).format(0)).append(" |\n\n");
  }

  private static String[] budget(String what, String measured, boolean met) {
    return new String[] {what, measured, met ? "**MET**" : "**NOT MET**"};
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }
}
