package io.route53failover.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark harness: fan-out, sequential baseline, cold run and warm invoke, written to {@code
 * bench/results.md}. Run it with {@code bench/run}, which builds the jar, starts moto_server on a
 * free loopback port and calls this class on the test classpath. Not a test: it measures and
 * reports, it asserts only that the runs did what they were meant to (every healthy target
 * healthy, every lock taken).
 *
 * <pre>
 * Bench --root DIR --jar JAR --moto URL --out FILE [--runs 5] [--cold-runs 10]
 *       [--lambda-jar JAR] [--only fanout,fanout-s3,sequential,cold,warm,clistart] [--timeout-seconds S]
 * </pre>
 */
public final class Bench {

  /** What every section needs. */
  record Setup(
      Path root,
      Path jar,
      Path lambdaJar,
      Path java,
      URI moto,
      Path work,
      String classpath,
      int runs,
      int coldRuns) {}

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
    Path jar = Path.of(opts.getOrDefault("jar", root.resolve("target/route53-failover.jar").toString()));
    Path lambdaJar =
        Path.of(
            opts.getOrDefault(
                "lambda-jar", root.resolve("target/route53-failover-lambda.jar").toString()));
    Path work = root.resolve("target/bench");
    Files.createDirectories(work);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    String classpath = jar + File.pathSeparator + root.resolve("target/test-classes");
    Setup setup =
        new Setup(
            root,
            jar,
            lambdaJar,
            javaBin,
            URI.create(required(opts, "moto")),
            work,
            classpath,
            Integer.parseInt(opts.getOrDefault("runs", "5")),
            Integer.parseInt(opts.getOrDefault("cold-runs", "10")));
    Set<String> only =
        Set.of(opts.getOrDefault("only", "fanout,sequential,cold,warm,clistart").split(","));
    Path out = Path.of(opts.getOrDefault("out", root.resolve("bench/results.md").toString()));
    // --timeout-seconds S: the fan-out invokes' context timeout instead of the template's default
    if (opts.containsKey("timeout-seconds")) {
      System.setProperty(FanOut.TIMEOUT_SECONDS_PROPERTY, opts.get("timeout-seconds"));
    }

    Results results = new Results(setup);
    results.machine = Machine.describe(setup);
    results.loadBefore = Machine.loadAverage();
    say("machine: " + results.machine);

