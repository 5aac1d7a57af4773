package io.route53failover.operator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What the failover record answers, and which node that is: the closing step of {@code status},
 * {@code drill} and {@code failback --verify-dns NAME}, which turns "the health check changed" into
 * "clients see the change". One query (recursion desired) of type A, AAAA or CNAME for the record
 * to {@code --resolver ip:port} or the system's resolvers; the values seen (IP addresses as {@link
 * java.net.InetAddress#getHostAddress()} writes them, names in lower case without the final dot) are
 * compared with each node's configured value ({@code PrimaryNodeValue}, ...).
 */
public final class RecordAnswer {

  /** One resolution: the node whose value the answer holds, or null, and the values seen. */
  public record Seen(String node, List<String> values, String problem) {
    /** One line for the timeline, e.g. {@code app.example.com A -> 192.0.2.20 (secondary)}. */
    public String describe(String name, String type) {
      if (problem != null) {
        return name + " " + type + " -> " + problem;
      }
      return name + " " + type + " -> " + String.join(",", values) + " (" + (node == null ? "no node" : node) + ")";
    }
  }

  private final Resolver resolver;
  private final Name name;
  private final int type;
  private final Map<String, String> valueByNode;

  /**
   * @param name the failover record's name
   * @param type {@code A}, {@code AAAA} or {@code CNAME}
   * @param resolver {@code ip:port} of the DNS server, or null for the system's resolvers
   * @param valueByNode node label (for example {@code primary}) to its record value
   */
  public RecordAnswer(String name, String type, InetSocketAddress resolver, Map<String, String> valueByNode)
      throws IOException {
    this.resolver = resolver == null ? new ExtendedResolver() : new SimpleResolver(resolver);
    this.name = Name.fromString(name, Name.root);
    this.type = Type.value(type);
    if (this.type != Type.A && this.type != Type.AAAA && this.type != Type.CNAME) {
      throw new IllegalArgumentException("record type must be A, AAAA or CNAME, was " + type);
    }
    this.valueByNode = Map.copyOf(valueByNode);
  }

  /** Resolves once within {@code timeout}; never throws for a DNS failure (it is the problem). */
  public Seen resolve(Duration timeout) {
    resolver.setTimeout(timeout);
    Message response;
    try {
      response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      return new Seen(null, List.of(), "no answer (" + e.getClass().getSimpleName() + ")");
    }
    if (response.getRcode() != Rcode.NOERROR) {
      return new Seen(null, List.of(), Rcode.string(response.getRcode()).toLowerCase(Locale.ROOT));
    }
    Set<String> values = new TreeSet<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() != type) {
        continue;
      }
      switch (r) {
        case ARecord a -> values.add(a.getAddress().getHostAddress());
        case AAAARecord a -> values.add(a.getAddress().getHostAddress());
        case CNAMERecord c -> values.add(canonicalName(c.getTarget().toString()));
        default -> {}
      }
    }
    if (values.isEmpty()) {
      return new Seen(null, List.of(), "no answer");
    }
    String node = null;
    for (var entry : valueByNode.entrySet()) {
      if (values.contains(canonical(entry.getValue()))) {
        node = entry.getKey();
      }
    }
    return new Seen(node, new ArrayList<>(values), null);
  }

  /**
   * Resolves every {@code every} until the answer names {@code node} or {@code timeout} passes.
   *
   * @return the last resolution (its node is {@code node} when it moved in time)
   */
  public Seen waitFor(String node, Duration timeout, Duration every) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Seen seen = resolve(Duration.ofSeconds(2));
      if (node.equals(seen.node()) || System.nanoTime() + every.toNanos() > end) {
        return seen;
      }
      Thread.sleep(every);
    }
  }

  private String canonical(String value) {
    if (type == Type.CNAME) {
      return canonicalName(value);
    }
    try {
      byte[] bytes = org.xbill.DNS.Address.toByteArray(value, type == Type.A ? org.xbill.DNS.Address.IPv4 : org.xbill.DNS.Address.IPv6);
      return bytes == null ? value : java.net.InetAddress.getByAddress(bytes).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return value;
    }
  }

  private static String canonicalName(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
