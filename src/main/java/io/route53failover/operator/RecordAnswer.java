package io.route53failover.operator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
public final class RecordAnswer implements RecordCheck {

  /** How long one query waits for its answer (the waits around it repeat it). */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

  /** What {@link Seen#nodeOrUnknown()} says when the answer holds no node's value. */
  public static final String UNKNOWN = "unknown";

  /**
   * One resolution.
   *
   * @param node the first node (in the order given) one of whose values the answer holds; null when
   *     none does or the record did not resolve
   * @param values the values seen, sorted; empty when the record did not resolve
   * @param problem why it did not resolve ({@code nxdomain}, {@code servfail}, {@code no answer},
   *     {@code no answer (SocketTimeoutException)}, ...); null when it did
   */
  public record Seen(String node, List<String> values, String problem) {
    public Seen {
      values = List.copyOf(values);
    }

    /** The node, or {@value RecordAnswer#UNKNOWN}. */
    public String nodeOrUnknown() {
      return node == null ? UNKNOWN : node;
    }

    /** The values seen, comma-separated, or the problem: {@code 192.0.2.20}, {@code nxdomain}. */
    public String answer() {
      return problem != null ? problem : String.join(",", values);
    }

    /**
     * One line, e.g. {@code app.example.com A -> 192.0.2.20 (secondary)}, {@code app.example.com A
     * -> 198.51.100.7 (no node)} or {@code app.example.com A -> nxdomain}.
     *
     * @param record the record's name and type ({@link RecordCheck#record()})
     */
    public String describe(String record) {
      if (problem != null) {
        return record + " -> " + problem;
      }
      return record + " -> " + answer() + " (" + (node == null ? "no node" : node) + ")";
    }
  }

  private final Resolver resolver;
  private final String displayName;
  private final Name name;
  private final int type;
  private final Map<String, List<String>> valuesByNode;

  /**
   * @param name the failover record's name
   * @param type {@code A}, {@code AAAA} or {@code CNAME}
   * @param resolver {@code ip:port} of the DNS server, or null for the system's resolvers
   * @param valuesByNode node label (for example {@code primary}) to its record values, in the order
   *     nodes are matched
   * @throws IllegalArgumentException when the type is none of those three
   * @throws IOException when the name is not a DNS name or the system's resolvers are unknown
   */
  public RecordAnswer(
      String name,
      String type,
      InetSocketAddress resolver,
      Map<String, List<String>> valuesByNode)
      throws IOException {
    this.type = Type.value(type);
    if (this.type != Type.A && this.type != Type.AAAA && this.type != Type.CNAME) {
      throw new IllegalArgumentException("record type must be A, AAAA or CNAME, was " + type);
    }
    this.displayName = name;
    this.name = Name.fromString(name, Name.root);
    this.resolver = resolver == null ? new ExtendedResolver() : new SimpleResolver(resolver);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    valuesByNode.forEach((node, values) -> copy.put(node, List.copyOf(values)));
    this.valuesByNode = Collections.unmodifiableMap(copy);
  }

  /** The node values compared with the answer. */
  public Map<String, List<String>> valuesByNode() {
    return valuesByNode;
  }

  @Override
  public String record() {
    return displayName + " " + Type.string(type);
  }

  /** Resolves once within {@link #QUERY_TIMEOUT}. */
  @Override
  public Seen resolve() {
    return resolve(QUERY_TIMEOUT);
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
    for (var entry : valuesByNode.entrySet()) {
      for (String value : entry.getValue()) {
        if (values.contains(canonical(value))) {
          return new Seen(entry.getKey(), new ArrayList<>(values), null);
        }
      }
    }
    return new Seen(null, new ArrayList<>(values), null);
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
