package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.AwsClients;
import io.route53failover.healthcheck.DnsTarget;
import io.route53failover.healthcheck.HttpTarget;
import io.route53failover.healthcheck.TcpTarget;
import io.route53failover.testing.Cli;
import io.route53failover.testing.FreePorts;
import io.route53failover.testing.LoopbackDnsServer;
import io.route53failover.testing.MotoServer;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code validate --probe} through the CLI's entry point over a targets file that uses every type
 * and every field of every type (checked against the records' components), against servers the
 * test starts on 127.0.0.1: TCP listeners, two HTTP and two HTTPS MockWebServers (okhttp-tls
 * certificates, one valid for 10 days), a {@link LoopbackDnsServer}, and moto_server holding the
 * SecureString a header value names ({@code fromParameter}). The table's rows are asserted and
 * printed; the parameter's value reaches the server as the header and is not in the output.
 */
class ValidateProbeIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String SECRET = "Bearer vp-5e0b2c91";
  private static final String PARAMETER = "/route53-failover/headers/api-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static MockWebServer https(HeldCertificate ca, long validMillis) throws Exception {
    long now = System.currentTimeMillis();
    HeldCertificate leaf =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("127.0.0.1")
            .validityInterval(now - 60_000, now + validMillis)
            .signedBy(ca)
            .build();
    MockWebServer server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(leaf, ca.certificate())
            .build()
            .sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  private static final String CA_PARAMETER = "/route53-failover/ca-bundle";

  private void putParameter(String name, ParameterType type, String value) {
    Map<String, String> env =
        Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", "us-east-1");
    try (SsmClient ssm = AwsClients.newSsmClient(env)) {
      ssm.putParameter(r -> r.name(name).type(type).overwrite(true).value(value));
    }
  }

  private void putSecret() {
    putParameter(PARAMETER, ParameterType.SECURE_STRING, SECRET);
  }

  @Test
  void everyTypeAndEveryFieldAgainstLoopbackServers() throws Exception {
    putSecret();
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("validate IT CA").build();
    putParameter(CA_PARAMETER, ParameterType.STRING, ca.certificatePem());
    try (ServerSocket tcp = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        MockWebServer http = new MockWebServer();
        MockWebServer head = new MockWebServer();
        MockWebServer tenDays = https(ca, 10L * 86_400_000L);
        MockWebServer untrusted = https(ca, 30L * 86_400_000L);
        LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      http.start(InetAddress.getByName("127.0.0.1"), 0);
      http.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body("{\"status\":\"UP\",\"checks\":{\"db\":{\"status\":\"UP\"}},\"replicas\":3}")
              .build());
      head.start(InetAddress.getByName("127.0.0.1"), 0);
      head.enqueue(new MockResponse.Builder().code(204).build());
      tenDays.enqueue(new MockResponse.Builder().code(200).body("pong").build());
      untrusted.enqueue(new MockResponse.Builder().code(200).body("private").build());
      dns.put(
          new ARecord(LoopbackDnsServer.name("app.example.test."), DClass.IN, 60, InetAddress.getByName("192.0.2.10")),
          new AAAARecord(LoopbackDnsServer.name("app.example.test."), DClass.IN, 120, InetAddress.getByName("2001:db8::10")),
          new CNAMERecord(LoopbackDnsServer.name("www.example.test."), DClass.IN, 300, LoopbackDnsServer.name("app.example.test.")));
      int refused = FreePorts.closedLoopbackPort();
      String targets =
          """
          [
            {"name": "db", "type": "tcp", "host": "127.0.0.1", "port": %1$d, "timeoutMs": 2000,
             "metricName": "DbUp", "maxLatencyMs": 1500, "retries": 0},
            {"name": "db-down", "type": "tcp", "host": "127.0.0.1", "port": %2$d, "timeoutMs": 1000,
             "retries": 2},
            {"name": "api", "type": "http", "url": "http://127.0.0.1:%3$d/health?full=1",
             "timeoutMs": 3000, "expectedStatus": "200-299", "expectedBody": "UP",
             "metricName": "ApiUp", "expectedJson": {"/status": "UP", "/checks/db/status": "UP", "/replicas": 3},
             "maxLatencyMs": 2500, "method": "GET", "retries": 1,
             "headers": {"Host": "api.example.test", "Authorization": {"fromParameter": "%4$s"}}},
            {"name": "api-head", "type": "http", "url": "http://127.0.0.1:%8$d/", "method": "HEAD",
             "expectedStatus": 204},
            {"name": "edge", "type": "https", "url": "https://127.0.0.1:%5$d/ping", "tlsVerify": false,
             "expectedStatus": 200, "expectedBody": "pong", "timeoutMs": 3000, "metricName": "EdgeUp",
             "maxLatencyMs": 2500, "method": "GET", "retries": 0,
             "headers": {"X-Probe": "validate"}},
            {"name": "edge-verified", "type": "https", "url": "https://127.0.0.1:%6$d/", "timeoutMs": 2000},
            {"name": "edge-private", "type": "https", "url": "https://127.0.0.1:%6$d/", "caBundle": true,
             "caBundleOnly": true, "expectedBody": "private"},
            {"name": "app-a", "type": "dns", "host": "app.example.test", "recordType": "A",
             "resolver": "%7$s", "expectedAnswers": ["192.0.2.10"], "match": "exact",
             "timeoutMs": 2000, "metricName": "AppRecord", "maxLatencyMs": 1500, "retries": 1},
            {"name": "app-aaaa", "type": "dns", "host": "app.example.test", "recordType": "AAAA",
             "resolver": "%7$s", "expectedAnswers": ["2001:db8::10", "2001:db8::11"], "match": "any"},
            {"name": "www-cname", "type": "dns", "host": "www.example.test", "recordType": "CNAME",
             "resolver": "%7$s", "expectedAnswers": ["app.example.test"]},
            {"name": "gone", "type": "dns", "host": "gone.example.test", "resolver": "%7$s", "timeoutMs": 1000}
          ]
          """
              .formatted(
                  tcp.getLocalPort(),
                  refused,
                  http.getPort(),
                  PARAMETER,
                  tenDays.getPort(),
                  untrusted.getPort(),
                  dns.address(),
                  head.getPort());
      assertUsesEveryField(targets);
      Path file = dir.resolve("targets.json");
      Files.writeString(file, targets);

      Cli.Run run =
          Cli.onEndpoint(
              MOTO.endpoint(), "validate", "--file", file.toString(), "--probe", "--region", "us-east-1",
              "--ca-bundle-parameter", CA_PARAMETER);
      System.out.println(
          "[validate --probe, every type and field]\n$ route53-failover validate --file targets.json"
              + " --probe --region us-east-1 --endpoint-url <moto> --ca-bundle-parameter "
              + CA_PARAMETER + "\n"
              + run.out().replace(file.toString(), "targets.json")
              + "exit "
              + run.code());

      assertThat(run.code()).as(run.err()).isZero();
      List<String> lines = run.out().lines().toList();
      assertThat(lines.get(0)).isEqualTo(file + ": valid, 11 targets");
      assertThat(lines.get(1)).matches("NAME +TYPE +RESULT +LATENCY +REASON +DETAIL");
      assertThat(lines.subList(2, lines.size()))
          .satisfiesExactly(
              l -> assertThat(l).matches("db +tcp +healthy +\\d+ ms +ok"),
              l -> assertThat(l).matches("db-down +tcp +unhealthy +- +refused +tries=3"),
              l -> assertThat(l).matches("api +http +healthy +\\d+ ms +ok +tries=1"),
              l -> assertThat(l).matches("api-head +http +healthy +\\d+ ms +ok"),
              l -> assertThat(l).matches("edge +https +healthy +\\d+ ms +ok +cert=(9\\.9|10\\.0)d"),
              l -> assertThat(l).matches("edge-verified +https +unhealthy +- +tls: unknown CA"),
              l -> assertThat(l).matches("edge-private +https +healthy +\\d+ ms +ok +cert=(29\\.9|30\\.0)d"),
              l -> assertThat(l).matches("app-a +dns +healthy +\\d+ ms +ok +answer=192\\.0\\.2\\.10 ttl=60s tries=1"),
              l -> assertThat(l).matches("app-aaaa +dns +healthy +\\d+ ms +ok +answer=2001:db8:0:0:0:0:0:10 ttl=120s"),
              l -> assertThat(l).matches("www-cname +dns +healthy +\\d+ ms +ok +answer=app\\.example\\.test ttl=300s"),
              l -> assertThat(l).matches("gone +dns +unhealthy +\\d+ ms +nxdomain"));

      RecordedRequest get = http.takeRequest(5, TimeUnit.SECONDS);
      assertThat(get.getMethod()).isEqualTo("GET");
      assertThat(get.getHeaders().get("Authorization")).isEqualTo(SECRET);
      assertThat(get.getHeaders().get("Host")).isEqualTo("api.example.test");
      assertThat(head.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("HEAD");
      assertThat(tenDays.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Probe")).isEqualTo("validate");
      assertThat(run.out() + run.err()).doesNotContain("vp-5e0b2c91");
    }
  }

  @Test
  void aParameterThatCannotBeReadIsAnErrorNamingTheFieldAndTheParameter() throws Exception {
    Path file = dir.resolve("missing.json");
    Files.writeString(
        file,
        "[{\"name\":\"api\",\"type\":\"http\",\"url\":\"http://127.0.0.1:1/\",\"headers\":"
            + "{\"Authorization\":{\"fromParameter\":\"/route53-failover/headers/missing\"}}}]");

    // offline, the file is valid: parameters are read only to probe
    assertThat(Cli.inProcess("validate", "--file", file.toString()).code()).isZero();

    Cli.Run run =
        Cli.onEndpoint(
            MOTO.endpoint(), "validate", "--file", file.toString(), "--probe", "--region", "us-east-1");
    System.out.println("[validate --probe, missing parameter]\n" + run.out() + "exit " + run.code());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines().toList())
        .satisfiesExactly(
            l -> assertThat(l).isEqualTo(file + ": valid, 1 target"),
            l ->
                assertThat(l)
                    .startsWith(
                        file
                            + ": target \"api\" (index 0): field \"headers.Authorization.fromParameter\":"
                            + " SSM parameter /route53-failover/headers/missing: SSM GetParameter")
                    .contains("ParameterNotFound"),
            l -> assertThat(l).isEqualTo(file + ": 1 error"));
  }

  /** The file's targets, together, use every JSON field of every target record. */
  private static void assertUsesEveryField(String targets) throws Exception {
    Map<String, Set<String>> used = new HashMap<>();
    for (JsonNode t : JSON.readTree(targets)) {
      Set<String> fields = used.computeIfAbsent(t.get("type").asText(), k -> new LinkedHashSet<>());
      for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
        fields.add(it.next());
      }
    }
    assertThat(used.get("tcp")).containsAll(fieldsOf(TcpTarget.class)).contains("type");
    Set<String> web = new LinkedHashSet<>(used.get("http"));
    web.addAll(used.get("https"));
    assertThat(web).containsAll(fieldsOf(HttpTarget.class));
    assertThat(used.get("https")).contains("tlsVerify");
    assertThat(used.get("dns")).containsAll(fieldsOf(DnsTarget.class));
    assertThat(targets).contains("\"fromParameter\"");
  }

  private static List<String> fieldsOf(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
