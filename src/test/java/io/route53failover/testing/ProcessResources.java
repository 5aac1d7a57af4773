package io.route53failover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds open, for leak checks across many invocations of a handler.
 *
 * @param platformThreads live platform threads ({@code ThreadMXBean#getThreadCount})
 * @param virtualThreads live virtual threads started by executors (the JDK's JSON thread dump
 *     lists them by thread container; the probe runner starts its probes in one)
 * @param openFileDescriptors entries of {@code /proc/self/fd}: sockets, files, pipes
 */
public record ProcessResources(int platformThreads, int virtualThreads, int openFileDescriptors) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The resources held now, after letting finished threads and closed sockets settle. */
  public static ProcessResources now() {
    try {
      Thread.sleep(200);
      return new ProcessResources(
          ManagementFactory.getThreadMXBean().getThreadCount(), countVirtualThreads(), openFds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int countVirtualThreads() {
    try {
      Path dump = Files.createTempFile("threads", ".json");
      Files.delete(dump); // dumpThreads refuses to overwrite
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        int count = 0;
        for (JsonNode container : JSON.readTree(dump.toFile()).at("/threadDump/threadContainers")) {
          for (JsonNode thread : container.path("threads")) {
            if (thread.path("virtual").asBoolean(false)) {
              count++;
            }
          }
        }
        return count;
      } finally {
        Files.deleteIfExists(dump);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Growth tolerated over many invocations. File descriptors: an SDK client's keep-alive
   * connections (the JDK keeps up to 5 per destination) and sockets still closing. Platform
   * threads: pool threads the JDK or SDK may start lazily. Virtual threads: none; no probe may
   * outlive its run.
   */
  public static final int FD_TOLERANCE = 8;

  public static final int PLATFORM_THREAD_TOLERANCE = 2;

  /**
   * Checks that what the JVM holds now exceeds {@code before} by no more than the tolerances, and
   * prints both for the record.
   */
  public static void assertNoLeakSince(ProcessResources before, String what) {
    ProcessResources growth = now().minus(before);
    System.out.printf("after %s: growth %s (before: %s)%n", what, growth, before);
    assertThat(growth.openFileDescriptors())
        .as("file descriptors opened by %s", what)
        .isLessThanOrEqualTo(FD_TOLERANCE);
    assertThat(growth.platformThreads())
        .as("platform threads started by %s", what)
        .isLessThanOrEqualTo(PLATFORM_THREAD_TOLERANCE);
    assertThat(growth.virtualThreads())
        .as("virtual threads left by %s", what)
        .isLessThanOrEqualTo(0);
  }

  /** This snapshot minus {@code before}, field by field. */
  public ProcessResources minus(ProcessResources before) {
    return new ProcessResources(
        platformThreads - before.platformThreads,
        virtualThreads - before.virtualThreads,
        openFileDescriptors - before.openFileDescriptors);
  }
}
