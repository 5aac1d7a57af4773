package io.route53failover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the inputs a fuzz test ran and how each ended, and writes the counts to the file named by
 * the system property {@value #FILE_PROPERTY} (set by the fuzzing executions in pom.xml), so that
 * RELIABILITY.md can quote them. Without the property nothing is written.
 */
public final class FuzzStats {

  /** System property: where to write the counts, one {@code key=value} per line. */
  public static final String FILE_PROPERTY = "route53failover.fuzzStats";

  private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
  private static final long START = System.nanoTime();

  private FuzzStats() {}

  /** Counts one input that ended in {@code outcome}, e.g. {@code accepted}. */
  public static void record(String outcome) {
    COUNTS.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** Writes {@code executions}, {@code seconds} and the count of each outcome, if asked to. */
  public static void write(String fuzzTest) {
    String file = System.getProperty(FILE_PROPERTY);
    if (file == null) {
      return;
    }
    Map<String, Long> sorted = new TreeMap<>();
    COUNTS.forEach((k, v) -> sorted.put(k, v.sum()));
    long total = sorted.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder b = new StringBuilder();
    b.append("fuzzTest=").append(fuzzTest).append('\n');
    b.append("executions=").append(total).append('\n');
    b.append("seconds=").append((System.nanoTime() - START) / 1_000_000_000L).append('\n');
    sorted.forEach((k, v) -> b.append("outcome.").append(k).append('=').append(v).append('\n'));
    try {
      Path path = Path.of(file);
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.writeString(path, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
