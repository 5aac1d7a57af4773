package io.route53failover.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

/**
 * The node values of a failover record, read from Route 53, for {@code --verify-dns NAME} without
 * {@code --node-value}: the {@code ResourceRecords} of the record sets with that name and type
 * whose {@code Failover} is {@code PRIMARY} (node {@code primary}) and {@code SECONDARY} (node
 * {@code secondary}). The hosted zone is the one given, else the zone whose name is the longest
 * suffix of the record's name among ListHostedZones; when several zones have that name (a private
 * and a public one, say), the one holding the failover records, and a refusal when more than one
 * does.
 */
public final class FailoverRecordValues {
  /** Node labels, as {@code --node-value} uses them. */
  public static final String PRIMARY = "primary";

  public static final String SECONDARY = "secondary";

  private FailoverRecordValues() {}

  /**
   * Reads the failover record's values (ListHostedZones when {@code hostedZoneId} is null,
   * ListResourceRecordSets).
   *
   * @param hostedZoneId the zone, with or without {@code /hostedzone/}; null to find it
   * @param name the record's name, e.g. {@code service.internal.example.com}
   * @param type {@code A}, {@code AAAA} or {@code CNAME}
   * @return {@code primary} and {@code secondary} to their values, in that order
   * @throws IllegalArgumentException naming what is missing or ambiguous, and {@code --node-value}
   *     or {@code --hosted-zone-id} as the way out
   * @throws software.amazon.awssdk.core.exception.SdkException when Route 53 cannot be read
   */
  public static Map<String, List<String>> read(
      Route53Client route53, String hostedZoneId, String name, String type) {
    if (hostedZoneId != null) {
      return fromRecordSets(recordSets(route53, zoneId(hostedZoneId), name, type), name, type);
    }
    List<HostedZone> zones = new ArrayList<>();
    route53.listHostedZonesPaginator().hostedZones().forEach(zones::add);
    List<HostedZone> candidates = zonesFor(zones, name);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "no hosted zone holds "
              + name
              + " (ListHostedZones): pass --hosted-zone-id, or --node-value primary=V"
              + " --node-value secondary=V");
    }
    Map<String, Map<String, List<String>>> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (HostedZone zone : candidates) {
      try {
        found.put(
            zoneId(zone.id()), fromRecordSets(recordSets(route53, zoneId(zone.id()), name, type), name, type));
      } catch (IllegalArgumentException e) {
        problems.add(zoneId(zone.id()) + ": " + e.getMessage());
      }
    }
    if (found.size() == 1) {
      return found.values().iterator().next();
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    throw new IllegalArgumentException(
        "several hosted zones hold failover records "
            + name
            + " "
            + type
            + " ("
            + String.join(", ", found.keySet())
            + "): pass --hosted-zone-id");
  }

  /**
   * The zones whose name is the longest suffix of {@code name} (on label boundaries), in the order
   * given; empty when none is.
   */
  static List<HostedZone> zonesFor(List<HostedZone> zones, String name) {
    String record = canonical(name);
    List<HostedZone> matching =
        zones.stream()
            .filter(
                z -> {
                  String zone = canonical(z.name());
                  return record.equals(zone) || record.endsWith("." + zone);
                })
            .toList();
    int longest = matching.stream().mapToInt(z -> canonical(z.name()).length()).max().orElse(-1);
    return matching.stream().filter(z -> canonical(z.name()).length() == longest).toList();
  }

  /**
   * The node values from ListResourceRecordSets' answer: the record sets of {@code name} and {@code
   * type} with {@code Failover} PRIMARY and SECONDARY.
   *
   * @throws IllegalArgumentException when either is missing, is an alias (its values are the alias
   *     target's, unknown here) or more than one set claims the same role
   */
  static Map<String, List<String>> fromRecordSets(
      List<ResourceRecordSet> sets, String name, String type) {
    String record = canonical(name);
    String wantedType = type.toUpperCase(Locale.ROOT);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (ResourceRecordSetFailover role :
        List.of(ResourceRecordSetFailover.PRIMARY, ResourceRecordSetFailover.SECONDARY)) {
      String node = role == ResourceRecordSetFailover.PRIMARY ? PRIMARY : SECONDARY;
      List<ResourceRecordSet> matching =
          sets.stream()
              .filter(s -> record.equals(canonical(s.name())))
              .filter(s -> wantedType.equals(s.typeAsString()))
              .filter(s -> s.failover() == role)
              .toList();
      if (matching.isEmpty()) {
        throw new IllegalArgumentException(
            "no "
                + role
                + " failover record set "
                + name
                + " "
                + wantedType
                + " (ListResourceRecordSets): pass --node-value "
                + node
                + "=VALUE");
      }
      if (matching.size() > 1) {
        throw new IllegalArgumentException(
            matching.size()
                + " "
                + role
                + " failover record sets "
                + name
                + " "
                + wantedType
                + ": pass --node-value "
                + node
                + "=VALUE");
      }
      ResourceRecordSet set = matching.get(0);
      if (set.aliasTarget() != null || set.resourceRecords().isEmpty()) {
        throw new IllegalArgumentException(
            "the "
                + role
                + " failover record set "
                + name
                + " "
                + wantedType
                + " is an alias"
                + (set.aliasTarget() == null ? "" : " of " + set.aliasTarget().dnsName())
                + ": its addresses are not in Route 53; pass --node-value "
                + node
                + "=VALUE");
      }
      values.put(node, set.resourceRecords().stream().map(ResourceRecord::value).toList());
    }
    return values;
  }

  private static List<ResourceRecordSet> recordSets(
      Route53Client route53, String zoneId, String name, String type) {
    List<ResourceRecordSet> sets = new ArrayList<>();
    String startName = name;
    String startType = type;
    String startIdentifier = null;
    while (true) {
      String n = startName;
      String t = startType;
      String i = startIdentifier;
      ListResourceRecordSetsResponse page =
          route53.listResourceRecordSets(
              r -> r.hostedZoneId(zoneId).startRecordName(n).startRecordType(t).startRecordIdentifier(i));
      sets.addAll(page.resourceRecordSets());
      boolean more =
          Boolean.TRUE.equals(page.isTruncated())
              && page.nextRecordName() != null
              && canonical(page.nextRecordName()).equals(canonical(name))
              && type.equalsIgnoreCase(page.nextRecordTypeAsString());
      if (!more) {
        return sets;
      }
      startName = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
      startIdentifier = page.nextRecordIdentifier();
    }
  }

  /** {@code Z123} from {@code /hostedzone/Z123} or {@code Z123}. */
  static String zoneId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  /** Lower case, no final dot. */
  static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
