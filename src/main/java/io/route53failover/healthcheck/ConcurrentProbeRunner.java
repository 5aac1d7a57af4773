package io.route53failover.healthcheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes targets concurrently on virtual threads, with a bound on the probes (and so sockets) open
 * at once, {@value #MAX_OPEN_SOCKETS} by default, because Lambda allows 1,024 file descriptors.
 * HealthCheckFunction takes the bound from {@code MAX_CONCURRENT_PROBES} (see {@link
 * HealthCheckConfig}). A probe that hangs holds its slot until its timeout: with more hanging
 * targets than slots, the ones left wait for a slot and the run takes a further timeout ("waves").
 *
 * <p>Each probe gets the smaller of its target's {@code timeoutMs} and the time left until the
 * run's deadline. A failed probe is tried again at once, up to the target's {@code retries} more
 * times, each try with that same budget rule; the result says how many {@code tries} it took. The runner returns by the deadline with exactly one result per target, in target
 * order: a probe still running then is cancelled (its thread interrupted, never waited for) and
 * reported unhealthy with reason {@code deadline}; a prober that throws is reported unhealthy with
 * reason {@code error: <ExceptionClass>}.
 *
 * <p>The runner does not log; the caller logs one line per result.
 */
public final class ConcurrentProbeRunner implements ProbeRunner {

  /** Most probes in flight at once in the production runner, unless configured otherwise. */
  public static final int MAX_OPEN_SOCKETS = 256;

  static final String DEADLINE = "deadline";

  private static final ThreadFactory PROBE_THREADS = Thread.ofVirtual().name("probe-", 0).factory();

  private final Prober prober;
  private final int maxInFlight;
  private final Clock clock;

  /**
   * The production runner: TCP, HTTP(S) and DNS probers, system DNS, no CA bundle.
   *
   * @param maxConcurrentProbes most probes (and so sockets) open at once; positive
   * @throws IllegalArgumentException when {@code maxConcurrentProbes} is not positive
   */
  public ConcurrentProbeRunner(int maxConcurrentProbes) {
    this(maxConcurrentProbes, CaBundle.NONE);
  }

  /**
   * The production runner with the private CAs of {@code CA_BUNDLE_PARAMETER} for targets with
   * {@code caBundle: true}.
   *
   * @param maxConcurrentProbes most probes (and so sockets) open at once; positive
   * @param caBundle the CA bundle, or {@link CaBundle#NONE}
   * @throws IllegalArgumentException when {@code maxConcurrentProbes} is not positive
   */
  public ConcurrentProbeRunner(int maxConcurrentProbes, CaBundle caBundle) {
    this(new TargetProber(HostResolver.SYSTEM, caBundle), maxConcurrentProbes, Clock.systemUTC());
  }

  /**
   * @param prober probes one target
   * @param maxInFlight most probes running at once; positive
   * @param clock reads "now" to turn the run's deadline into a time budget
   */
  ConcurrentProbeRunner(Prober prober, int maxInFlight, Clock clock) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight);
    }
    this.prober = prober;
    this.maxInFlight = maxInFlight;
    this.clock = clock;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Probes start in target order as slots free up; a target still waiting for a slot at the
   * deadline is never started. Returns no later than {@code deadline} (plus scheduling jitter),
   * even when a probe hangs.
   */
  @Override
  public List<ProbeResult> probeAll(List<Target> targets, Instant deadline) {
    long end = System.nanoTime() + budgetNanos(deadline);
    Semaphore slots = new Semaphore(maxInFlight);
    ExecutorService executor = Executors.newThreadPerTaskExecutor(PROBE_THREADS);
    try {
      List<Future<ProbeResult>> futures = new ArrayList<>(targets.size());
      for (Target target : targets) {
        futures.add(start(target, slots, end, executor));
      }
      List<ProbeResult> results = new ArrayList<>(targets.size());
      for (int i = 0; i < targets.size(); i++) {
        results.add(await(targets.get(i), futures.get(i), end));
      }
      return List.copyOf(results);
    } finally {
      executor.shutdownNow();
    }
  }

  /** Waits for a free slot until the deadline, then starts the probe; its thread frees the slot. */
  private Future<ProbeResult> start(
      Target target, Semaphore slots, long end, ExecutorService executor) {
    try {
      if (!slots.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return CompletableFuture.completedFuture(deadline(target));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.completedFuture(
          ProbeResult.unhealthy(target.name(), null, "interrupted"));
    }
    try {
      return executor.submit(
          () -> {
            try {
              return probeOne(target, end);
            } finally {
              slots.release();
            }
          });
    } catch (RuntimeException e) {
      slots.release();
      return CompletableFuture.completedFuture(
          ProbeResult.unhealthy(target.name(), null, FailureReasons.error(e)));
    }
  }

  private long budgetNanos(Instant deadline) {
    Duration budget = Duration.between(clock.instant(), deadline);
    if (budget.isNegative()) {
      return 0;
    }
    // saturate: a deadline centuries away must not overflow nanoTime arithmetic
    return budget.compareTo(Duration.ofDays(1)) > 0
        ? Duration.ofDays(1).toNanos()
        : budget.toNanos();
  }

  /**
   * Probes {@code target} up to 1 + {@code retries} times, each try with the smaller of its {@code
   * timeoutMs} and the time left: the first healthy try's result, or the last failed one's; its
   * {@code tries} counts the probes made. A failed try is retried at once, unless no time is left
   * (or the runner was interrupted), in which case the failure stands.
   */
  private ProbeResult probeOne(Target target, long end) {
    int allowed = 1 + target.retries();
    ProbeResult last = null;
    for (int tries = 1; tries <= allowed; tries++) {
      long left = end - System.nanoTime();
      if (left < 1_000_000L || Thread.currentThread().isInterrupted()) {
        return last == null ? deadline(target) : last.withTries(tries - 1);
      }
      Duration timeout = Duration.ofMillis(target.timeoutMs());
      if (timeout.toNanos() > left) {
        timeout = Duration.ofNanos(left);
      }
      last = tryOnce(target, timeout);
      if (last.healthy()) {
        return last.withTries(tries);
      }
    }
    return last.withTries(allowed);
  }

  private ProbeResult tryOnce(Target target, Duration timeout) {
    try {
      ProbeResult result = prober.probe(target, timeout);
      return result != null
          ? result
          : ProbeResult.unhealthy(target.name(), null, "error: no result");
    } catch (RuntimeException e) {
      return ProbeResult.unhealthy(target.name(), null, FailureReasons.error(e));
    }
  }

  private static ProbeResult await(Target target, Future<ProbeResult> future, long end) {
    try {
      return future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | CancellationException e) {
      future.cancel(true);
      return deadline(target);
    } catch (ExecutionException e) {
      return ProbeResult.unhealthy(target.name(), null, FailureReasons.error(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return ProbeResult.unhealthy(target.name(), null, "interrupted");
    }
  }

  private static ProbeResult deadline(Target target) {
    return ProbeResult.unhealthy(target.name(), null, DEADLINE);
  }
}
