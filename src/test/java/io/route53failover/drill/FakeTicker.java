package io.route53failover.drill;

import io.route53failover.operator.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Time that passes only when the drill sleeps. After each sleep the listeners run, so a test can
 * play what the outside world does meanwhile (FailoverFunction locking, CloudWatch evaluating).
 */
public final class FakeTicker implements Ticker {
  private final Instant start;
  private long nanos;
  private final List<Runnable> listeners = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeTicker(Instant start) {
    this.start = start;
  }

  /** Runs {@code listener} after every sleep. */
  public void afterEachSleep(Runnable listener) {
    listeners.add(listener);
  }

  /** Time slept so far. */
  public Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public Instant now() {
    return start.plusNanos(nanos);
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    nanos += duration.toNanos();
    listeners.forEach(Runnable::run);
  }
}
