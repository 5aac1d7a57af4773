package io.route53failover.healthcheck;

/** Elapsed time in whole milliseconds, from {@link System#nanoTime()}. */
final class Millis {

  private Millis() {}

  /** Milliseconds elapsed since {@code startNanos}, a {@link System#nanoTime()} reading. */
  static long since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000L;
  }
}
