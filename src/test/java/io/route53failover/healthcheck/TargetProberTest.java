package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetProberTest {
  private static final TcpTarget TCP = new TcpTarget("db", "192.0.2.5", 5432, 1000, "db_availability", null, null);
  private static final HttpTarget HTTP =
      new HttpTarget(
          "web", "http", URI.create("http://192.0.2.7/health"), 1000, StatusRange.DEFAULT, null, null,
          "web_availability", null, null, null, null, null, null, null);

  @Test
  void theHttpProberIsBuiltOnlyWhenAnHttpTargetIsProbedAndThenOnlyOnce() throws Exception {
    AtomicInteger built = new AtomicInteger();
    CountDownLatch slowBuild = new CountDownLatch(1);
    TargetProber prober =
        new TargetProber(
            (t, timeout) -> ProbeResult.healthy(t.name(), 1),
            new TargetProber.OnFirstUse(
                () -> {
                  built.incrementAndGet();
                  try {
                    slowBuild.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return (t, timeout) -> ProbeResult.healthy(t.name(), 2);
                }),
            (t, timeout) -> ProbeResult.healthy(t.name(), 3));

    assertThat(prober.probe(TCP, Duration.ofSeconds(1)).latencyMs()).isEqualTo(1);
    assertThat(built).hasValue(0);

    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ProbeResult>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        results.add(threads.submit(() -> prober.probe(HTTP, Duration.ofSeconds(1))));
      }
      Thread.sleep(50);
      slowBuild.countDown();
      for (Future<ProbeResult> r : results) {
        assertThat(r.get().latencyMs()).isEqualTo(2);
      }
    }
    assertThat(built).hasValue(1);
  }

  @Test
  void aFailedBuildFailsThatProbeAndIsRetriedByTheNext() {
    AtomicInteger attempts = new AtomicInteger();
    Prober http =
        new TargetProber.OnFirstUse(
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("trust store unreadable");
              }
              return (t, timeout) -> ProbeResult.healthy(t.name(), 3);
            });

    assertThatThrownBy(() -> http.probe(HTTP, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(http.probe(HTTP, Duration.ofSeconds(1)).healthy()).isTrue();
    assertThat(attempts).hasValue(2);
  }
}
