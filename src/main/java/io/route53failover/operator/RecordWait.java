package io.route53failover.operator;

import java.time.Duration;
import java.util.Objects;

/**
 * Resolves the failover record until it answers a given node or the time is up: {@code failback
 * --verify-dns NAME} waiting for the primary. The first resolution is immediate; then one every
 * interval, the last sleep cut so that no resolution starts after the timeout.
 */
public final class RecordWait {

  /**
   * How the wait ended.
   *
   * @param reached whether the last resolution answered the node
   * @param last the last resolution
   * @param waited from the start of the wait to the last resolution
   */
  public record Result(boolean reached, RecordAnswer.Seen last, Duration waited) {}

  /** Receives each resolution and the time since the wait began, e.g. to print progress. */
  @FunctionalInterface
  public interface Progress {
    void seen(Duration elapsed, RecordAnswer.Seen seen);
  }

  private final RecordCheck check;
  private final Ticker ticker;

  /**
   * @param check the resolution to repeat
   * @param ticker the monotonic clock and sleeping
   */
  public RecordWait(RecordCheck check, Ticker ticker) {
    this.check = Objects.requireNonNull(check, "check");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Resolves until the answer holds {@code node}'s value or {@code timeout} has passed.
   *
   * @param node the node label to wait for, e.g. {@code primary}
   * @param timeout how long to keep resolving; zero resolves once
   * @param interval time between two resolutions, positive
   * @param progress receives every resolution
   * @throws IllegalArgumentException when {@code timeout} is negative or {@code interval} not
   *     positive
   * @throws InterruptedException when interrupted while sleeping
   */
  public Result await(String node, Duration timeout, Duration interval, Progress progress)
      throws InterruptedException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("--dns-timeout must not be negative, was " + timeout);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--dns-poll-interval must be positive, was " + interval);
    }
    long start = ticker.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      RecordAnswer.Seen seen = check.resolve();
      long now = ticker.nanoTime();
      Duration waited = Duration.ofNanos(now - start);
      progress.seen(waited, seen);
      if (node.equals(seen.node())) {
        return new Result(true, seen, waited);
      }
      long left = deadline - now;
      if (left <= 0) {
        return new Result(false, seen, waited);
      }
      ticker.sleep(Duration.ofNanos(Math.min(interval.toNanos(), left)));
    }
  }
}
