package io.route53failover.healthcheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a target's host to IP addresses. Both probers resolve through this interface, so tests
 * can simulate DNS failures or map names to loopback without touching real DNS.
 */
@FunctionalInterface
public interface HostResolver {

  /** The system resolver ({@link InetAddress#getAllByName}); IP literals need no DNS. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * Resolves {@code host}, a host name or IP literal.
   *
   * @return the addresses to try, in order; never empty
   * @throws UnknownHostException when the name does not resolve (reported as reason {@code dns})
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
