package io.route53failover.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting the benchmark's child JVMs and reading their one-line {@code key=value} answers. */
final class Child {
  private Child() {}

  /** Java 21's flags on Lambda (java21 managed runtime): C1 only, serial GC. */
  static final List<String> LAMBDA_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * The environment of every child: the parent's minus any {@code AWS_*} and {@code JAVA_TOOL_OPTIONS},
   * plus dummy credentials, us-east-1 and {@code AWS_ENDPOINT_URL}.
   */
  static Map<String, String> awsEnv(String endpoint) {
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ENDPOINT_URL", endpoint);
    return env;
  }

  /** {@code java FLAGS -cp CLASSPATH MAIN ARGS}. */
  static List<String> command(
      Path java, List<String> flags, String classpath, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(classpath);
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs {@code command} to its end (at most {@code timeoutSeconds}), stderr to {@code log}, and
   * returns the {@code key=value} pairs of the last stdout line.
   *
   * @throws IOException when it fails, times out or prints nothing
   */
  static Map<String, String> run(
      List<String> command, Map<String, String> env, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String last = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        last = line;
      }
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
    }
    if (p.exitValue() != 0 || last == null) {
      throw new IOException(
          "exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + tail(log));
    }
    return pairs(last);
  }

  /** {@code a=1 b=x} as a map. */
  static Map<String, String> pairs(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String token : line.trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        m.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return m;
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
