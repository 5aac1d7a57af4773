package io.route53failover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cold-run benchmark: a fresh JVM runs {@code java -jar route53-failover.jar invoke
 * HealthCheckFunction -e events/scheduled-event.json --env-vars FILE} against moto_server, with one
 * healthy HTTP target on 127.0.0.1. The time is taken from just before the process is started to
 * the moment its response line arrives on stdout, and to its exit.
 */
final class ColdStart implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A way to start the JVM. */
  record Way(String name, List<String> flags) {}

  /** One cold run: wall times in ms and the CLI's {@code invoke report} log line. */
  record Run(double responseMs, double exitMs, JsonNode report) {
    double phase(String name) {
      return report.path(name).asDouble(Double.NaN);
    }
  }

  private final Bench.Setup setup;
  private final HttpServer web;
  private final Path envVars;

  ColdStart(Bench.Setup setup) throws IOException {
    this.setup = setup;
    web = TargetServer.pageServer("route53-failover cold run", null);
    String targets =
        "[{\"name\":\"web\",\"type\":\"http\",\"url\":\"http://127.0.0.1:"
            + web.getAddress().getPort()
            + "/health\",\"timeoutMs\":2000}]";
    Map<String, Map<String, String>> file =
        Map.of(
            "HealthCheckFunction",
            Map.of("TARGETS", targets, "METRIC_NAMESPACE", "Bench/ColdStart"));
    envVars = setup.work().resolve("cold-env-vars.json");
    Files.writeString(envVars, JSON.writeValueAsString(file));
  }

  /** {@code java FLAGS -jar JAR invoke HealthCheckFunction -e … --env-vars …}. */
  List<String> command(List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(setup.java().toString());
    command.addAll(flags);
    command.add("-jar");
    command.add(setup.jar().toString());
    command.addAll(
        List.of(
            "invoke",
            "HealthCheckFunction",
            "-e",
            setup.root().resolve("events/scheduled-event.json").toString(),
            "--env-vars",
            envVars.toString()));
    return command;
  }

  /** Runs once; fails unless the response reports the target healthy. */
  Run run(List<String> flags, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(flags)).redirectError(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(Child.awsEnv(setup.moto().toString()));
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    String response;
    long t1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      response = out.readLine();
      t1 = System.nanoTime();
      while (out.readLine() != null) {
        // drain
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("cold run did not finish in 60 s");
    }
    long t2 = System.nanoTime();
    if (p.exitValue() != 0
        || response == null
        || JSON.readTree(response).path("healthy").asInt() != 1) {
      throw new IOException(
          "cold run failed (exit " + p.exitValue() + "): " + response + "\n" + Child.tail(log));
    }
    return new Run((t1 - t0) / 1e6, (t2 - t0) / 1e6, invokeReport(log));
  }

  /** The CLI's {@code invoke report} log line, or an empty object for a jar that writes none. */
  private static JsonNode invokeReport(Path log) throws IOException {
    for (String line : Files.readAllLines(log)) {
      if (line.contains("\"invoke report\"")) {
        return JSON.readTree(line);
      }
    }
    return JSON.createObjectNode();
  }

  /** Creates the AppCDS archive from a training run with {@code flags}. */
  void train(Path archive, List<String> flags) throws IOException, InterruptedException {
    Files.deleteIfExists(archive);
    List<String> training = new ArrayList<>(flags);
    training.add("-XX:ArchiveClassesAtExit=" + archive);
    run(training, setup.work().resolve("cds-training.log"));
    List<String> check = new ArrayList<>(flags);
    check.add("-XX:SharedArchiveFile=" + archive);
    check.add("-Xshare:on"); // fails the run if the archive cannot be used
    run(check, setup.work().resolve("cds-check.log"));
  }

  /** Class loads per library and the JVM's own start-up time, from one run with logging on. */
  record Profile(
      int classes,
      Map<String, Integer> classesByLibrary,
      Map<String, Double> msByLibrary,
      double createVmMs,
      Run run) {}

  /**
   * One run with {@code -Xlog:class+load} and {@code -Xlog:startuptime}. Each gap between two class
   * loads is attributed to the library of the class loaded at its end: a rough map of where
   * start-up time goes (loading, linking and initializing that library, and running its code until
   * it needs the next class).
   */
  Profile profile(List<String> flags) throws IOException, InterruptedException {
    Path classLog = setup.work().resolve("profile-class-load.txt");
    Path startLog = setup.work().resolve("profile-startuptime.txt");
    List<String> f = new ArrayList<>(flags);
    f.add("-Xlog:class+load=info:file=" + classLog + ":uptimenanos");
    f.add("-Xlog:startuptime=info:file=" + startLog + ":uptime");
    Run run = run(f, setup.work().resolve("profile.log"));

    Pattern line = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: (.*)$");
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Double> ms = new HashMap<>();
    long previous = 0;
    int total = 0;
    for (String l : Files.readAllLines(classLog)) {
      Matcher m = line.matcher(l);
      if (!m.matches()) {
        continue;
      }
      long t = Long.parseLong(m.group(1));
      String library = library(m.group(2));
      counts.merge(library, 1, Integer::sum);
      ms.merge(library, (t - previous) / 1e6, Double::sum);
      previous = t;
      total++;
    }
    double createVm = Double.NaN;
    Pattern vm = Pattern.compile(".*Create VM, ([0-9.]+) secs.*");
    for (String l : Files.readAllLines(startLog)) {
      Matcher m = vm.matcher(l);
      if (m.matches()) {
        createVm = Double.parseDouble(m.group(1)) * 1000;
      }
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    ms.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new Profile(total, counts, sorted, createVm, run);
  }

  /** The library a class belongs to, by package prefix. */
  static String library(String className) {
    String[][] prefixes = {
      {"com.amazonaws.lambda.thirdparty.", "Lambda serialization (its own Jackson copy)"},
      {"com.amazonaws.services.lambda.runtime.serialization.", "Lambda serialization"},
      {"com.amazonaws.services.lambda.", "Lambda events/core"},
      {"org.joda.time.", "Joda-Time (ScheduledEvent)"},
      {"software.amazon.awssdk.regions.", "AWS SDK regions/service metadata"},
      {"software.amazon.awssdk.services.", "AWS SDK CloudWatch/Route 53 clients"},
      {"software.amazon.awssdk.", "AWS SDK core, auth, HTTP, protocols"},
      {"org.apache.logging.", "Log4j"},
      {"org.slf4j.", "Log4j"},
      {"com.fasterxml.jackson.", "Jackson"},
      {"okhttp3.", "OkHttp/Okio/Kotlin"},
      {"okio.", "OkHttp/Okio/Kotlin"},
      {"kotlin.", "OkHttp/Okio/Kotlin"},
      {"picocli.", "picocli"},
      {"io.route53failover.", "route53-failover"},
      {"sun.security.", "JDK TLS and certificates"},
      {"javax.net.ssl.", "JDK TLS and certificates"},
      {"java.security.", "JDK TLS and certificates"},
      {"com.sun.crypto.", "JDK TLS and certificates"},
      {"com.sun.org.apache.", "JDK XML"},
      {"javax.xml.", "JDK XML"},
      {"jdk.xml.", "JDK XML"},
      {"java.lang.management.", "JDK management (JMX)"},
      {"sun.management.", "JDK management (JMX)"},
      {"javax.management.", "JDK management (JMX)"},
      {"com.sun.management.", "JDK management (JMX)"},
    };
    for (String[] p : prefixes) {
      if (className.startsWith(p[0])) {
        return p[1];
      }
    }
    return "JDK (other)";
  }

  @Override
  public void close() {
    web.stop(0);
  }
}
