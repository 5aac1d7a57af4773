package io.route53failover.healthcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/** Test resolvers: never real DNS. */
final class Loopback {

  private Loopback() {}

  static InetAddress address() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Resolves the given names, and the IP literal 127.0.0.1, to 127.0.0.1; any other to a failure.
   */
  static HostResolver resolving(String... names) {
    Set<String> known = Set.of(names);
    return host -> {
      if (host.equals("127.0.0.1") || known.contains(host)) {
        return List.of(address());
      }
      throw new UnknownHostException(host + ": unknown to the test resolver");
    };
  }

  /**
   * Like {@link #resolving}, but each lookup first takes {@code delayMs} (interruptible, as a
   * lookup abandoned by its probe is interrupted).
   */
  static HostResolver slow(long delayMs, String... names) {
    HostResolver fast = resolving(names);
    return host -> {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnknownHostException(host + ": interrupted (test)");
      }
      return fast.resolve(host);
    };
  }

  /** A resolver for which every name fails, as when DNS answers NXDOMAIN. */
  static final HostResolver NOTHING_RESOLVES =
      host -> {
        throw new UnknownHostException(host + ": NXDOMAIN (test)");
      };
}
