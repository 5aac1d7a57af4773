package io.route53failover.operator;

import static io.route53failover.testing.LoopbackDnsServer.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;

/** {@link RecordAnswer} against a loopback DNS server whose answer moves between nodes. */
class RecordAnswerTest {

  private static ARecord a(String ip) throws Exception {
    return new ARecord(name("app.example.test."), DClass.IN, 10, InetAddress.getByName(ip));
  }

  @Test
  void namesTheNodeTheRecordAnswersAndSeesItMove() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.put(a("192.0.2.10"));
      RecordAnswer answer =
          new RecordAnswer(
              "app.example.test",
              "A",
              new InetSocketAddress("127.0.0.1", dns.port()),
              Map.of("primary", "192.0.2.10", "secondary", "192.0.2.20"));

      RecordAnswer.Seen before = answer.resolve(Duration.ofSeconds(1));
      assertThat(before.node()).isEqualTo("primary");
      assertThat(before.describe("app.example.test", "A")).isEqualTo("app.example.test A -> 192.0.2.10 (primary)");

      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  Thread.sleep(300);
                  dns.clear("app.example.test.");
                  dns.put(a("192.0.2.20"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      RecordAnswer.Seen after = answer.waitFor("secondary", Duration.ofSeconds(5), Duration.ofMillis(50));
      assertThat(after.node()).isEqualTo("secondary");
      assertThat(after.values()).containsExactly("192.0.2.20");

      RecordAnswer.Seen stuck = answer.waitFor("primary", Duration.ofMillis(300), Duration.ofMillis(50));
      assertThat(stuck.node()).isEqualTo("secondary");

      dns.clear("app.example.test.");
      assertThat(answer.resolve(Duration.ofSeconds(1)).problem()).isEqualTo("nxdomain");
    }
  }
}
