package io.route53failover.healthcheck;

import static io.route53failover.testing.LoopbackDnsServer.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;

/** {@link DnsProber} against a DNS server on 127.0.0.1 started by the test. */
class DnsProberIT {

  private static LoopbackDnsServer dns;
  private final DnsProber prober = new DnsProber();

  @BeforeAll
  static void startServer() throws Exception {
    dns = LoopbackDnsServer.start();
    dns.put(
        a("app.example.test.", 300, "192.0.2.10"),
        a("app.example.test.", 300, "192.0.2.11"),
        new AAAARecord(name("app.example.test."), DClass.IN, 60, InetAddress.getByName("2001:db8::1")),
        new CNAMERecord(name("www.example.test."), DClass.IN, 120, name("edge.example.test.")),
        new CNAMERecord(name("edge.example.test."), DClass.IN, 45, name("app.example.test.")));
    dns.servfail("broken.example.test.");
    dns.silent("silent.example.test.");
    dns.put(new CNAMERecord(name("empty.example.test."), DClass.IN, 30, name("app.example.test.")));
  }

  @AfterAll
  static void stopServer() throws Exception {
    dns.close();
  }

  private static ARecord a(String owner, long ttl, String ip) throws Exception {
    return new ARecord(name(owner), DClass.IN, ttl, InetAddress.getByName(ip));
  }

  private DnsTarget target(String host, String type, List<String> expected, String match) {
    return new DnsTarget("t", host, type, dns.address(), expected, match, 1_000, null, null, null);
  }

  private ProbeResult probe(DnsTarget target) {
    return prober.probe(target, Duration.ofMillis(target.timeoutMs()));
  }

  @Test
  void anyMatchesWhenOneExpectedValueIsInTheAnswerAndReadsTheTtl() {
    ProbeResult result = probe(target("app.example.test", "A", List.of("192.0.2.11", "192.0.2.99"), null));

    assertThat(result.healthy()).isTrue();
    assertThat(result.reason()).isEqualTo("ok");
    assertThat(result.dnsTtl()).isEqualTo(300L);
    assertThat(result.answer()).isEqualTo("192.0.2.10,192.0.2.11");
    assertThat(result.latencyMs()).isNotNull();
  }

  @Test
  void exactNeedsTheSameSetAndTheMismatchShowsTheAnswerSeen() {
    assertThat(probe(target("app.example.test", "A", List.of("192.0.2.11", "192.0.2.10"), "exact")).healthy())
        .isTrue();

    ProbeResult subset = probe(target("app.example.test", "A", List.of("192.0.2.10"), "exact"));
    assertThat(subset.healthy()).isFalse();
    assertThat(subset.reason()).isEqualTo("answer mismatch");
    assertThat(subset.answer()).isEqualTo("192.0.2.10,192.0.2.11");
    assertThat(subset.dnsTtl()).isEqualTo(300L);

    ProbeResult none = probe(target("app.example.test", "A", List.of("192.0.2.99"), "any"));
    assertThat(none.reason()).isEqualTo("answer mismatch");
  }

  @Test
  void ipv6AnswersCompareAsAddressesNotAsText() {
    DnsTarget target = target("app.example.test", "AAAA", List.of("2001:DB8:0::0:1"), "exact");
    assertThat(probe(target).healthy()).isTrue();
  }

  @Test
  void withoutExpectedAnswersTheNameMustResolve() {
    assertThat(probe(target("app.example.test", "A", null, null)).healthy()).isTrue();
  }

  @Test
  void aCnameChainIsFollowedAndTheTtlIsTheChainsSmallest() {
    ProbeResult result = probe(target("www.example.test", "A", List.of("192.0.2.10"), null));

    assertThat(result.healthy()).isTrue();
    assertThat(result.dnsTtl()).isEqualTo(45L);

    ProbeResult alias = probe(target("www.example.test", "CNAME", List.of("EDGE.example.test."), "exact"));
    assertThat(alias.healthy()).isTrue();
    assertThat(alias.answer()).isEqualTo("edge.example.test");
  }

  @Test
  void anAliasAnsweredAloneIsQueriedAgainAtItsEnd() {
    dns.aliasesOnly(true);
    try {
      ProbeResult result = probe(target("www.example.test", "A", List.of("192.0.2.11"), null));
      assertThat(result.healthy()).isTrue();
      assertThat(result.dnsTtl()).isEqualTo(45L);
    } finally {
      dns.aliasesOnly(false);
    }
  }

  @Test
  void nxdomainServfailAndNoAnswerAreNamed() {
    ProbeResult nx = probe(target("missing.example.test", "A", null, null));
    assertThat(nx.healthy()).isFalse();
    assertThat(nx.reason()).isEqualTo("nxdomain");
    assertThat(nx.dnsTtl()).isNull();

    assertThat(probe(target("broken.example.test", "A", null, null)).reason()).isEqualTo("servfail");
    assertThat(probe(target("app.example.test", "CNAME", null, null)).reason()).isEqualTo("no answer");
  }

  @Test
  void aSilentServerIsATimeoutWithinTheProbesTimeout() {
    DnsTarget target = new DnsTarget("t", "silent.example.test", null, dns.address(), null, null, 300, null, null, null);
    long start = System.nanoTime();

    ProbeResult result = probe(target);

    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).isEqualTo("timeout");
    assertThat(result.latencyMs()).isNull();
    assertThat(tookMs).isBetween(250L, 2_000L);
  }

  @Test
  void aSlowAnswerOverMaxLatencyIsSlowButKeepsItsLatency() {
    DnsTarget target =
        new DnsTarget("t", "app.example.test", null, dns.address(), null, null, 1_000, null, 1, null);
    // every answer takes at least 0 ms; a prober reporting 5 ms stands in for a slow server
    TargetProber targetProber =
        new TargetProber(
            (t, timeout) -> {
              throw new AssertionError();
            },
            (t, timeout) -> {
              throw new AssertionError();
            },
            (t, timeout) -> {
              ProbeResult real = prober.probe(t, timeout);
              return new ProbeResult(real.name(), real.healthy(), 5L, real.reason(), real.dnsTtl(), null, real.answer());
            });

    ProbeResult result = targetProber.probe(target, Duration.ofSeconds(1));

    assertThat(result.healthy()).isFalse();
    assertThat(result.reason()).isEqualTo("slow");
    assertThat(result.latencyMs()).isEqualTo(5L);
    assertThat(result.dnsTtl()).isEqualTo(300L);
  }
}
