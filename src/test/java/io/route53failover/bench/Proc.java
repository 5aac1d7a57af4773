package io.route53failover.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Linux {@code /proc} readings of this process. */
final class Proc {
  private Proc() {}

  /** Peak resident set size ({@code VmHWM} in {@code /proc/self/status}), in KiB. */
  static long peakRssKb() {
    return statusField("VmHWM:");
  }

  /** Current resident set size ({@code VmRSS}), in KiB. */
  static long rssKb() {
    return statusField("VmRSS:");
  }

  private static long statusField(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(name + " not in /proc/self/status");
  }

  /** Open file descriptors of this process now. */
  static int openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count() - 1; // the listing's own descriptor
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Samples {@link #openFds()} every few milliseconds until closed; keeps the maximum. */
  static final class FdSampler implements AutoCloseable {
    private final AtomicInteger peak = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    FdSampler() {
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("fd-sampler")
              .start(
                  () -> {
                    while (running) {
                      peak.accumulateAndGet(openFds(), Math::max);
                      try {
                        Thread.sleep(5);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    int peak() {
      return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }
}
