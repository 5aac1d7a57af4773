package io.route53failover.healthcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/** Adapts a {@link HostResolver} to OkHttp's {@link Dns}. */
final class ResolverDns implements Dns {

  private final HostResolver resolver;

  ResolverDns(HostResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = resolver.resolve(hostname);
    if (addresses == null || addresses.isEmpty()) {
      throw new UnknownHostException(hostname + ": no addresses");
    }
    return addresses;
  }
}
