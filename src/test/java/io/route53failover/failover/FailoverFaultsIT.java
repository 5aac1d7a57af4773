package io.route53failover.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.route53failover.failover.Route53Wire.healthCheckPath;
import static io.route53failover.failover.Route53Wire.tagsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Route 53 faults moto cannot produce, served by WireMock on 127.0.0.1 in Route 53's REST-XML wire
 * format, through the production client configuration (standard retry strategy, {@value
 * Route53Clients#MAX_ATTEMPTS} attempts) with a 5 ms backoff so the suite stays fast.
 */
class FailoverFaultsIT {
  @RegisterExtension
  static final WireMockExtension WM =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private static final String ID = SampleEvents.SAMPLE_HEALTH_CHECK_ID;
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;
  private static final String TAG = OriginalPathTag.KEY;
  private static final String S = "faults";

  private Route53Client client;

  @BeforeEach
  void client() {
    client =
        Route53Clients.create(
            URI.create("http://127.0.0.1:" + WM.getPort()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
            fastRetries());
  }

  /** The production retry strategy with a 5 ms backoff, so the retries stay fast. */
  private static RetryStrategy fastRetries() {
    BackoffStrategy backoff = BackoffStrategy.fixedDelay(Duration.ofMillis(5));
    return Route53Clients.retryStrategy().toBuilder()
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private FailoverFunction function() {
    return new FailoverFunction(FailoverConfig.fromEnvironment(Map.of()), client);
  }

  private static SNSEvent alarm() {
    return SampleEvents.load(SampleEvents.ALARM);
  }

  private static void stub(
      com.github.tomakehurst.wiremock.client.MappingBuilder request,
      String state,
      String next,
      ResponseDefinitionBuilder response) {
    var b = request.inScenario(S).whenScenarioStateIs(state).willReturn(response);
    if (next != null) {
      b = b.willSetStateTo(next);
    }
    WM.stubFor(b);
  }

  private static void unlockedWithoutTag() {
    WM.stubFor(
        get(urlEqualTo(healthCheckPath(ID)))
            .willReturn(Route53Wire.getHealthCheck(ID, "/health", 1)));
    WM.stubFor(get(urlEqualTo(tagsPath(ID))).willReturn(Route53Wire.tags(ID, null, null)));
  }

  private static List<String> updateBodies() {
    return WM.findAll(postRequestedFor(urlEqualTo(healthCheckPath(ID)))).stream()
        .map(LoggedRequest::getBodyAsString)
        .toList();
  }

  @Test
  void versionMismatchOnceThenSuccessRereadsOnceAndRetriesWithTheNewVersion() {
    String start = Scenario.STARTED;
    stub(
        get(urlEqualTo(healthCheckPath(ID))),
        start,
        null,
        Route53Wire.getHealthCheck(ID, "/health", 1));
    stub(get(urlEqualTo(tagsPath(ID))), start, null, Route53Wire.tags(ID, null, null));
    stub(post(urlEqualTo(tagsPath(ID))), start, null, Route53Wire.tagsChanged());
    stub(post(urlEqualTo(healthCheckPath(ID))), start, "changed", Route53Wire.versionMismatch());
    // someone else changed the check meanwhile (version 2); our tag is there now
    stub(
        get(urlEqualTo(healthCheckPath(ID))),
        "changed",
        null,
        Route53Wire.getHealthCheck(ID, "/health", 2));
    stub(get(urlEqualTo(tagsPath(ID))), "changed", null, Route53Wire.tags(ID, TAG, "/health"));
    stub(
        post(urlEqualTo(healthCheckPath(ID))),
        "changed",
        null,
        Route53Wire.updateHealthCheck(ID, LOCKED, 3));

    FailoverReport report = function().handleRequest(alarm(), null);

    assertThat(report.locked()).isEqualTo(1);
    WM.verify(2, getRequestedFor(urlEqualTo(healthCheckPath(ID))));
    List<String> updates = updateBodies();
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0))
        .contains("<HealthCheckVersion>1</HealthCheckVersion>")
        .contains("<ResourcePath>" + LOCKED + "</ResourcePath>");
    assertThat(updates.get(1))
        .contains("<HealthCheckVersion>2</HealthCheckVersion>")
        .contains("<ResourcePath>" + LOCKED + "</ResourcePath>");
    List<LoggedRequest> tagWrites = WM.findAll(postRequestedFor(urlEqualTo(tagsPath(ID))));
    assertThat(tagWrites).hasSize(1);
    assertThat(tagWrites.get(0).getBodyAsString())
        .contains("<Key>" + TAG + "</Key>")
        .contains("<Value>/health</Value>");
  }

  @Test
  void persistentVersionMismatchGivesUpAfterFiveReadsAndFailsTheInvocation() {
    unlockedWithoutTag();
    WM.stubFor(post(urlEqualTo(tagsPath(ID))).willReturn(Route53Wire.tagsChanged()));
    WM.stubFor(post(urlEqualTo(healthCheckPath(ID))).willReturn(Route53Wire.versionMismatch()));
    SNSEvent event = alarm();

    assertThatThrownBy(() -> function().handleRequest(event, null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining(SampleEvents.messageId(event))
        .hasMessageContaining("LockContentionException");
    // HealthCheckVersionMismatch is not retried by the SDK: one POST per read
    WM.verify(
        HealthCheckLock.DEFAULT_MAX_ATTEMPTS, getRequestedFor(urlEqualTo(healthCheckPath(ID))));
    WM.verify(
        HealthCheckLock.DEFAULT_MAX_ATTEMPTS, postRequestedFor(urlEqualTo(healthCheckPath(ID))));
  }

  @Test
  void throttlingTwiceThenSuccessIsRetriedByTheSdkWithTheSameVersion() {
    unlockedWithoutTag();
    WM.stubFor(post(urlEqualTo(tagsPath(ID))).willReturn(Route53Wire.tagsChanged()));
    stub(post(urlEqualTo(healthCheckPath(ID))), Scenario.STARTED, "once", Route53Wire.throttling());
    stub(post(urlEqualTo(healthCheckPath(ID))), "once", "twice", Route53Wire.throttling());
    stub(
        post(urlEqualTo(healthCheckPath(ID))),
        "twice",
        null,
        Route53Wire.updateHealthCheck(ID, LOCKED, 2));

    FailoverReport report = function().handleRequest(alarm(), null);

    assertThat(report.locked()).isEqualTo(1);
    WM.verify(1, getRequestedFor(urlEqualTo(healthCheckPath(ID))));
    assertThat(updateBodies())
        .hasSize(3)
        .allSatisfy(b -> assertThat(b).contains("<HealthCheckVersion>1</HealthCheckVersion>"));
  }

  @Test
  void priorRequestNotCompleteIsRetriedByTheSdk() {
    unlockedWithoutTag();
    stub(
        post(urlEqualTo(tagsPath(ID))),
        Scenario.STARTED,
        "busy",
        Route53Wire.priorRequestNotComplete());
    stub(post(urlEqualTo(tagsPath(ID))), "busy", null, Route53Wire.tagsChanged());
    WM.stubFor(
        post(urlEqualTo(healthCheckPath(ID)))
            .willReturn(Route53Wire.updateHealthCheck(ID, LOCKED, 2)));

    FailoverReport report = function().handleRequest(alarm(), null);

    assertThat(report.locked()).isEqualTo(1);
    assertThat(report.records().get(0).warning()).isNull();
    WM.verify(2, postRequestedFor(urlEqualTo(tagsPath(ID))));
    WM.verify(1, postRequestedFor(urlEqualTo(healthCheckPath(ID))));
  }

  @Test
  void persistent500FailsTheInvocationAfterTheBoundedAttemptsNamingTheMessageId() {
    WM.stubFor(get(urlEqualTo(healthCheckPath(ID))).willReturn(Route53Wire.internalFailure()));
    SNSEvent event = alarm();

    assertThatThrownBy(() -> function().handleRequest(event, null))
        .isInstanceOf(FailoverFailedException.class)
        .hasMessageContaining(SampleEvents.messageId(event))
        .hasMessageContaining("InternalFailure");
    WM.verify(Route53Clients.MAX_ATTEMPTS, getRequestedFor(urlEqualTo(healthCheckPath(ID))));
    WM.verify(0, postRequestedFor(urlEqualTo(healthCheckPath(ID))));
  }

  @Test
  void failbackOfACheckThatHadNoPathSendsResetElements() {
    WM.stubFor(
        get(urlEqualTo(healthCheckPath(ID))).willReturn(Route53Wire.getHealthCheck(ID, LOCKED, 4)));
    WM.stubFor(get(urlEqualTo(tagsPath(ID))).willReturn(Route53Wire.tags(ID, TAG, "")));
    WM.stubFor(
        post(urlEqualTo(healthCheckPath(ID)))
            .willReturn(Route53Wire.updateHealthCheck(ID, null, 5)));
    WM.stubFor(post(urlEqualTo(tagsPath(ID))).willReturn(Route53Wire.tagsChanged()));
    HealthCheckLock lock = new HealthCheckLock(new Route53HealthCheckStore(client), LOCKED);

    FailbackResult r = lock.failback(ID, Optional.empty());

    assertThat(r.restoredValue()).isNull();
    assertThat(r.newVersion()).isEqualTo(5);
    assertThat(updateBodies())
        .singleElement()
        .satisfies(
            b ->
                assertThat(b)
                    .contains("<HealthCheckVersion>4</HealthCheckVersion>")
                    .contains("<ResettableElementName>ResourcePath</ResettableElementName>")
                    .doesNotContain("<ResourcePath>"));
    WM.verify(
        postRequestedFor(urlEqualTo(tagsPath(ID)))
            .withRequestBody(containing("<RemoveTagKeys><Key>" + TAG + "</Key></RemoveTagKeys>")));
  }

  @Test
  void statusReadsACheckWithoutResourcePath() {
    WM.stubFor(
        get(urlEqualTo(healthCheckPath(ID))).willReturn(Route53Wire.getHealthCheck(ID, null, 1)));
    WM.stubFor(get(urlEqualTo(tagsPath(ID))).willReturn(Route53Wire.tags(ID, null, null)));

    LockStatus s = new HealthCheckLock(new Route53HealthCheckStore(client), LOCKED).status(ID);

    assertThat(s.state().resourcePath()).isNull();
    assertThat(s.state().type()).isEqualTo("HTTPS");
    assertThat(s.locked()).isFalse();
  }

  @Test
  void aGateLockRereadsOnMismatchSurvivesThrottlingAndSendsItsChildEveryTime() {
    String child = "child-metric-check";
    String start = Scenario.STARTED;
    stub(
        get(urlEqualTo(healthCheckPath(ID))),
        start,
        null,
        Route53Wire.gate("GetHealthCheckResponse", ID, 1, child, 1));
    stub(get(urlEqualTo(tagsPath(ID))), start, null, Route53Wire.tags(ID, null, null));
    stub(post(urlEqualTo(tagsPath(ID))), start, null, Route53Wire.tagsChanged());
    stub(post(urlEqualTo(healthCheckPath(ID))), start, "changed", Route53Wire.versionMismatch());
    stub(
        get(urlEqualTo(healthCheckPath(ID))),
        "changed",
        null,
        Route53Wire.gate("GetHealthCheckResponse", ID, 1, child, 2));
    stub(
        get(urlEqualTo(tagsPath(ID))),
        "changed",
        null,
        Route53Wire.tags(ID, HealthThresholdLock.TAG, "1"));
    stub(post(urlEqualTo(healthCheckPath(ID))), "changed", "throttled", Route53Wire.throttling());
    stub(
        post(urlEqualTo(healthCheckPath(ID))),
        "throttled",
        null,
        Route53Wire.gate("UpdateHealthCheckResponse", ID, 2, child, 3));

    FailoverReport report = function().handleRequest(alarm(), null);

    assertThat(report.locked()).isEqualTo(1);
    assertThat(report.records().get(0).newValue()).isEqualTo("2");
    List<String> updates = updateBodies();
    assertThat(updates).hasSize(3); // mismatch, throttled (retried by the SDK), success
    assertThat(updates.get(0)).contains("<HealthCheckVersion>1</HealthCheckVersion>");
    assertThat(updates.get(1)).contains("<HealthCheckVersion>2</HealthCheckVersion>");
    assertThat(updates.get(2)).isEqualTo(updates.get(1));
    for (String body : updates) {
      assertThat(body)
          .contains("<HealthThreshold>2</HealthThreshold>")
          .contains("<ChildHealthCheck>" + child + "</ChildHealthCheck>")
          .doesNotContain("ResourcePath");
    }
    List<LoggedRequest> tagWrites = WM.findAll(postRequestedFor(urlEqualTo(tagsPath(ID))));
    assertThat(tagWrites).hasSize(1);
    assertThat(tagWrites.get(0).getBodyAsString())
        .contains("<Key>" + HealthThresholdLock.TAG + "</Key>")
        .contains("<Value>1</Value>");
  }
}
