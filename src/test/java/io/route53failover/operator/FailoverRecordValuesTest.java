package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.paginators.ListHostedZonesIterable;

/**
 * {@link FailoverRecordValues}: the node values from Route 53's record sets, in the shapes
 * ListHostedZones and ListResourceRecordSets return (names with the final dot, zone ids with
 * {@code /hostedzone/}).
 */
class FailoverRecordValuesTest {
  private static final String NAME = "service.internal.example.com";

  static ResourceRecordSet set(String name, RRType type, ResourceRecordSetFailover role, String... values) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .setIdentifier(role == null ? null : role.toString().toLowerCase())
        .failover(role)
        .ttl(60L)
        .resourceRecords(Arrays.stream(values).map(v -> ResourceRecord.builder().value(v).build()).toList())
        .build();
  }

  static List<ResourceRecordSet> failoverPair(String name) {
    return List.of(
        set(name + ".", RRType.A, ResourceRecordSetFailover.PRIMARY, "192.0.2.10"),
        set(name + ".", RRType.A, ResourceRecordSetFailover.SECONDARY, "192.0.2.11", "192.0.2.12"));
  }

  static HostedZone zone(String id, String name) {
    return HostedZone.builder().id("/hostedzone/" + id).name(name).callerReference(id).build();
  }

  @Test
  void primaryAndSecondaryValuesComeFromTheFailoverSetsOfThatNameAndType() {
    List<ResourceRecordSet> sets = new ArrayList<>(failoverPair(NAME));
    sets.add(set("Service.Internal.Example.com.", RRType.AAAA, ResourceRecordSetFailover.PRIMARY, "2001:db8::10"));
    sets.add(set("other.internal.example.com.", RRType.A, ResourceRecordSetFailover.PRIMARY, "192.0.2.99"));

    Map<String, List<String>> values = FailoverRecordValues.fromRecordSets(sets, NAME, "a");

    assertThat(values).containsExactly(
        Map.entry("primary", List.of("192.0.2.10")),
        Map.entry("secondary", List.of("192.0.2.11", "192.0.2.12")));
    assertThatThrownBy(
            () -> FailoverRecordValues.fromRecordSets(sets, "SERVICE.internal.example.com.", "AAAA"))
        .as("the AAAA set has no SECONDARY")
        .hasMessageStartingWith("no SECONDARY failover record set SERVICE.internal.example.com. AAAA");
  }

  @Test
  void aMissingRoleAnAliasOrTwoSetsOfOneRoleAskForNodeValue() {
    List<ResourceRecordSet> primaryOnly = List.of(failoverPair(NAME).get(0));
    assertThatThrownBy(() -> FailoverRecordValues.fromRecordSets(primaryOnly, NAME, "A"))
        .hasMessage(
            "no SECONDARY failover record set service.internal.example.com A"
                + " (ListResourceRecordSets): pass --node-value secondary=VALUE");
    List<ResourceRecordSet> plain = List.of(set(NAME + ".", RRType.A, null, "192.0.2.10"));
    assertThatThrownBy(() -> FailoverRecordValues.fromRecordSets(plain, NAME, "A"))
        .hasMessageStartingWith("no PRIMARY failover record set");

    ResourceRecordSet alias =
        ResourceRecordSet.builder()
            .name(NAME + ".")
            .type(RRType.A)
            .failover(ResourceRecordSetFailover.PRIMARY)
            .aliasTarget(AliasTarget.builder().dnsName("lb-1.elb.example.").hostedZoneId("Z1").build())
            .build();
    List<ResourceRecordSet> aliased = List.of(alias, failoverPair(NAME).get(1));
    assertThatThrownBy(() -> FailoverRecordValues.fromRecordSets(aliased, NAME, "A"))
        .hasMessage(
            "the PRIMARY failover record set service.internal.example.com A is an alias of"
                + " lb-1.elb.example.: its addresses are not in Route 53; pass --node-value"
                + " primary=VALUE");

    List<ResourceRecordSet> twice = new ArrayList<>(failoverPair(NAME));
    twice.add(set(NAME + ".", RRType.A, ResourceRecordSetFailover.SECONDARY, "192.0.2.13"));
    assertThatThrownBy(() -> FailoverRecordValues.fromRecordSets(twice, NAME, "A"))
        .hasMessage(
            "2 SECONDARY failover record sets service.internal.example.com A: pass --node-value"
                + " secondary=VALUE");
  }

  @Test
  void theZoneIsTheLongestSuffixOnLabelBoundaries() {
    HostedZone com = zone("Z1", "example.com.");
    HostedZone internal = zone("Z2", "internal.example.com.");
    HostedZone internalPublic = zone("Z3", "Internal.Example.com");
    HostedZone lookalike = zone("Z4", "ernal.example.com.");

    assertThat(FailoverRecordValues.zonesFor(List.of(com, lookalike, internal, internalPublic), NAME))
        .containsExactly(internal, internalPublic);
    assertThat(FailoverRecordValues.zonesFor(List.of(com, lookalike), NAME)).containsExactly(com);
    assertThat(FailoverRecordValues.zonesFor(List.of(com), "example.com.")).containsExactly(com);
    assertThat(FailoverRecordValues.zonesFor(List.of(internal), "example.com")).isEmpty();
  }

  // ---- read: the Route 53 calls, on a client that answers in Route 53's shapes

  private static Route53Client route53(List<HostedZone> zones, Map<String, List<ResourceRecordSet>> setsByZone) {
    Route53Client route53 = mock(Route53Client.class);
    when(route53.listHostedZones(any(ListHostedZonesRequest.class)))
        .thenReturn(ListHostedZonesResponse.builder().hostedZones(zones).isTruncated(false).build());
    when(route53.listHostedZonesPaginator())
        .thenAnswer(i -> new ListHostedZonesIterable(route53, ListHostedZonesRequest.builder().build()));
    when(route53.listResourceRecordSets(any(ListResourceRecordSetsRequest.class)))
        .thenAnswer(
            i -> {
              ListResourceRecordSetsRequest r = i.getArgument(0);
              return ListResourceRecordSetsResponse.builder()
                  .resourceRecordSets(setsByZone.getOrDefault(r.hostedZoneId(), List.of()))
                  .isTruncated(false)
                  .build();
            });
    when(route53.listResourceRecordSets(any(java.util.function.Consumer.class))).thenCallRealMethod();
    return route53;
  }

  @Test
  void readFindsTheZoneThatHoldsTheFailoverSets() {
    Route53Client route53 =
        route53(
            List.of(zone("Z1", "example.com."), zone("Z2", "internal.example.com."), zone("Z3", "internal.example.com.")),
            Map.of("Z3", failoverPair(NAME), "Z1", failoverPair(NAME)));

    assertThat(FailoverRecordValues.read(route53, null, NAME, "A"))
        .containsEntry("primary", List.of("192.0.2.10"))
        .containsKey("secondary");
    assertThat(FailoverRecordValues.read(route53, "/hostedzone/Z1", NAME, "A")).containsKey("primary");
    assertThatThrownBy(() -> FailoverRecordValues.read(route53, "Z2", NAME, "A"))
        .hasMessageStartingWith("no PRIMARY failover record set");
  }

  @Test
  void readRefusesWhenNoZoneOrSeveralZonesHoldTheRecord() {
    Route53Client none = route53(List.of(zone("Z1", "example.org.")), Map.of());
    assertThatThrownBy(() -> FailoverRecordValues.read(none, null, NAME, "A"))
        .hasMessageContaining("no hosted zone holds service.internal.example.com")
        .hasMessageContaining("--hosted-zone-id");

    Route53Client empty = route53(List.of(zone("Z2", "internal.example.com.")), Map.of());
    assertThatThrownBy(() -> FailoverRecordValues.read(empty, null, NAME, "A"))
        .hasMessageStartingWith("Z2: no PRIMARY failover record set");

    Route53Client both =
        route53(
            List.of(zone("Z2", "internal.example.com."), zone("Z3", "internal.example.com.")),
            Map.of("Z2", failoverPair(NAME), "Z3", failoverPair(NAME)));
    assertThatThrownBy(() -> FailoverRecordValues.read(both, null, NAME, "A"))
        .hasMessage(
            "several hosted zones hold failover records service.internal.example.com A (Z2, Z3):"
                + " pass --hosted-zone-id");
  }
}
