package io.route53failover.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CLI start benchmark: {@code bin/route53-failover status --help} as a fresh process, from
 * just before it is started to its exit, with the launcher's class-data-sharing archive ({@code
 * ROUTE53_FAILOVER_CDS} on, archive already written by an earlier run) and without it ({@code
 * ROUTE53_FAILOVER_CDS=off}). The archive lives in a cache directory under {@code target/bench}.
 */
final class CliStart {
  static final String[] COMMAND = {"status", "--help"};

  private final Bench.Setup setup;
  private final Path cacheHome;

  CliStart(Bench.Setup setup) {
    this.setup = setup;
    this.cacheHome = setup.work().resolve("cli-cache");
  }

  /** Milliseconds from start to exit of one run; {@code cds} selects the archive. */
  double run(boolean cds) throws IOException, InterruptedException {
    List<String> command =
        Stream.concat(
                Stream.of(setup.root().resolve("bin/route53-failover").toString()),
                Stream.of(COMMAND))
            .toList();
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(setup.work().resolve("cli-start.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.remove("JAVA_OPTS");
    env.put("JAVA_HOME", setup.java().getParent().getParent().toString());
    env.put("ROUTE53_FAILOVER_JAR", setup.jar().toString());
    env.put("XDG_CACHE_HOME", cacheHome.toString());
    env.put("ROUTE53_FAILOVER_CDS", cds ? "on" : "off");
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("bin/route53-failover did not finish in 60 s");
    }
    double ms = (System.nanoTime() - start) / 1e6;
    if (p.exitValue() != 0) {
      throw new IOException("bin/route53-failover exited " + p.exitValue() + "; see cli-start.log");
    }
    return ms;
  }

  /** The archive the launcher wrote, in bytes (0 when there is none). */
  long archiveBytes() throws IOException {
    Path dir = cacheHome.resolve("route53-failover");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path f : files.filter(f -> f.toString().endsWith(".jsa")).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
