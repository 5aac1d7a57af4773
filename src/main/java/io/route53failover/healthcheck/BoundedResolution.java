package io.route53failover.healthcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a target's host within what is left of its probe's timeout. The {@link HostResolver}
 * runs on a virtual thread and the probe waits for it at most until the probe's end, so a slow
 * resolver costs that one probe its {@code timeoutMs} (reason {@code dns: timeout}) rather than
 * holding a socket slot until the run's deadline. A resolver that does not answer in time is
 * interrupted and left to finish on its own; it holds no socket.
 */
final class BoundedResolution {

  private static final ThreadFactory RESOLVER_THREADS =
      Thread.ofVirtual().name("resolve-", 0).factory();

  private BoundedResolution() {}

  /**
   * Resolves {@code host} through {@code resolver}, waiting until {@code endNanos} at most.
   *
   * @param endNanos the probe's end on the {@link System#nanoTime()} clock
   * @return the addresses, in the resolver's order; never empty
   * @throws ResolutionTimeoutException when {@code endNanos} passes first (reason {@code dns:
   *     timeout})
   * @throws UnknownHostException when the name does not resolve or resolves to no address (reason
   *     {@code dns})
   */
  static List<InetAddress> resolve(HostResolver resolver, String host, long endNanos)
      throws UnknownHostException {
    FutureTask<List<InetAddress>> lookup = new FutureTask<>(() -> resolver.resolve(host));
    RESOLVER_THREADS.newThread(lookup).start();
    List<InetAddress> addresses;
    try {
      addresses = lookup.get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | CancellationException e) {
      lookup.cancel(true);
      throw new ResolutionTimeoutException(host);
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      throw new ResolutionTimeoutException(host);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case UnknownHostException u -> throw u;
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
    if (addresses == null || addresses.isEmpty()) {
      throw new UnknownHostException(host + ": no addresses");
    }
    return addresses;
  }

  /** The resolver did not answer within the probe's timeout. */
  static final class ResolutionTimeoutException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    ResolutionTimeoutException(String host) {
      super(host + ": no answer from the resolver within the probe's timeout");
    }
  }
}
