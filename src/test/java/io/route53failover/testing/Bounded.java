package io.route53failover.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs a piece of work and measures what it cost: wall time, and the bytes the running thread
 * allocated ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, which counts every
 * allocation of the thread, garbage included, so it bounds the memory the work can have needed).
 */
public final class Bounded {

  /** What the work returned or threw, and what it cost. */
  public record Result<T>(T value, RuntimeException thrown, Duration took, long allocatedBytes) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Bounded() {}

  /** Runs {@code work} on this thread and measures it; a RuntimeException is caught and returned. */
  public static <T> Result<T> measure(Callable<T> work) {
    long thread = Thread.currentThread().threadId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    T value = null;
    RuntimeException thrown = null;
    try {
      value = work.call();
    } catch (RuntimeException e) {
      thrown = e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result<>(value, thrown, took, THREADS.getThreadAllocatedBytes(thread) - allocatedBefore);
  }

  /**
   * Measures {@code work} on a thread of its own that is abandoned when {@code limit} passes, so a
   * hang fails the test instead of blocking the build (JUnit's assertTimeoutPreemptively).
   */
  public static <T> Result<T> within(Duration limit, Callable<T> work) {
    return assertTimeoutPreemptively(limit, () -> measure(work));
  }
}
