package io.route53failover.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * A port on 127.0.0.1 that nothing listens on: an ephemeral port is bound, read and closed at
   * once. A server can be started on it, and until then connections to it are refused.
   *
   * <p>The race is accepted: another process may bind the same port between this call and its use.
   * The kernel hands ephemeral ports out in turn, so that is rare, and a test caught by it fails (a
   * server that cannot bind, a probe that is not refused) rather than passing wrongly.
   */
  public static int closedLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return s.getLocalPort();
    }
  }
}
