package io.route53failover.operator;

import static io.route53failover.testing.LoopbackDnsServer.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;

/** {@link RecordAnswer} against a loopback DNS server whose answer moves between nodes. */
class RecordAnswerTest {
  private static final Map<String, List<String>> NODES =
      Map.of("primary", List.of("192.0.2.10"), "secondary", List.of("192.0.2.20"));

  private static ARecord a(String ip) throws Exception {
    return new ARecord(name("app.example.test."), DClass.IN, 10, InetAddress.getByName(ip));
  }

  private static RecordAnswer answer(LoopbackDnsServer dns, String type, Map<String, List<String>> nodes)
      throws Exception {
    return new RecordAnswer(
        "app.example.test", type, new InetSocketAddress("127.0.0.1", dns.port()), nodes);
  }

  @Test
  void namesTheNodeTheRecordAnswersAndSeesItMove() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.put(a("192.0.2.10"));
      RecordAnswer answer = answer(dns, "A", NODES);

      RecordAnswer.Seen before = answer.resolve();
      assertThat(answer.record()).isEqualTo("app.example.test A");
      assertThat(before.node()).isEqualTo("primary");
      assertThat(before.describe(answer.record())).isEqualTo("app.example.test A -> 192.0.2.10 (primary)");

      dns.clear("app.example.test.");
      dns.put(a("192.0.2.20"));
      RecordAnswer.Seen after = answer.resolve();
      assertThat(after.node()).isEqualTo("secondary");
      assertThat(after.values()).containsExactly("192.0.2.20");
      assertThat(after.answer()).isEqualTo("192.0.2.20");

      dns.clear("app.example.test.");
      dns.put(a("198.51.100.7"));
      RecordAnswer.Seen other = answer.resolve();
      assertThat(other.node()).isNull();
      assertThat(other.nodeOrUnknown()).isEqualTo("unknown");
      assertThat(other.describe("r A")).isEqualTo("r A -> 198.51.100.7 (no node)");

      dns.clear("app.example.test.");
      RecordAnswer.Seen gone = answer.resolve(Duration.ofSeconds(1));
      assertThat(gone.problem()).isEqualTo("nxdomain");
      assertThat(gone.answer()).isEqualTo("nxdomain");
      assertThat(gone.nodeOrUnknown()).isEqualTo("unknown");
      assertThat(gone.describe("r A")).isEqualTo("r A -> nxdomain");

      dns.servfail("app.example.test.");
      assertThat(answer.resolve().problem()).isEqualTo("servfail");
    }
  }

  @Test
  void aNodeWithSeveralValuesMatchesAnyAndTheFirstNodeGivenWins() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.put(a("192.0.2.11"), a("192.0.2.20"));
      Map<String, List<String>> nodes = new LinkedHashMap<>();
      nodes.put("primary", List.of("192.0.2.10", "192.0.2.11"));
      nodes.put("secondary", List.of("192.0.2.20"));

      RecordAnswer.Seen seen = answer(dns, "A", nodes).resolve();

      assertThat(seen.node()).isEqualTo("primary");
      assertThat(seen.values()).containsExactly("192.0.2.11", "192.0.2.20");
      assertThat(seen.answer()).isEqualTo("192.0.2.11,192.0.2.20");
    }
  }

  @Test
  void ipv6AndCnameValuesAreComparedInCanonicalForm() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.put(
          new AAAARecord(name("app.example.test."), DClass.IN, 10, InetAddress.getByName("2001:db8::20")));
      RecordAnswer six =
          answer(dns, "AAAA", Map.of("secondary", List.of("2001:DB8:0:0:0:0:0:20")));
      assertThat(six.resolve().node()).isEqualTo("secondary");
      assertThat(six.record()).isEqualTo("app.example.test AAAA");

      dns.clear("app.example.test.");
      dns.put(new CNAMERecord(name("app.example.test."), DClass.IN, 10, name("Secondary.Example.Test.")));
      RecordAnswer cname =
          answer(dns, "CNAME", Map.of("primary", List.of("primary.example.test"), "secondary", List.of("secondary.example.test.")));
      RecordAnswer.Seen seen = cname.resolve();
      assertThat(seen.values()).containsExactly("secondary.example.test");
      assertThat(seen.node()).isEqualTo("secondary");
    }
  }

  @Test
  void aSilentServerIsNoAnswerAndOtherTypesAreRefused() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.silent("app.example.test.");
      RecordAnswer.Seen seen = answer(dns, "A", NODES).resolve(Duration.ofMillis(300));
      assertThat(seen.problem()).startsWith("no answer");
      assertThat(seen.values()).isEmpty();

      assertThatThrownBy(() -> answer(dns, "MX", NODES))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("record type must be A, AAAA or CNAME, was MX");
    }
  }
}
