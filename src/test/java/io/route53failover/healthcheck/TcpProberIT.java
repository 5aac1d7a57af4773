package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TCP probes against real sockets on 127.0.0.1. */
class TcpProberIT {

  static TcpTarget target(String host, int port, int timeoutMs) {
    return new TcpTarget("t", host, port, timeoutMs, "t_availability");
  }

  static int freeClosedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
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
        prober.probe(target("127.0.0.1", freeClosedPort(), 1000), Duration.ofSeconds(1));

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
      assertThat(elapsedMs).isBetween(450L, 1_000L);
    }
  }

  @Test
  void unresolvableNameIsDns() {
    ProbeResult result = prober.probe(target("missing.test", 80, 1000), Duration.ofSeconds(1));

    assertThat(result).isEqualTo(ProbeResult.unhealthy("t", null, "dns"));
  }

  @Test
  void resolverReturningNothingIsDns() {
    TcpProber empty = new TcpProber(host -> java.util.List.of());

    assertThat(empty.probe(target("x.test", 80, 1000), Duration.ofSeconds(1)).reason())
        .isEqualTo("dns");
  }
}
