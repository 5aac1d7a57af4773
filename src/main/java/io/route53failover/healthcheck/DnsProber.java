package io.route53failover.healthcheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Probes a {@link DnsTarget} with dnsjava: one query (recursion desired) to the target's {@code
 * resolver}, or to the system's resolvers, within the timeout. A CNAME chain in the answer is
 * followed; when the server answers only with a CNAME, the chain's end is queried again (at most
 * {@value #MAX_CNAME_HOPS} hops). UDP answers with the TC flag are retried over TCP by dnsjava.
 *
 * <p>Reasons: {@code nxdomain}, {@code servfail}, {@code dns: <rcode>} for another error code,
 * {@code timeout} (no answer in time), {@code no answer} (the name exists but has no record of
 * the type), {@code answer mismatch} (the values seen are in {@link ProbeResult#answer()}), and the
 * socket reasons of {@link FailureReasons}. The smallest TTL of the records used is {@link
 * ProbeResult#dnsTtl()}.
 */
final class DnsProber implements Prober {

  static final int MAX_CNAME_HOPS = 8;

  /** Builds the resolver for a target's {@code resolver} address, or the system's for null. */
  interface Resolvers {
    Resolver forAddress(InetSocketAddress address) throws IOException;
  }

  private final Resolvers resolvers;

  DnsProber() {
    this(address -> address == null ? new ExtendedResolver() : new SimpleResolver(address));
  }

  DnsProber(Resolvers resolvers) {
    this.resolvers = resolvers;
  }

  @Override
  public ProbeResult probe(Target target, Duration timeout) {
    if (!(target instanceof DnsTarget dns)) {
      throw new IllegalArgumentException("not a dns target: " + target.name());
    }
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    int type = Type.value(dns.recordType());
    try {
      Resolver resolver = resolvers.forAddress(dns.resolverAddress());
      Name name = Name.fromString(dns.host(), Name.root);
      List<String> seen = new ArrayList<>();
      long ttl = Long.MAX_VALUE;
      for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
        long leftNanos = end - System.nanoTime();
        if (leftNanos <= 0) {
          return ProbeResult.unhealthy(dns.name(), null, "timeout");
        }
        resolver.setTimeout(Duration.ofNanos(leftNanos));
        Message response =
            resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
          String reason =
              switch (rcode) {
                case Rcode.NXDOMAIN -> "nxdomain";
                case Rcode.SERVFAIL -> "servfail";
                default -> "dns: " + Rcode.string(rcode).toLowerCase(Locale.ROOT);
              };
          return ProbeResult.unhealthy(dns.name(), Millis.since(start), reason);
        }
        // walk the chain in the answer section from the queried name
        Name current = name;
        for (int step = 0; step <= MAX_CNAME_HOPS; step++) {
          Name follow = null;
          for (Record record : response.getSection(Section.ANSWER)) {
            if (!record.getName().equals(current)) {
              continue;
            }
            if (record.getType() == type) {
              seen.add(value(record));
              ttl = Math.min(ttl, record.getTTL());
            } else if (record instanceof CNAMERecord cname) {
              ttl = Math.min(ttl, record.getTTL());
              follow = cname.getTarget();
            }
          }
          if (!seen.isEmpty() || follow == null) {
            break;
          }
          current = follow;
        }
        if (!seen.isEmpty() || current.equals(name)) {
          break;
        }
        name = current; // the server gave only the alias: ask for its end
      }
      long latency = Millis.since(start);
      if (seen.isEmpty()) {
        return new ProbeResult(dns.name(), false, latency, "no answer", null, null, null);
      }
      String answer = String.join(",", seen);
      boolean matches = matches(dns, seen);
      return new ProbeResult(
          dns.name(), matches, latency, matches ? "ok" : "answer mismatch", ttl, null, answer);
    } catch (SocketTimeoutException e) {
      return ProbeResult.unhealthy(dns.name(), null, "timeout");
    } catch (TextParseException e) {
      return ProbeResult.unhealthy(dns.name(), null, "dns: bad name");
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return ProbeResult.unhealthy(
          dns.name(), null, message.contains("timed out") ? "timeout" : FailureReasons.of(e));
    }
  }

  /** The record's value in the canonical form of {@link TargetRules#canonicalAnswer}. */
  private static String value(Record record) {
    return switch (record) {
      case ARecord a -> a.getAddress().getHostAddress();
      case AAAARecord a -> a.getAddress().getHostAddress();
      case CNAMERecord c -> TargetRules.canonicalAnswer("CNAME", c.getTarget().toString());
      default -> record.rdataToString();
    };
  }

  private static boolean matches(DnsTarget dns, List<String> seen) {
    if (dns.expectedAnswers() == null) {
      return true;
    }
    Set<String> answer = new LinkedHashSet<>(seen);
    if (dns.match().equals("exact")) {
      return answer.equals(new LinkedHashSet<>(dns.expectedAnswers()));
    }
    return dns.expectedAnswers().stream().anyMatch(answer::contains);
  }
}
