package io.route53failover.healthcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Adapts a {@link HostResolver} to OkHttp's {@link Dns} for one probe: resolution ends by the
 * probe's end ({@link BoundedResolution}). OkHttp does not call it for IP literals.
 */
final class ResolverDns implements Dns {

  private final HostResolver resolver;
  private final long endNanos;

  /**
   * @param endNanos the probe's end on the {@link System#nanoTime()} clock
   */
  ResolverDns(HostResolver resolver, long endNanos) {
    this.resolver = resolver;
    this.endNanos = endNanos;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    return BoundedResolution.resolve(resolver, hostname, endNanos);
  }
}
