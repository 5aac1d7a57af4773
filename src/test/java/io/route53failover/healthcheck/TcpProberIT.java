package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TCP probes against real sockets on 127.0.0.1. */
class TcpProberIT {

  static TcpTarget target(String host, int port, int timeoutMs) {
    return new TcpTarget("t", host, port, timeoutMs, "t_availability", null, null);
  }

  final TcpProber prober = new TcpProber(Loopback.resolving("db.test"));

  @Test
  void listenerIsHealthy() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ProbeResult result =
          prober.probe(target("127.0.0.1", listener.getLocalPort(), 1000), Duration.ofSeconds(1));

      assertThat(result.healthy()).isTrue();
      assertThat(result.reason()).isEqualTo("ok");
      assertThat(result.latencyMs()).isNotNull().isBetween(0L, 1000L);
    }
  }

  @Test
  void hostNameResolvedByTheInjectedResolverIsHealthy() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ProbeResult result =
          prober.probe(target("db.test", listener.getLocalPort(), 1000), Duration.ofSeconds(1));

      assertThat(result).isEqualTo(ProbeResult.healthy("t", result.latencyMs()));
    }
  }

  @Test
  void closedPortIsRefused() throws IOException {
    ProbeResult result =
        prober.probe(target("127.0.0.1", FreePorts.closedLoopbackPort(), 1000), Duration.ofSeconds(1));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("t", null, "refused"));
  }

  @Test
  void blackHoledPortTimesOutWithinTheTimeout() throws IOException {
    try (BlackHolePort hole = new BlackHolePort()) {
      long start = System.nanoTime();

      ProbeResult result =
          prober.probe(target("127.0.0.1", hole.port(), 500), Duration.ofMillis(500));

      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(result).isEqualTo(ProbeResult.unhealthy("t", null, "timeout"));
      // gross failures only: no timeout at all, or a second one
      assertThat(elapsedMs).isBetween(450L, 2_000L);
    }
  }

  @Test
  void unresolvableNameIsDns() {
    ProbeResult result = prober.probe(target("missing.test", 80, 1000), Duration.ofSeconds(1));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("t", null, "dns"));
  }

  @Test
  void resolverSlowerThanTheTimeoutIsDnsTimeoutAtTheTimeout() {
    TcpProber slow = new TcpProber(Loopback.slow(30_000, "db.test"));
    long start = System.nanoTime();

    ProbeResult result = slow.probe(target("db.test", 80, 300), Duration.ofMillis(300));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("t", null, "dns: timeout"));
    // gross failure only: waiting for the resolver (30 s) instead of the 300 ms timeout
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_300L);
  }

  @Test
  void resolutionTimeCountsAgainstTheTimeout() throws IOException {
    // 3 s to resolve, then a connect that hangs: the probe ends at its 3.5 s timeout, not 6.5 s.
    TcpProber slow = new TcpProber(Loopback.slow(3_000, "db.test"));
    try (BlackHolePort hole = new BlackHolePort()) {
      long start = System.nanoTime();

      ProbeResult result = slow.probe(target("db.test", hole.port(), 3_500), Duration.ofMillis(3_500));

      assertThat(result).isEqualTo(ProbeResult.unhealthy("t", null, "timeout"));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L);
    }
  }

  @Test
  void resolverReturningNothingIsDns() {
    TcpProber empty = new TcpProber(host -> java.util.List.of());

    assertThat(empty.probe(target("x.test", 80, 1000), Duration.ofSeconds(1)).reason())
        .isEqualTo("dns");
  }
}
