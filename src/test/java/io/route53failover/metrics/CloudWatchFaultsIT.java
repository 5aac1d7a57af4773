package io.route53failover.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.route53failover.aws.AwsClients;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.HealthCheckReport;
import io.route53failover.testing.DummyCredentials;
import io.route53failover.testing.LoopbackTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * CloudWatch faults, served on 127.0.0.1 in CloudWatch's AWS Query wire format ({@link
 * CloudWatchWire}), through the production client ({@link AwsClients#newCloudWatchClient}:
 * standard retry strategy with its real backoff, 3 attempts, 3 s per attempt, 10 s per call).
 *
 * <p>"No datum silently dropped" is checked on the wire: every datum is either in exactly one
 * request CloudWatch accepted, or counted in the {@link MetricPublishException} that fails the
 * invocation. (The same behaviour against mocks: {@code CloudWatchMetricPublisherTest}; an
 * unreachable endpoint through the built jar: {@code CliInvokeMotoIT}.)
 */
@ExtendWith(DummyCredentials.class)
class CloudWatchFaultsIT {
  @RegisterExtension
  static final WireMockExtension WM =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private static final String NAMESPACE = "LambdaCustomHC";
  private static final Instant RUN = Instant.parse("2026-01-05T10:15:00Z");
  /** The function timeout of template.yaml's default, as the context's remaining time. */
  private static final int LAMBDA_TIMEOUT_MS = 60_000;

  private static Map<String, String> env(String endpoint) {
    return Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", endpoint);
  }

  private static List<MetricDatum> datums(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new MetricDatum("node-" + i + "_availability", i % 2, MetricDatum.Unit.COUNT))
        .toList();
  }

  private static Context lambdaContext() {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(LAMBDA_TIMEOUT_MS);
    return context;
  }

  /** Each request CloudWatch received, in arrival order: its status and the metric names it carried. */
  private record Sent(int status, List<String> names) {}

  private static List<Sent> sent() {
    List<ServeEvent> events = new ArrayList<>(WM.getAllServeEvents());
    events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
    return events.stream()
        .map(
            e ->
                new Sent(
                    e.getResponse().getStatus(),
                    CloudWatchWire.metricNames(CloudWatchWire.body(e.getRequest()))))
        .toList();
  }

  /** How many accepted (2xx) requests carried each metric name. */
  private static Map<String, Long> acceptedCounts(List<Sent> sent) {
    return sent.stream()
        .filter(s -> s.status() / 100 == 2)
        .flatMap(s -> s.names().stream())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void throttledTwiceThenAcceptedPublishesEveryDatumExactlyOnce() {
    WM.stubFor(any(anyUrl()).inScenario("throttle").whenScenarioStateIs(STARTED)
        .willReturn(CloudWatchWire.throttling()).willSetStateTo("throttled once"));
    WM.stubFor(any(anyUrl()).inScenario("throttle").whenScenarioStateIs("throttled once")
        .willReturn(CloudWatchWire.throttling()).willSetStateTo("recovered"));
    WM.stubFor(any(anyUrl()).inScenario("throttle").whenScenarioStateIs("recovered")
        .willReturn(CloudWatchWire.putMetricDataOk()));
    List<MetricDatum> data = datums(2_500);

    int requests;
    try (CloudWatchClient client = AwsClients.newCloudWatchClient(env(WM.baseUrl()))) {
      requests = new CloudWatchMetricPublisher(client).publish(NAMESPACE, data, RUN, 60);
    }

    List<Sent> sent = sent();
    assertThat(requests).isEqualTo(3);
    // the requests go out in parallel, so which batches were throttled depends on arrival order
    assertThat(sent).extracting(Sent::status).containsExactlyInAnyOrder(400, 400, 200, 200, 200);
    // the SDK retried each throttled request with the same datums, later, and it was accepted
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).status() == 400) {
        List<String> names = sent.get(i).names();
        assertThat(sent.subList(i + 1, sent.size()))
            .as("a retry of throttled request %d", i)
            .anySatisfy(retry -> assertThat(retry.names()).isEqualTo(names));
      }
    }
    assertThat(acceptedCounts(sent))
        .hasSize(2_500)
        .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L))
        .containsOnlyKeys(data.stream().map(MetricDatum::metricName).toList());
  }

  @Test
  void persistent5xxOnTheSecondOfThreeRequestsSendsTheOthersThenFailsCountingTheLostDatums() {
    // the second batch holds datums 1000-1999; CloudWatch fails every attempt of it
    WM.stubFor(any(anyUrl()).atPriority(5).willReturn(CloudWatchWire.putMetricDataOk()));
    WM.stubFor(
        any(anyUrl())
            .atPriority(1)
            .andMatching(
                request ->
                    MatchResult.of(
                        CloudWatchWire.metricNames(CloudWatchWire.body(request))
                            .contains("node-1000_availability")))
            .willReturn(CloudWatchWire.internalFailure()));
    List<MetricDatum> data = datums(2_500);

    try (CloudWatchClient client = AwsClients.newCloudWatchClient(env(WM.baseUrl()))) {
      CloudWatchMetricPublisher publisher = new CloudWatchMetricPublisher(client);
      assertThatThrownBy(() -> publisher.publish(NAMESPACE, data, RUN, 60))
          .isInstanceOf(MetricPublishException.class)
          .hasMessageContaining("published 1500 of 2500 metric datums to namespace LambdaCustomHC")
          .hasMessageContaining("1 of 3 PutMetricData requests failed (1000 datums not published)")
          .hasMessageContaining("first error: CloudWatch InternalFailure (HTTP 500)");
    }

    List<Sent> sent = sent();
    Map<String, Long> accepted = acceptedCounts(sent);
    // in parallel: the two good batches and the three attempts at the bad one, in any order
    assertThat(sent).extracting(Sent::status).containsExactlyInAnyOrder(200, 500, 500, 500, 200);
    assertThat(sent.stream().filter(r -> r.status() == 500).map(r -> r.names().get(0)))
        .containsOnly("node-1000_availability");
    assertThat(accepted).hasSize(1_500).allSatisfy((name, count) -> assertThat(count).isEqualTo(1L));
    for (int i = 0; i < 2_500; i++) {
      String name = "node-" + i + "_availability";
      boolean inFailedBatch = i >= 1_000 && i < 2_000;
      // published once, or counted in the exception's 1000: never silently dropped
      assertThat(accepted.containsKey(name)).as(name).isEqualTo(!inFailedBatch);
    }
  }

  @Test
  void throttledThenAcceptedRunOfTheHandlerPublishesEveryTargetOnce() throws IOException {
    WM.stubFor(any(anyUrl()).inScenario("throttle").whenScenarioStateIs(STARTED)
        .willReturn(CloudWatchWire.throttling()).willSetStateTo("recovered"));
    WM.stubFor(any(anyUrl()).inScenario("throttle").whenScenarioStateIs("recovered")
        .willReturn(CloudWatchWire.putMetricDataOk()));

    HealthCheckReport report;
    try (LoopbackTargets targets = new LoopbackTargets()) {
      Map<String, String> env = new HashMap<>(env(WM.baseUrl()));
      env.put("TARGETS", targets.targetsJson());
      report = HealthCheckFunction.create(env, null).handleRequest(new ScheduledEvent(), lambdaContext());
    }

    List<Sent> sent = sent();
    assertThat(sent).extracting(Sent::status).containsExactly(400, 200);
    assertThat(report.putMetricDataCalls()).isEqualTo(1);
    assertThat(acceptedCounts(sent))
        .containsOnlyKeys(
            "tcp-up_availability", "tcp-up_latency", "tcp-refused_availability",
            "http-ok_availability", "http-ok_latency", "http-503_availability", "http-503_latency")
        .allSatisfy((name, count) -> assertThat(count).isEqualTo(1L));
  }

  @Test
  void cloudWatchRefusingConnectionsFailsTheHandlerLongBeforeTheLambdaDeadline() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    assertHandlerFailsInTime("http://127.0.0.1:" + closedPort, Duration.ofSeconds(12));
  }

  @Test
  void cloudWatchThatAcceptsButNeverAnswersFailsTheHandlerWithinThePublishReserve()
      throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> held = new ArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept()); // read nothing, answer nothing
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      // the whole PutMetricData call is bounded by the API call timeout (10 s), which the
      // handler keeps in reserve after probing
      assertHandlerFailsInTime(
          "http://127.0.0.1:" + silent.getLocalPort(),
          AwsClients.API_CALL_TIMEOUT.plusSeconds(5));
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /**
   * Runs the handler against loopback targets and a broken CloudWatch endpoint: it must throw a
   * {@link MetricPublishException} saying nothing was published, within {@code bound}, which is
   * well inside the Lambda timeout.
   */
  private static void assertHandlerFailsInTime(String endpoint, Duration bound) throws IOException {
    try (LoopbackTargets targets = new LoopbackTargets()) {
      Map<String, String> env = new HashMap<>(env(endpoint));
      env.put("TARGETS", targets.targetsJson());
      HealthCheckFunction function = HealthCheckFunction.create(env, null);
      Context context = lambdaContext(); // before the clock starts: mocking is not the handler's time
      long start = System.nanoTime();

      assertThatThrownBy(() -> function.handleRequest(new ScheduledEvent(), context))
          .isInstanceOf(MetricPublishException.class)
          .hasMessageContaining("published 0 of 7 metric datums to namespace LambdaCustomHC")
          .hasMessageContaining("1 of 1 PutMetricData requests failed (7 datums not published)");

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isLessThan(bound).isLessThan(Duration.ofMillis(LAMBDA_TIMEOUT_MS));
    }
  }
}
