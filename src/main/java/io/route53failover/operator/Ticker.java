package io.route53failover.operator;

import java.time.Duration;
import java.time.Instant;

/** Time for the drill: wall-clock instants for the record, a monotonic clock for elapsed time. */
public interface Ticker {

  /** The wall-clock time, for timestamps an operator reads. */
  Instant now();

  /** A monotonic clock in nanoseconds, for elapsed time (see {@link System#nanoTime()}). */
  long nanoTime();

  /** Waits {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** The system clocks and {@link Thread#sleep(Duration)}. */
  static Ticker system() {
    return new Ticker() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
      }
    };
  }
}
