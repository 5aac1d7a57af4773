package io.route53failover.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drill's step log: one line per thing a step did or checked, {@code drill step 3: …}, printed
 * as it happens and written to a file at the end (also when a step failed), so the log of a CI run
 * can be shown as it is.
 */
final class StepLog {
  private final Path file;
  private final List<String> lines = new ArrayList<>();
  private int step;

  /** Writes to {@code target/<fileName>} under the repository root. */
  StepLog(String fileName) {
    String basedir = System.getProperty("route53failover.basedir", ".");
    this.file = Path.of(basedir, "target", fileName).toAbsolutePath();
  }

  /** Starts step {@code n}; its lines are numbered with it. */
  void step(int n) {
    step = n;
  }

  /** Logs what the current step did. */
  void log(String text) {
    add("drill step " + step + ": " + text);
  }

  /** Logs a line of the setup (before step 1). */
  void setup(String text) {
    add("drill setup: " + text);
  }

  /**
   * Fails the test loudly unless {@code condition} holds: a step whose precondition is not met must
   * not run.
   */
  void require(boolean condition, String precondition) {
    if (!condition) {
      add("drill step " + step + " PRECONDITION NOT MET: " + precondition);
      throw new AssertionError("drill step " + step + ": precondition not met: " + precondition);
    }
    add("drill step " + step + ": precondition met: " + precondition);
  }

  /** Records that the current step failed. */
  void failed(Throwable e) {
    add("drill step " + step + " FAILED: " + e.getMessage());
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  Path file() {
    return file;
  }

  /** Writes every line so far to the file. */
  void write() {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(String line) {
    lines.add(line);
    System.out.println(line);
  }
}