    if (only.contains("fanout") || only.contains("fanout-s3") || only.contains("sequential")) {
      fanOut(setup, results, only);
    }
    if (only.contains("cold")) {
      cold(setup, results);
    }
    if (only.contains("warm")) {
      warm(setup, results);
    }
    if (only.contains("clistart")) {
      cliStart(setup, results);
    }
    results.loadAfter = Machine.loadAverage();
    results.finished = ZonedDateTime.now(ZoneOffset.UTC);
    Files.writeString(out, results.markdown());
    say("wrote " + out);
  }

  private static void fanOut(Setup setup, Results results, Set<String> only) throws Exception {
    FanOut fanOut = new FanOut(setup);
    try (MetricCallCounter counter = new MetricCallCounter(setup.moto())) {
      boolean s3Only = !only.contains("fanout") && !only.contains("sequential");
      for (int n : new int[] {10, 100, 1000}) {
        if (s3Only && n != 1000) {
          continue;
        }
        try (FanOut.Targets targets = fanOut.targets(n)) {
          if (only.contains("fanout-s3") && n == 1000) {
            // the same list read from S3 (TARGETS_S3_URI) instead of TARGETS, with the default
            // bound; budgets as the inline row's
            List<FanOut.Run> runs = new ArrayList<>();
            for (int r = 1; r <= setup.runs(); r++) {
              FanOut.Run run = fanOut.invoke(targets, counter, null, r, true);
              say("fan-out N=" + n + " from S3 run " + r + ": " + run.figures()
                  + " calls on the wire: " + run.calls());
              runs.add(run);
            }
            results.fanOut.put(new Results.FanOutKey(n, null, "s3"), runs);
          }
          // --only fanout-s3 alone also measures the inline N = 1,000 row (default bound), so the
          // two sources are compared in one session under the same load
          if (only.contains("fanout") || s3Only) {
            List<Integer> configs = new ArrayList<>();
            configs.add(null);
            if (n == 1000 && only.contains("fanout")) {
              configs.add(Results.RAISED_BOUND);
            }
            for (Integer bound : configs) {
              List<FanOut.Run> runs = new ArrayList<>();
              for (int r = 1; r <= setup.runs(); r++) {
                FanOut.Run run = fanOut.invoke(targets, counter, bound, r, false);
                say("fan-out N=" + n + " bound=" + (bound == null ? "default" : bound)
                    + " run " + r + ": " + run.figures() + " calls on the wire: " + run.calls());
                runs.add(run);
              }
              results.fanOut.put(new Results.FanOutKey(n, bound, "inline"), runs);
            }
          }
          if (only.contains("sequential") && n <= 100) {
            List<FanOut.Run> runs = new ArrayList<>();
            for (int r = 1; r <= setup.runs(); r++) {
              FanOut.Run run = fanOut.sequential(targets, r);
              say("sequential N=" + n + " run " + r + ": " + run.figures());
              runs.add(run);
            }
            results.sequential.put(n, runs);
          }
        }
      }
    }
  }

  private static void cold(Setup setup, Results results) throws Exception {
    try (ColdStart cold = new ColdStart(setup)) {
      Path archive = setup.work().resolve("route53-failover.jsa");
      say("AppCDS: training run → " + archive);
      cold.train(archive, Child.LAMBDA_FLAGS);
      results.appCdsArchiveBytes = Files.size(archive);
      List<String> withCds = new ArrayList<>(Child.LAMBDA_FLAGS);
      withCds.add("-XX:SharedArchiveFile=" + archive);
      List<ColdStart.Way> ways =
          List.of(
              new ColdStart.Way(Results.LAMBDA_FLAGS, Child.LAMBDA_FLAGS),
              new ColdStart.Way(Results.NO_FLAGS, List.of()),
              new ColdStart.Way(Results.APPCDS, withCds));
      for (ColdStart.Way way : ways) {
        cold.run(way.flags(), setup.work().resolve("cold-warmup.log")); // page cache, discarded
        results.cold.put(way.name(), new ArrayList<>());
      }
      // round-robin, so that a burst of load elsewhere on the machine hits every way alike
      for (int r = 1; r <= setup.coldRuns(); r++) {
        for (ColdStart.Way way : ways) {
          ColdStart.Run run =
              cold.run(way.flags(), setup.work().resolve("cold-" + r + ".log"));
          say("cold " + way.name() + " run " + r + ": response " + run.responseMs() + " ms, exit "
              + run.exitMs() + " ms, " + run.report());
          results.cold.get(way.name()).add(run);
        }
      }
      results.profile = cold.profile(Child.LAMBDA_FLAGS);
      say("profile: " + results.profile.classes() + " classes, " + results.profile.msByLibrary());
    }
  }

  private static void cliStart(Setup setup, Results results) throws Exception {
    CliStart cli = new CliStart(setup);
    cli.run(false); // page cache, discarded
    cli.run(true); // writes the archive, discarded
    results.cliArchiveBytes = cli.archiveBytes();
    // round-robin, so that a burst of load elsewhere on the machine hits both ways alike
    for (int r = 1; r <= setup.runs(); r++) {
      double off = cli.run(false);
      double on = cli.run(true);
      say("CLI start run " + r + ": without archive " + Math.round(off) + " ms, with archive "
          + Math.round(on) + " ms");
      results.cliStartWithout.add(off);
      results.cliStartWith.add(on);
    }
  }

  private static void warm(Setup setup, Results results) throws Exception {
    // 10 healthy TCP targets from a target server; HTTP targets from the same process
    Path targetsFile = setup.work().resolve("warm-targets.json");
    List<String> command =
        Child.command(setup.java(), List.of(), setup.classpath(), TargetServer.class, "5", "0", "0", "5");
    Process server = new ProcessBuilder(command)
        .redirectError(setup.work().resolve("warm-target-server.log").toFile())
        .start();
    try {
      String line =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      Map<String, String> ports = Child.pairs(line);
      List<String> targets = new ArrayList<>();
      int i = 0;
      for (String port : ports.get("accepting").split(",")) {
        targets.add(String.format(
            "{\"name\":\"tcp-%d\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":%s,\"timeoutMs\":2000}",
            i++, port));
      }
      for (String port : ports.get("http").split(",")) {
        targets.add(String.format(
            "{\"name\":\"http-%d\",\"type\":\"http\",\"url\":\"http://127.0.0.1:%s/health\","
                + "\"expectedBody\":\"bench page\",\"timeoutMs\":2000}",
            i++, port));
      }
      Files.writeString(targetsFile, "[" + String.join(",\n", targets) + "]\n");
      for (int r = 1; r <= setup.runs(); r++) {
        Map<String, String> env = Child.awsEnv(setup.moto().toString());
        env.put("METRIC_NAMESPACE", "Bench/Warm");
        Map<String, String> figures =
            Child.run(
                Child.command(setup.java(), Child.LAMBDA_FLAGS, setup.classpath(), WarmInvoke.class,
                    "healthcheck", targetsFile.toString(), "20"),
                env, setup.work().resolve("warm-healthcheck-" + r + ".log"), 300);
        say("warm HealthCheckFunction run " + r + ": " + figures);
        results.warmHealthCheck.add(figures);
      }
    } finally {
      server.destroy();
    }
    for (int r = 1; r <= setup.runs(); r++) {
      Map<String, String> figures =
          Child.run(
              Child.command(setup.java(), Child.LAMBDA_FLAGS, setup.classpath(), WarmInvoke.class,
                  "failover", setup.root().resolve("events/sns-alarm-event.json").toString(), "20"),
              Child.awsEnv(setup.moto().toString()),
              setup.work().resolve("warm-failover-" + r + ".log"),
              300);
      say("warm FailoverFunction run " + r + ": " + figures);
      results.warmFailover.add(figures);
    }
  }

  static void say(String text) {
    System.out.println("[bench " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_TIME) + "] " + text);
    System.out.flush();
  }

  private static String required(Map<String, String> opts, String name) throws IOException {
    String v = opts.get(name);
    if (v == null) {
      throw new IOException("--" + name + " is required");
    }
    return v;
  }
}
