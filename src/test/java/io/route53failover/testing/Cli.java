package io.route53failover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs a CLI command in this JVM through {@link Main#commandLine()}, or as the built jar in a child
 * process, capturing its output.
 */
public final class Cli {
  private Cli() {}

  /** Exit code, stdout and stderr of one command. */
  public record Run(int code, String out, String err) {}

  /** Runs {@code args} in this JVM. */
  public static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs {@code args} in this JVM with {@code --endpoint-url endpoint} appended. */
  public static Run onEndpoint(URI endpoint, String... args) {
    return inProcess(
        Stream.concat(Arrays.stream(args), Stream.of("--endpoint-url", endpoint.toString()))
            .toArray(String[]::new));
  }

  /**
   * Runs {@code java -jar route53-failover.jar args} (the jar failsafe names in {@code
   * route53failover.jar}) with {@code extraEnv} on top of a clean AWS environment: no inherited
   * {@code AWS_*} variables, dummy credentials, region us-east-1. No terminal: stdin is empty.
   *
   * @throws AssertionError when it does not finish within 60 s
   */
  public static Run jar(Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    String jar = System.getProperty("route53failover.jar");
    assertThat(jar).as("system property route53failover.jar").isNotNull();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().putAll(extraEnv);
    Path out = Files.createTempFile("cli-out-", ".txt");
    Path err = Files.createTempFile("cli-err-", ".txt");
    Process p =
        pb.redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("CLI did not finish in 60 s: " + command);
    }
    return new Run(p.exitValue(), read(out), read(err));
  }

  private static String read(Path p) throws IOException {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(p);
    }
  }
}
