package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The runner's deadline, ordering, error and concurrency logic, with fake probers. */
class ConcurrentProbeRunnerTest {

  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static Target target(String name, int timeoutMs) {
    return new TcpTarget(name, "192.0.2.1", 80, timeoutMs, name + "_availability", null, null);
  }

  static List<Target> targets(int count) {
    return IntStream.range(0, count).mapToObj(i -> target("t" + i, 3000)).toList();
  }

  static List<ProbeResult> run(
      Prober prober, int maxInFlight, List<Target> targets, Duration budget) {
    return new ConcurrentProbeRunner(prober, maxInFlight, CLOCK)
        .probeAll(targets, NOW.plus(budget));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Test
  void oneResultPerTargetInTargetOrderWhateverOrderProbesFinishIn() {
    List<Target> targets = targets(20);
    Prober reverse =
        (t, timeout) -> {
          sleep(5L * (20 - Integer.parseInt(t.name().substring(1))));
          return ProbeResult.healthy(t.name(), 1);
        };

    List<ProbeResult> results = run(reverse, 256, targets, Duration.ofSeconds(5));

    assertThat(results)
        .extracting(ProbeResult::name)
        .containsExactlyElementsOf(targets.stream().map(Target::name).toList());
    assertThat(results).allMatch(ProbeResult::healthy);
  }

  @Test
  void eachProbeGetsTheSmallerOfItsTimeoutAndTheTimeLeft() {
    Map<String, Duration> received = new ConcurrentHashMap<>();
    Prober recording =
        (t, timeout) -> {
          received.put(t.name(), timeout);
          return ProbeResult.healthy(t.name(), 0);
        };

    run(
        recording,
        256,
        List.of(target("short", 100), target("long", 3000)),
        Duration.ofMillis(800));

    assertThat(received.get("short")).isEqualTo(Duration.ofMillis(100));
    // the time left (some of the 800 ms may have gone by on a busy machine), not its own 3,000 ms
    assertThat(received.get("long"))
        .isLessThanOrEqualTo(Duration.ofMillis(800))
        .isGreaterThan(Duration.ZERO);
  }

  @Test
  void deadlineAlreadyPassedReportsEveryTargetWithoutProbing() {
    AtomicInteger calls = new AtomicInteger();
    Prober counting =
        (t, timeout) -> {
          calls.incrementAndGet();
          return ProbeResult.healthy(t.name(), 0);
        };

    List<ProbeResult> results = run(counting, 256, targets(5), Duration.ofSeconds(-1));

    assertThat(results)
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.healthy()).isFalse();
              assertThat(r.reason()).isEqualTo("deadline");
              assertThat(r.latencyMs()).isNull();
            });
    assertThat(calls).hasValue(0);
  }

  @Test
  void stuckProbeIsADeadlineAndTheRunnerReturnsOnTime() {
    AtomicBoolean release = new AtomicBoolean();
    Prober stuckOnOne =
        (t, timeout) -> {
          if (t.name().equals("stuck")) {
            while (!release.get()) { // deaf to interrupts, like a hung native call
              LockSupport.parkNanos(10_000_000L);
            }
          }
          return ProbeResult.healthy(t.name(), 1);
        };
    long start = System.nanoTime();
    try {
      List<ProbeResult> results =
          run(
              stuckOnOne,
              256,
              List.of(target("ok", 3000), target("stuck", 3000)),
              Duration.ofMillis(300));

      // the stuck probe never ends: any bound catches a runner that waits for it
      assertThat(millisSince(start)).isBetween(250L, 2_500L);
      assertThat(results.get(0)).isEqualTo(ProbeResult.healthy("ok", 1));
      assertThat(results.get(1)).isEqualTo(ProbeResult.unhealthy("stuck", null, "deadline"));
    } finally {
      release.set(true);
    }
  }

  @Test
  void probeRunningAtTheDeadlineIsInterrupted() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Prober slow =
        (t, timeout) -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return ProbeResult.healthy(t.name(), 10_000);
        };

    List<ProbeResult> results =
        run(slow, 256, List.of(target("slow", 30_000)), Duration.ofMillis(200));

    assertThat(results).containsExactly(ProbeResult.unhealthy("slow", null, "deadline"));
    assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void proberThatThrowsIsAnErrorResultNotAMissingOne() {
    Prober throwing =
        (t, timeout) -> {
          if (t.name().equals("t1")) {
            throw new IllegalStateException("bug");
          }
          if (t.name().equals("t2")) {
            throw new StackOverflowError();
          }
          if (t.name().equals("t3")) {
            return null;
          }
          return ProbeResult.healthy(t.name(), 2);
        };

    List<ProbeResult> results = run(throwing, 256, targets(5), Duration.ofSeconds(5));

    assertThat(results)
        .containsExactly(
            ProbeResult.healthy("t0", 2),
            ProbeResult.unhealthy("t1", null, "error: IllegalStateException"),
            ProbeResult.unhealthy("t2", null, "error: StackOverflowError"),
            ProbeResult.unhealthy("t3", null, "error: no result"),
            ProbeResult.healthy("t4", 2));
  }

  @Test
  void neverMoreProbesInFlightThanTheLimit() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    Prober slow =
        (t, timeout) -> {
          maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          sleep(100);
          inFlight.decrementAndGet();
          return ProbeResult.healthy(t.name(), 100);
        };
    long start = System.nanoTime();

    List<ProbeResult> results = run(slow, 3, targets(10), Duration.ofSeconds(10));

    assertThat(results).hasSize(10).allMatch(ProbeResult::healthy);
    assertThat(maxSeen).hasValue(3);
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(4 * 100L - 20); // ceil(10 / 3) waves
  }

  @Test
  void waitingForASlotUsesUpTheTimeLeft() {
    Map<String, Duration> received = new ConcurrentHashMap<>();
    Prober slow =
        (t, timeout) -> {
          received.put(t.name(), timeout);
          if (t.name().equals("t0")) {
            sleep(200);
            return ProbeResult.healthy(t.name(), 200);
          }
          sleep(Math.min(5_000, timeout.toMillis()));
          return ProbeResult.unhealthy(t.name(), null, "timeout");
        };

    List<ProbeResult> results = run(slow, 1, targets(2), Duration.ofMillis(1_000));

    assertThat(results.get(0).healthy()).isTrue();
    assertThat(results.get(1).reason()).isIn("timeout", "deadline");
    // t1 started only after t0 freed the slot, 200 ms into the 1,000 ms run
    assertThat(received.get("t1")).isLessThanOrEqualTo(Duration.ofMillis(800));
  }

  @Test
  void slotThatNeverFreesUpIsADeadline() {
    AtomicBoolean release = new AtomicBoolean();
    Prober firstHangs =
        (t, timeout) -> {
          while (t.name().equals("t0") && !release.get()) {
            LockSupport.parkNanos(10_000_000L);
          }
          return ProbeResult.healthy(t.name(), 0);
        };
    try {
      List<ProbeResult> results = run(firstHangs, 1, targets(3), Duration.ofMillis(200));

      assertThat(results)
          .extracting(ProbeResult::reason)
          .containsExactly("deadline", "deadline", "deadline");
    } finally {
      release.set(true);
    }
  }

  @Test
  void noTargetsNoResults() {
    assertThat(run((t, timeout) -> null, 1, List.of(), Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void limitMustBePositive() {
    assertThatThrownBy(() -> new ConcurrentProbeRunner((t, timeout) -> null, 0, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInFlight");
  }

  @Test
  void productionRunnerDispatchesByTargetType() {
    AtomicInteger tcp = new AtomicInteger();
    AtomicInteger http = new AtomicInteger();
    TargetProber prober =
        new TargetProber(
            (t, timeout) -> {
              tcp.incrementAndGet();
              return ProbeResult.healthy(t.name(), 0);
            },
            (t, timeout) -> {
              http.incrementAndGet();
              return ProbeResult.healthy(t.name(), 0);
            },
            (t, timeout) -> {
              throw new AssertionError("no dns target here");
            });

    prober.probe(target("a", 1), Duration.ofSeconds(1));
    prober.probe(
        new HttpTarget(
            "b", "https", java.net.URI.create("https://h/"), 1, StatusRange.DEFAULT, null, true, "b", null, null, null, null, null, null, null),
        Duration.ofSeconds(1));

    assertThat(tcp).hasValue(1);
    assertThat(http).hasValue(1);
  }

  // ------------------------------------------------------------------ retries

  static Target retrying(String name, int timeoutMs, int retries) {
    return new TcpTarget(name, "192.0.2.1", 80, timeoutMs, null, null, retries);
  }

  @Test
  void aFailedProbeIsTriedAgainAtOnceAndTheFirstHealthyTryDecides() {
    Map<String, java.util.concurrent.atomic.AtomicInteger> calls = new ConcurrentHashMap<>();
    // fails twice, then answers
    Prober flaky =
        (t, timeout) ->
            calls.computeIfAbsent(t.name(), n -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet()
                    < 3
                ? ProbeResult.unhealthy(t.name(), null, "refused")
                : ProbeResult.healthy(t.name(), 9);

    List<ProbeResult> results =
        run(flaky, 4, List.of(retrying("r3", 1000, 3), retrying("r1", 1000, 1)), Duration.ofSeconds(5));

    assertThat(results)
        .extracting(ProbeResult::name, ProbeResult::healthy, ProbeResult::reason, ProbeResult::tries)
        .containsExactly(tuple("r3", true, "ok", 3), tuple("r1", false, "refused", 2));
    assertThat(calls.get("r3")).hasValue(3);
    assertThat(calls.get("r1")).hasValue(2);
  }

  @Test
  void withoutRetriesAFailureIsOneTry() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Prober failing =
        (t, timeout) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("boom");
        };

    List<ProbeResult> results = run(failing, 1, List.of(retrying("r0", 1000, 0)), Duration.ofSeconds(5));

    assertThat(results.get(0).tries()).isEqualTo(1);
    assertThat(results.get(0).reason()).isEqualTo("error: IllegalStateException");
    assertThat(calls).hasValue(1);
  }

  @Test
  void everyTryGetsItsOwnTimeoutButNoTryRunsPastTheDeadline() {
    List<Duration> budgets = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    List<Long> budgetEnds = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Prober slowFailure =
        (t, timeout) -> {
          budgets.add(timeout);
          budgetEnds.add(System.nanoTime() + timeout.toNanos());
          // a cut budget is given up 20 ms early, so the result is not racing the run's deadline
          sleep(timeout.toMillis() < 150 ? Math.max(0, timeout.toMillis() - 20) : 150);
          return ProbeResult.unhealthy(t.name(), null, "timeout");
        };
    long start = System.nanoTime();
    long limit = start + Duration.ofMillis(400 + 5).toNanos(); // 5 ms for clock skew

    // 150 ms per try, 3 retries, 400 ms of deadline: the third try gets only what is left
    ProbeResult result =
        new ConcurrentProbeRunner(slowFailure, 1, Clock.systemUTC())
            .probeAll(List.of(retrying("r", 150, 3)), Instant.now().plusMillis(400))
            .get(0);

    assertThat(millisSince(start)).isLessThan(1_000);
    assertThat(result.healthy()).isFalse();
    assertThat(budgets.get(0)).isEqualTo(Duration.ofMillis(150));
    assertThat(budgets.get(2)).isLessThan(Duration.ofMillis(150));
    assertThat(budgetEnds).allSatisfy(end -> assertThat(end).isLessThanOrEqualTo(limit));
    assertThat(result.tries()).isEqualTo(budgets.size()).isBetween(3, 4);
    assertThat(result.reason()).isEqualTo("timeout");
  }
}
