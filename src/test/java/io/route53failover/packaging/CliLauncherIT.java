package io.route53failover.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/route53-failover}, run as an operator runs it, with its class-data-sharing archive:
 * created on first use in {@code $XDG_CACHE_HOME/route53-failover/}, used by the next run, keyed
 * by the jar's build, switched off by {@code ROUTE53_FAILOVER_CDS=off}, and never a reason to fail
 * or to write anything but the command's output to stdout.
 */
class CliLauncherIT {
  private static final Path BASEDIR =
      Path.of(System.getProperty("route53failover.basedir", ".")).toAbsolutePath();
  private static final String[] HELP = {"status", "--help"};

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Path cliJar() {
    String jar = System.getProperty("route53failover.jar");
    assertThat(jar).as("system property route53failover.jar (set by failsafe)").isNotNull();
    return Path.of(jar);
  }

  private Run launch(Path jar, Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command =
        Stream.concat(
                Stream.of(BASEDIR.resolve("bin/route53-failover").toString()), Stream.of(args))
            .toList();
    Path out = Files.createTempFile(dir, "out-", ".txt");
    Path err = Files.createTempFile(dir, "err-", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ROUTE53_FAILOVER_"));
    env.remove("JAVA_OPTS");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("ROUTE53_FAILOVER_JAR", jar.toString());
    env.putAll(extraEnv);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/route53-failover did not finish in 60 s: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static List<Path> archives(Path cacheHome) throws IOException {
    Path cache = cacheHome.resolve("route53-failover");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(f -> f.toString().endsWith(".jsa")).toList();
    }
  }

  @Test
  void theFirstRunCreatesTheArchiveAndTheSecondLoadsTheCliFromIt() throws Exception {
    Path cacheHome = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());

    Run first = launch(cliJar(), env, HELP);

    assertThat(first.code()).as("stderr:%n%s", first.err()).isZero();
    assertThat(first.out()).startsWith("Usage: route53-failover status");
    assertThat(first.err()).as("no CDS messages, not even on stderr").isEmpty();
    List<Path> archives = archives(cacheHome);
    assertThat(archives).as("the archive the first run wrote").hasSize(1);
    assertThat(Files.size(archives.get(0))).isPositive();

    Path classLog = dir.resolve("class-load.log");
    Map<String, String> logged = new HashMap<>(env);
    logged.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    Run second = launch(cliJar(), logged, HELP);

    assertThat(second.code()).as("stderr:%n%s", second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).isEmpty();
    assertThat(archives(cacheHome)).isEqualTo(archives);
    assertThat(Files.readAllLines(classLog))
        .as("the second run maps the CLI's classes from the archive")
        .anyMatch(
            l ->
                l.contains(" io.route53failover.cli.Main source: shared objects file")
                    || l.contains(" picocli.CommandLine source: shared objects file"));
  }

  @Test
  void aRebuiltJarGetsANewArchiveAndTheStaleOneIsRemoved() throws Exception {
    Path cacheHome = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
    Path jar = Files.copy(cliJar(), dir.resolve("route53-failover.jar"));
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Run before = launch(jar, env, HELP);
    List<Path> old = archives(cacheHome);
    assertThat(old).hasSize(1);

    // "rebuilt": same path, new modification time
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    Run after = launch(jar, env, HELP);

    assertThat(after.code()).as("stderr:%n%s", after.err()).isZero();
    assertThat(after.out()).isEqualTo(before.out());
    assertThat(archives(cacheHome)).hasSize(1).doesNotContainAnyElementsOf(old);
  }

  @Test
  void runsWithoutAnArchiveWhenSwitchedOffOrWhenTheCacheCannotBeCreated() throws Exception {
    Path cacheHome = dir.resolve("cache");
    Run reference = launch(cliJar(), Map.of("XDG_CACHE_HOME", cacheHome.toString()), HELP);

    Run off =
        launch(
            cliJar(),
            Map.of("XDG_CACHE_HOME", dir.resolve("off").toString(), "ROUTE53_FAILOVER_CDS", "off"),
            HELP);
    assertThat(off.code()).as("stderr:%n%s", off.err()).isZero();
    assertThat(off.out()).isEqualTo(reference.out());
    assertThat(dir.resolve("off")).doesNotExist();

    // a regular file where the cache directory's parent should be: mkdir fails
    Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");
    Run noCache = launch(cliJar(), Map.of("XDG_CACHE_HOME", notADirectory.toString()), HELP);
    assertThat(noCache.code()).as("stderr:%n%s", noCache.err()).isZero();
    assertThat(noCache.out()).isEqualTo(reference.out());
    assertThat(noCache.err()).isEmpty();
  }
}
