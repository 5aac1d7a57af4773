package io.route53failover.cli;

import io.route53failover.operator.FailoverRecordValues;
import io.route53failover.operator.RecordAnswer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Address;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * {@code --verify-dns NAME [--resolver IP:PORT] [--record-type A|AAAA|CNAME] [--hosted-zone-id ID]
 * [--node-value primary=192.0.2.10 --node-value secondary=192.0.2.20]}: resolve the failover record
 * and name the node it answers ({@link RecordAnswer}). Without {@code --node-value}, the node values
 * are the failover record sets' in Route 53 ({@link FailoverRecordValues}).
 */
final class DnsVerifyOptions {

  @Option(
      names = "--verify-dns",
      paramLabel = "NAME",
      description = "Resolve this failover record and print which node it answers.")
  String name;

  @Option(
      names = "--resolver",
      paramLabel = "IP:PORT",
      description = "DNS server to ask (default: the system's resolvers).")
  String resolver;

  @Option(
      names = "--record-type",
      defaultValue = "A",
      description = "A, AAAA or CNAME (default ${DEFAULT-VALUE}).")
  String recordType;

  @Option(
      names = "--node-value",
      paramLabel = "NODE=VALUE",
      description =
          "A node's record value, e.g. primary=192.0.2.10; repeat per node. Default: the"
              + " PRIMARY and SECONDARY failover record sets of NAME in Route 53.")
  Map<String, String> nodeValues = new LinkedHashMap<>();

  @Option(
      names = "--hosted-zone-id",
      paramLabel = "ID",
      description =
          "Hosted zone of the failover record sets read for the node values (default: the zone"
              + " whose name ends NAME; needed when a private and a public zone both do).")
  String hostedZoneId;

  /** Whether {@code --verify-dns} was given. */
  boolean asked() {
    return name != null;
  }

  /**
   * The record check, or null when {@code --verify-dns} was not given.
   *
   * @param route53 reads the failover record sets when no {@code --node-value} was given
   * @throws IllegalArgumentException naming the option that is wrong, or what Route 53 lacks
   */
  RecordAnswer answer(Route53Client route53) throws IOException {
    if (name == null) {
      return null;
    }
    InetSocketAddress address = resolver == null ? null : resolverAddress(resolver);
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (nodeValues.isEmpty()) {
      values.putAll(FailoverRecordValues.read(route53, hostedZoneId, name, recordType));
    } else {
      nodeValues.forEach((node, value) -> values.put(node, List.of(value)));
    }
    return new RecordAnswer(name, recordType, address, values);
  }

  /**
   * Refuses node values without one of {@code nodes}: {@code drill} waits for {@code secondary}
   * and {@code primary}, {@code failback} for {@code primary}.
   *
   * @throws ParameterException naming {@code --node-value}
   */
  static void requireNodes(CommandLine commandLine, RecordAnswer answer, String... nodes) {
    for (String node : nodes) {
      if (!answer.valuesByNode().containsKey(node)) {
        throw new ParameterException(
            commandLine,
            "--verify-dns waits for the node "
                + node
                + ": give --node-value "
                + node
                + "=VALUE (the labels are primary and secondary); nothing changed");
      }
    }
  }

  /** {@code 127.0.0.1:5353}, {@code [::1]:5353} as a socket address. */
  static InetSocketAddress resolverAddress(String resolver) throws IOException {
    int colon = resolver.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--resolver must be IP:PORT, was " + resolver);
    }
    String host = resolver.substring(0, colon).replace("[", "").replace("]", "");
    byte[] ip = Address.toByteArray(host, host.contains(":") ? Address.IPv6 : Address.IPv4);
    int port;
    try {
      port = Integer.parseInt(resolver.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (ip == null || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "--resolver must be an IP address and port, was " + resolver);
    }
    return new InetSocketAddress(InetAddress.getByAddress(ip), port);
  }

  /** The resolution for {@code --json}: name, type, values, node (or {@code unknown}), problem. */
  static Map<String, Object> fields(RecordAnswer answer, RecordAnswer.Seen seen) {
    Map<String, Object> m = new LinkedHashMap<>();
    String[] record = answer.record().split(" ");
    m.put("name", record[0]);
    m.put("type", record[1]);
    m.put("values", seen.values());
    m.put("node", seen.nodeOrUnknown());
    m.put("problem", seen.problem());
    return m;
  }

  /** Prints {@code dns: NAME TYPE -> values (node)} when asked; nothing otherwise. */
  void printIfAsked(Route53Client route53, PrintWriter out) throws IOException {
    RecordAnswer answer = answer(route53);
    if (answer != null) {
      out.println("dns: " + answer.resolve().describe(answer.record()));
    }
  }
}
