package io.route53failover.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out benchmark: N targets on 127.0.0.1 (40 % accepting, 30 % refused, 30 % black-holed;
 * {@code timeoutMs} 2000) served by a {@link TargetServer} process, probed by a fresh {@link
 * FanOutProbe} process per run.
 */
final class FanOut {
  static final String OPEN_PREFIX = "open-";
  static final String REFUSED_PREFIX = "refused-";
  static final String BLACKHOLED_PREFIX = "hole-";
  static final int TIMEOUT_MS = 2000;

  /** Heap ergonomics of a 512 MB function (the template's default MemorySize). */
  static final List<String> LAMBDA_512_MB =
      List.of("-XX:MaxRAM=512m", "-XX:MaxHeapSize=445645k");

  /** One probing run's figures as the probing process printed them. */
  record Run(Map<String, String> figures, List<MetricCallCounter.Call> calls) {
    double wallMs() {
      return Double.parseDouble(figures.get("wallMs"));
    }

    double peakRssMb() {
      return Long.parseLong(figures.get("peakRssKb")) / 1024.0;
    }

    int get(String key) {
      return Integer.parseInt(figures.get(key));
    }

    /** Time moto_server took to answer the measured invoke's PutMetricData requests. */
    double emulatorMs() {
      return calls.stream().mapToDouble(MetricCallCounter.Call::emulatorMs).sum();
    }

    /** From the start of the measured invoke to the arrival of its first PutMetricData request. */
    double toFirstPutMs() {
      return calls.isEmpty()
          ? Double.NaN
          : calls.get(0).epochMillis() - Long.parseLong(figures.get("measuredStartEpochMs"));
    }
  }

  /** Targets served by a {@link TargetServer} process; closing stops it. */
  static final class Targets implements AutoCloseable {
    final int n;
    final Path file;
    private final Process server;

    private Targets(int n, Path file, Process server) {
      this.n = n;
      this.file = file;
      this.server = server;
    }

    @Override
    public void close() throws InterruptedException {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private final Bench.Setup setup;

  FanOut(Bench.Setup setup) {
    this.setup = setup;
  }

  /** Starts the target server for {@code n} targets and writes their TARGETS file. */
  Targets targets(int n) throws IOException, InterruptedException {
    int open = n * 4 / 10;
    int refused = n * 3 / 10;
    int holes = n - open - refused;
    List<String> command =
        Child.command(
            setup.java(),
            List.of("-Xss256k"),
            setup.classpath(),
            TargetServer.class,
            String.valueOf(open),
            String.valueOf(refused),
            String.valueOf(holes),
            "0");
    Path log = setup.work().resolve("target-server-" + n + ".log");
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    String line =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (line == null) {
      p.destroyForcibly();
      throw new IOException("target server printed nothing:\n" + Child.tail(log));
    }
    Map<String, String> ports = Child.pairs(line);
    List<String> targets = new ArrayList<>();
    add(targets, OPEN_PREFIX, ports.get("accepting"));
    add(targets, REFUSED_PREFIX, ports.get("refused"));
    add(targets, BLACKHOLED_PREFIX, ports.get("blackholed"));
    if (targets.size() != n) {
      p.destroyForcibly();
      throw new IOException("expected " + n + " targets, got " + targets.size() + ": " + line);
    }
    // a fixed interleaving, as a real list would mix them
    Collections.shuffle(targets, new Random(42));
    Path file = setup.work().resolve("targets-" + n + ".json");
    Files.writeString(file, "[" + String.join(",\n", targets) + "]\n");
    return new Targets(n, file, p);
  }

  private static void add(List<String> targets, String prefix, String ports) {
    if (ports == null || ports.isEmpty()) {
      return;
    }
    List<String> list = Arrays.asList(ports.split(","));
    for (int i = 0; i < list.size(); i++) {
      targets.add(
          String.format(
              "{\"name\":\"%s%04d\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":%s,"
                  + "\"timeoutMs\":%d}",
              prefix, i, list.get(i), TIMEOUT_MS));
    }
  }

  /**
   * One warm invoke in a fresh probing process, metrics through {@code counter}.
   *
   * @param maxConcurrentProbes value of {@code MAX_CONCURRENT_PROBES}, or null for the default
   * @param fromS3 whether the function reads the list from S3 ({@code TARGETS_S3_URI}, uploaded to
   *     moto first) instead of {@code TARGETS}
   */
  Run invoke(
      Targets targets, MetricCallCounter counter, Integer maxConcurrentProbes, int run, boolean fromS3)
      throws IOException, InterruptedException {
    Map<String, String> env = Child.awsEnv(counter.endpoint().toString());
    env.put("METRIC_NAMESPACE", "Bench/FanOut");
    if (maxConcurrentProbes != null) {
      env.put("MAX_CONCURRENT_PROBES", maxConcurrentProbes.toString());
    }
    if (fromS3) {
      env.put("TARGETS_S3_URI", uploadToS3(targets));
    }
    String timeoutSeconds = System.getProperty(TIMEOUT_SECONDS_PROPERTY);
    if (timeoutSeconds != null) {
      env.put("BENCH_TIMEOUT_SECONDS", timeoutSeconds);
    }
    long started = System.currentTimeMillis();
    Map<String, String> figures =
        probe(
            fromS3 ? "invoke-s3" : "invoke",
            targets,
            env,
            "fanout-" + targets.n + "-" + maxConcurrentProbes + (fromS3 ? "-s3-" : "-") + run,
            180);
    long measuredFrom = Long.parseLong(figures.get("measuredStartEpochMs"));
    if (measuredFrom < started) {
      throw new IOException("clock went backwards: " + figures);
    }
    return new Run(figures, counter.callsSince(measuredFrom));
  }

  /**
   * Uploads the list to moto's S3 from this (the parent) process, so the probing process's peak
   * RSS holds only what the function itself loads to read it.
   *
   * @return the {@code TARGETS_S3_URI}
   */
  String uploadToS3(Targets targets) throws IOException {
    String bucket = "bench-targets";
    String key = "targets-" + targets.n + ".json";
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(setup.moto())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(r -> r.bucket(bucket));
      }
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(targets.file));
    }
    return "s3://" + bucket + "/" + key;
  }

  /** System property of {@code --timeout-seconds}: the invokes' context timeout. */
  static final String TIMEOUT_SECONDS_PROPERTY = "bench.timeoutSeconds";

  /** One sequential run (probing only) in a fresh process. */
  Run sequential(Targets targets, int run) throws IOException, InterruptedException {
    Map<String, String> figures =
        probe(
            "sequential",
            targets,
            Child.awsEnv("http://127.0.0.1:9"),
            "sequential-" + targets.n + "-" + run,
            60L * 30);
    return new Run(figures, List.of());
  }

  /** Runs a {@link FanOutProbe} process in {@code mode} with the Lambda flags and heap. */
  private Map<String, String> probe(
      String mode, Targets targets, Map<String, String> env, String logName, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> flags = new ArrayList<>(Child.LAMBDA_FLAGS);
    flags.addAll(LAMBDA_512_MB);
    return Child.run(
        Child.command(
            setup.java(), flags, setup.classpath(), FanOutProbe.class, mode, targets.file.toString()),
        env,
        setup.work().resolve(logName + ".log"),
        timeoutSeconds);
  }
}
