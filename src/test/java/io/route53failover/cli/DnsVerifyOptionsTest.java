package io.route53failover.cli;

import static io.route53failover.testing.LoopbackDnsServer.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.operator.RecordAnswer;
import io.route53failover.testing.LoopbackDnsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import picocli.CommandLine;

/** {@code status --verify-dns NAME --resolver IP:PORT --node-value ...} parsed by picocli and run. */
class DnsVerifyOptionsTest {

  private static StatusCommand status(String... args) {
    StatusCommand status = new StatusCommand();
    new CommandLine(status).parseArgs(args);
    return status;
  }

  @Test
  void printsWhichNodeTheRecordAnswers() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.put(new ARecord(name("app.example.test."), DClass.IN, 10, InetAddress.getByName("192.0.2.20")));
      StatusCommand status =
          status(
              "--health-check-id", "abc",
              "--verify-dns", "app.example.test",
              "--resolver", dns.address(),
              "--node-value", "primary=192.0.2.10",
              "--node-value", "secondary=192.0.2.20");
      StringWriter text = new StringWriter();

      // node values given: Route 53 is not asked
      status.dns.printIfAsked(null, new PrintWriter(text, true));

      assertThat(text.toString().strip()).isEqualTo("dns: app.example.test A -> 192.0.2.20 (secondary)");
      RecordAnswer answer = status.dns.answer(null);
      assertThat(answer.valuesByNode())
          .containsExactly(
              Map.entry("primary", List.of("192.0.2.10")), Map.entry("secondary", List.of("192.0.2.20")));
      Map<String, Object> json = DnsVerifyOptions.fields(answer, answer.resolve());
      assertThat(json.keySet()).containsExactly("name", "type", "values", "node", "problem");
      assertThat(json)
          .containsEntry("name", "app.example.test")
          .containsEntry("type", "A")
          .containsEntry("values", List.of("192.0.2.20"))
          .containsEntry("node", "secondary")
          .containsEntry("problem", null);
    }
  }

  @Test
  void withoutVerifyDnsNothingIsAskedOrPrinted() throws Exception {
    StatusCommand status = status("--health-check-id", "abc");
    StringWriter text = new StringWriter();

    status.dns.printIfAsked(null, new PrintWriter(text, true));

    assertThat(status.dns.asked()).isFalse();
    assertThat(status.dns.answer(null)).isNull();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void theResolverIsAnIpAddressAndAPort() throws Exception {
    assertThat(DnsVerifyOptions.resolverAddress("127.0.0.1:5353"))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5353));
    assertThat(DnsVerifyOptions.resolverAddress("[::1]:53"))
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 53));
    for (String bad : List.of("127.0.0.1", ":53", "resolver.example:53", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x")) {
      assertThatThrownBy(() -> DnsVerifyOptions.resolverAddress(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--resolver must be")
          .hasMessageContaining(bad);
    }
  }
}
