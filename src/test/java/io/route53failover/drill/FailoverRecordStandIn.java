package io.route53failover.drill;

import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.LockStatus;
import io.route53failover.failover.Route53HealthCheckStore;
import io.route53failover.testing.LoopbackDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

/**
 * Route 53's answer for an A failover record, played by a DNS server on 127.0.0.1 for the drill
 * ITs: moto stores record sets but answers no DNS queries and never evaluates health. At every
 * query the stand-in reads the record sets from moto (ListResourceRecordSets in the zone) and the
 * lock state of the {@code PRIMARY} set's own {@code HealthCheckId} (GetHealthCheck and tags,
 * through {@link HealthCheckLock#status}: a {@code ResourcePath} lock or a gate's {@code
 * HealthThreshold} lock), and answers the {@code PRIMARY} set's values while that check is not
 * locked, else the {@code SECONDARY} set's, with the set's TTL. Only a lock counts as unhealthy: a
 * check moto cannot evaluate (a {@code CLOUDWATCH_METRIC} check, say) keeps the primary.
 *
 * <p>What it stands in for, and so does not prove: Route 53's own health evaluation (its checkers
 * seeing the locked path fail, the failover record's health check following it), its propagation to
 * the Resolver, and the Resolver's caching for the TTL. Each answer change is in {@link #changes()}.
 */
final class FailoverRecordStandIn implements AutoCloseable {
  private final LoopbackDnsServer dns;
  private final Route53Client route53;
  private final String zoneId;
  private final String name;
  private final HealthCheckLock lock;
  private final List<String> changes = new CopyOnWriteArrayList<>();
  private volatile String last;

  /**
   * @param route53 a client on moto
   * @param zoneId the hosted zone holding the failover record sets
   * @param name the record's name
   */
  FailoverRecordStandIn(Route53Client route53, String zoneId, String name) throws IOException {
    this.route53 = route53;
    this.zoneId = zoneId;
    this.name = name;
    // the failed-over path matters for ResourcePath locks only; the template's default
    this.lock =
        new HealthCheckLock(
            new Route53HealthCheckStore(route53),
            io.route53failover.failover.FailoverConfig.DEFAULT_FAILED_OVER_PATH);
    this.dns = LoopbackDnsServer.start();
    dns.answerFrom(name.endsWith(".") ? name : name + ".", this::answer);
  }

  /** {@code 127.0.0.1:<port>}, for {@code --resolver}. */
  String address() {
    return dns.address();
  }

  /** Every change of the answer, e.g. {@code 192.0.2.10 → 192.0.2.11 (health check ... locked: ...)}. */
  List<String> changes() {
    return List.copyOf(changes);
  }

  private List<Record> answer() {
    List<ResourceRecordSet> sets =
        route53
            .listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(name).startRecordType("A"))
            .resourceRecordSets()
            .stream()
            .filter(s -> canonical(s.name()).equals(canonical(name)) && "A".equals(s.typeAsString()))
            .toList();
    String healthCheckId = set(sets, ResourceRecordSetFailover.PRIMARY).healthCheckId();
    LockStatus status = lock.status(healthCheckId);
    ResourceRecordSetFailover role =
        status.locked() ? ResourceRecordSetFailover.SECONDARY : ResourceRecordSetFailover.PRIMARY;
    ResourceRecordSet set = set(sets, role);
    List<Record> records = new ArrayList<>();
    for (var value : set.resourceRecords()) {
      try {
        records.add(
            new ARecord(
                LoopbackDnsServer.name(canonical(name) + "."),
                DClass.IN,
                set.ttl(),
                InetAddress.getByName(value.value())));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    String now = set.resourceRecords().stream().map(v -> v.value()).toList().toString();
    if (!now.equals(last)) {
      changes.add(
          (last == null ? "" : last + " → ")
              + now
              + " ("
              + role
              + "; health check "
              + healthCheckId
              + " "
              + (status.locked() ? "locked: " + status.lockDescription() : "not locked")
              + ")");
      last = now;
    }
    return records;
  }

  private ResourceRecordSet set(List<ResourceRecordSet> sets, ResourceRecordSetFailover role) {
    return sets.stream()
        .filter(s -> s.failover() == role)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + role + " set for " + name));
  }

  private static String canonical(String n) {
    String lower = n.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  @Override
  public void close() throws IOException {
    dns.close();
  }
}
