package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.testing.Cli;
import io.route53failover.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}: every error of a file, exit codes, and {@code --probe} on loopback targets. */
class ValidateCommandTest {
  @TempDir Path dir;

  private Path file(String name, String json) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, json);
    return f;
  }

  @Test
  void aGoodFileIsValid() throws Exception {
    Path good =
        file(
            "good.json",
            "[{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"192.0.2.5\",\"port\":5432},"
                + "{\"name\":\"api\",\"type\":\"https\",\"url\":\"https://192.0.2.7/health\"}]");
    Cli.Run run = Cli.inProcess("validate", "--file", good.toString());
    System.out.println("[validate good]\n$ route53-failover validate --file good.json\n" + run.out() + "exit " + run.code());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(good + ": valid, 2 targets" + System.lineSeparator());
  }

  @Test
  void aFileWithThreeErrorsPrintsAllThreeAndExits1() throws Exception {
    Path bad =
        file(
            "bad.json",
            "[{\"name\":\"db\",\"type\":\"tcp\",\"host\":\"192.0.2.5\",\"port\":70000},"
                + "{\"name\":\"api\",\"type\":\"https\",\"url\":\"http://192.0.2.7/health\"},"
                + "{\"name\":\"ok\",\"type\":\"tcp\",\"host\":\"192.0.2.8\",\"port\":22},"
                + "{\"name\":\"ok\",\"type\":\"tcp\",\"host\":\"192.0.2.9\",\"port\":5432}]");
    Cli.Run run = Cli.inProcess("validate", "--file", bad.toString());
    System.out.println("[validate bad]\n$ route53-failover validate --file bad.json\n" + run.out() + "exit " + run.code());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            bad + ": target \"db\" (index 0): field \"port\": must be 1-65535, was 70000",
            bad + ": target \"api\" (index 1): field \"url\": scheme must be https for type https, was http",
            bad + ": target \"ok\" (index 3): field \"name\": duplicate name; already used by target \"ok\" (index 2)",
            bad + ": 3 errors");
  }

  @Test
  void anUnreadableFileIsAUsageError() {
    Cli.Run run = Cli.inProcess("validate", "--file", dir.resolve("missing.json").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--file: cannot read");
  }

  @Test
  void probePrintsATableOfNameResultLatencyAndReason() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
      int refused = FreePorts.closedLoopbackPort();
      Path f =
          file(
              "loopback.json",
              "[{\"name\":\"up\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":"
                  + listening.getLocalPort()
                  + "},{\"name\":\"down\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":"
                  + refused
                  + ",\"timeoutMs\":1000}]");
      Cli.Run run = Cli.inProcess("validate", "--file", f.toString(), "--probe");
      System.out.println("[validate probe]\n" + run.out());
      assertThat(run.code()).isZero();
      assertThat(run.out().lines().toList())
          .hasSize(4)
          .satisfies(l -> assertThat(l.get(1)).matches("NAME +TYPE +RESULT +LATENCY +REASON +DETAIL"))
          .satisfies(l -> assertThat(l.get(2)).matches("up +tcp +healthy +\\d+ ms +ok"))
          .satisfies(l -> assertThat(l.get(3)).matches("down +tcp +unhealthy +(\\d+ ms|-) +refused"));
    }
  }

  @Test
  void theDetailColumnShowsWhatEachTypeAdds() {
    var tcp = new io.route53failover.healthcheck.TcpTarget("t", "192.0.2.1", 1, null, null, null, 2);
    var dns =
        io.route53failover.healthcheck.TargetsParser.parse(
                "[{\"name\":\"d\",\"type\":\"dns\",\"host\":\"a.example\"}]")
            .getFirst();
    var healthy = io.route53failover.healthcheck.ProbeResult.healthy("x", 1);

    assertThat(ValidateCommand.detail(tcp, healthy.withTries(3))).isEqualTo("tries=3");
    assertThat(ValidateCommand.detail(dns, healthy)).isEmpty();
    assertThat(
            ValidateCommand.detail(
                dns, new io.route53failover.healthcheck.ProbeResult("d", true, 1L, "ok", 30L, null, "192.0.2.9")))
        .isEqualTo("answer=192.0.2.9 ttl=30s");
    assertThat(ValidateCommand.detail(dns, healthy.withCertDays(9.96))).isEqualTo("cert=10.0d");
  }
}
