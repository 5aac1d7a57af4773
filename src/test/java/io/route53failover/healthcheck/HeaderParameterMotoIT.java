package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.AwsClients;
import io.route53failover.metrics.DryRunMetricPublisher;
import io.route53failover.testing.CapturedLog;
import io.route53failover.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A header value from an SSM SecureString, end to end: moto_server holds the parameter, the
 * function (built as the CLI's {@code invoke} builds it, clients from {@code AWS_ENDPOINT_URL})
 * reads it at start-up, and the value arrives as the header at a loopback MockWebServer. The value
 * appears nowhere else: not in any log line of the project's loggers, not in the dry-run output,
 * not in the report, not in the target's toString.
 */
class HeaderParameterMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String SECRET = "Bearer moto-9c1e4b7a5d";

  @Test
  void aSecureStringArrivesAsTheHeaderAndIsShownNowhere() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      String targets =
          "[{\"name\":\"api\",\"type\":\"http\",\"url\":\"http://127.0.0.1:"
              + server.getPort()
              + "/health\",\"expectedBody\":\"ok\",\"headers\":{\"Authorization\":"
              + "{\"fromParameter\":\"/route53-failover/api-token\"},\"X-Probe\":\"1\"}}]";
      Map<String, String> env =
          Map.of(
              "AWS_ENDPOINT_URL", MOTO.endpoint().toString(),
              "AWS_REGION", "us-east-1",
              "TARGETS", targets,
              "METRIC_NAMESPACE", "HeaderParameterIT");
      try (SsmClient ssm = AwsClients.newSsmClient(env)) {
        ssm.putParameter(
            r ->
                r.name("/route53-failover/api-token")
                    .type(ParameterType.SECURE_STRING)
                    .overwrite(true)
                    .value(SECRET));
      }

      ByteArrayOutputStream dryRun = new ByteArrayOutputStream();
      Context context = mock(Context.class);
      when(context.getRemainingTimeInMillis()).thenReturn(30_000);
      HealthCheckReport report;
      String logs;
      String shown;
      try (CapturedLog log = new CapturedLog("io.route53failover")) {
        HealthCheckFunction function =
            HealthCheckFunction.create(
                env, new DryRunMetricPublisher(new PrintStream(dryRun, true, StandardCharsets.UTF_8)));
        report = function.handleRequest(new ScheduledEvent(), context);
        logs = log.fields().toString();
        shown = HealthCheckConfig.fromEnvironment(env, l -> TargetsSource.open(
            l, () -> AwsClients.newSsmClient(env), () -> AwsClients.newS3Client(env)),
            p -> CaBundle.NONE).toString();
      }

      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getHeaders().get("Authorization")).isEqualTo(SECRET);
      assertThat(request.getHeaders().get("X-Probe")).isEqualTo("1");
      String json = new ObjectMapper().writeValueAsString(report);
      assertThat(json).contains("\"healthy\":true");
      System.out.println("[header parameter] logs: " + logs.length() + " chars, report: " + json);

      assertThat(logs).as("log lines").isNotEmpty().doesNotContain("moto-9c1e4b7a5d");
      assertThat(dryRun.toString(StandardCharsets.UTF_8)).isNotEmpty().doesNotContain("moto-9c1e4b7a5d");
      assertThat(json).doesNotContain("moto-9c1e4b7a5d");
      assertThat(shown).contains("Authorization={fromParameter=/route53-failover/api-token}")
          .doesNotContain("moto-9c1e4b7a5d");
    }
  }
}
