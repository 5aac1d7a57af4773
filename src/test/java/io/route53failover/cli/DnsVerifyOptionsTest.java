package io.route53failover.cli;

import static io.route53failover.testing.LoopbackDnsServer.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.LoopbackDnsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import picocli.CommandLine;

/** {@code status --verify-dns NAME --resolver IP:PORT --node-value ...} parsed by picocli and run. */
class DnsVerifyOptionsTest {

  @Test
  void printsWhichNodeTheRecordAnswers() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.put(new ARecord(name("app.example.test."), DClass.IN, 10, InetAddress.getByName("192.0.2.20")));
      StatusCommand status = new StatusCommand();
      new CommandLine(status)
          .parseArgs(
              "--health-check-id", "abc",
              "--verify-dns", "app.example.test",
              "--resolver", dns.address(),
              "--node-value", "primary=192.0.2.10",
              "--node-value", "secondary=192.0.2.20");
      StringWriter text = new StringWriter();

      status.dns.printIfAsked(new PrintWriter(text, true));

      assertThat(text.toString().strip()).isEqualTo("dns: app.example.test A -> 192.0.2.20 (secondary)");
    }
  }
}
