package io.route53failover.cli;

import io.route53failover.operator.RecordAnswer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --verify-dns NAME [--resolver IP:PORT] [--record-type A|AAAA|CNAME] --node-value
 * primary=192.0.2.10 --node-value secondary=192.0.2.20}: resolve the failover record and print which
 * node it answers ({@link RecordAnswer}).
 */
final class DnsVerifyOptions {

  @Option(names = "--verify-dns", paramLabel = "NAME", description = "Resolve this failover record and print which node it answers.")
  String name;

  @Option(names = "--resolver", paramLabel = "IP:PORT", description = "DNS server to ask (default: the system's resolvers).")
  String resolver;

  @Option(names = "--record-type", defaultValue = "A", description = "A, AAAA or CNAME (default ${DEFAULT-VALUE}).")
  String recordType;

  @Option(names = "--node-value", paramLabel = "NODE=VALUE", description = "A node's record value, e.g. primary=192.0.2.10; repeat per node.")
  Map<String, String> nodeValues = new LinkedHashMap<>();

  /** The record check, or null when {@code --verify-dns} was not given. */
  RecordAnswer answer() throws java.io.IOException {
    if (name == null) {
      return null;
    }
    InetSocketAddress address = null;
    if (resolver != null) {
      int colon = resolver.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--resolver must be IP:PORT, was " + resolver);
      }
      String host = resolver.substring(0, colon).replace("[", "").replace("]", "");
      byte[] ip = org.xbill.DNS.Address.toByteArray(host, host.contains(":") ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4);
      if (ip == null) {
        throw new IllegalArgumentException("--resolver must be an IP address and port, was " + resolver);
      }
      address = new InetSocketAddress(java.net.InetAddress.getByAddress(ip), Integer.parseInt(resolver.substring(colon + 1)));
    }
    return new RecordAnswer(name, recordType, address, nodeValues);
  }

  /** Prints {@code dns: NAME TYPE -> values (node)} when asked; nothing otherwise. */
  void printIfAsked(PrintWriter out) throws java.io.IOException {
    RecordAnswer answer = answer();
    if (answer != null) {
      out.println("dns: " + answer.resolve(Duration.ofSeconds(3)).describe(name, recordType));
    }
  }
}
