package io.route53failover.healthcheck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Probes a {@link TcpTarget}: healthy when a TCP connection to {@code host:port} is established
 * within the timeout; the connection is then closed at once. Resolving the host counts against
 * the timeout ({@link BoundedResolution}); its addresses are then tried in order while time is
 * left. The latency is the time from the start of the probe (resolution included) to the
 * successful connect, in milliseconds.
 */
final class TcpProber implements Prober {

  private final HostResolver resolver;

  TcpProber(HostResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public ProbeResult probe(Target target, Duration timeout) {
    if (!(target instanceof TcpTarget tcp)) {
      throw new IllegalArgumentException("not a tcp target: " + target.name());
    }
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    List<InetAddress> addresses;
    try {
      addresses = BoundedResolution.resolve(resolver, tcp.host(), end);
    } catch (UnknownHostException e) {
      return ProbeResult.unhealthy(tcp.name(), null, FailureReasons.of(e));
    }
    IOException last = null;
    for (InetAddress address : addresses) {
      long leftMs = Math.ceilDiv(end - System.nanoTime(), 1_000_000L);
      if (leftMs <= 0) {
        break;
      }
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(address, tcp.port()), (int) Math.min(leftMs, Integer.MAX_VALUE));
        return ProbeResult.healthy(tcp.name(), Millis.since(start));
      } catch (IOException e) {
        last = e;
      }
    }
    return ProbeResult.unhealthy(
        tcp.name(), null, FailureReasons.of(last == null ? new SocketTimeoutException() : last));
  }
}
