package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.drill.AlarmState;
import io.route53failover.drill.FakeAlarms;
import io.route53failover.drill.FakeTicker;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.OriginalPathTag;
import io.route53failover.testing.InMemoryHealthCheckStore;
import io.route53failover.testing.LoopbackDnsServer;
import java.net.InetAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * The drill command with fakes: an in-memory health check store under the real {@link
 * HealthCheckLock}, in-memory alarms, and time that passes only when the drill sleeps. "The outside
 * world" (FailoverFunction locking, CloudWatch evaluating) is played by listeners on that time.
 */
class DrillCommandTest {
  private static final String ALARM = "stack-primary-health-check";
  private static final String ID = "6b1f3c2e-8a4d-4f0b-9c7e-2d5a1e9f4b30";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:failover";
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private final FakeTicker ticker = new FakeTicker(Instant.parse("2026-01-05T10:00:00Z"));
  private final FakeAlarms alarms = new FakeAlarms(ticker::now);
  private final InMemoryHealthCheckStore store =
      new InMemoryHealthCheckStore().add(ID, "HTTPS", "/health");
  private boolean interactive;
  private final Deque<String> answers = new ArrayDeque<>();
  private final List<String> prompts = new ArrayList<>();
  private Map<String, String> cloudWatchEnv;
  private boolean cloudWatchBuilt;

  DrillCommandTest() {
    alarms.put(FakeAlarms.okAlarm(ALARM, TOPIC, Map.of("HealthCheckId", ID)));
  }

  record Run(int code, String out, String err) {}

  private Run drill(String... args) {
    Terminal terminal =
        new Terminal() {
          @Override
          public boolean interactive() {
            return interactive;
          }

          @Override
          public String ask(String prompt) {
            prompts.add(prompt);
            return answers.poll();
          }
        };
    DrillCommand command =
        new DrillCommand(
            Map.of(),
            uri -> mock(Route53Client.class),
            client -> store,
            env -> {
              cloudWatchBuilt = true;
              cloudWatchEnv = env;
              return alarms;
            },
            ticker,
            terminal,
            "alice");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(Stream.concat(Stream.of("drill"), Arrays.stream(args)).toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private Run drillYes(String... extra) {
    List<String> args = new ArrayList<>(List.of("--alarm-name", ALARM, "--health-check-id", ID));
    args.addAll(List.of(extra));
    args.add("--yes");
    return drill(args.toArray(String[]::new));
  }

  /**
   * FailoverFunction, on the real lock: handles the one notification of the forced ALARM {@code
   * after} it was sent.
   */
  private void failoverFunctionLocksAfter(Duration after) {
    HealthCheckLock lock = new HealthCheckLock(store, LOCKED);
    boolean[] notified = {false};
    ticker.afterEachSleep(
        () -> {
          if (!notified[0]
              && !alarms.setStateCalls().isEmpty()
              && ticker.elapsed().compareTo(after) >= 0) {
            notified[0] = true;
            lock.lock(ID, () -> true);
          }
        });
  }

  /**
   * CloudWatch: evaluates the alarm to OK {@code after} it first sees the path restored (at the
   * first sleep after the failback).
   */
  private void cloudWatchReturnsOkAfterFailback(Duration after) {
    Duration[] restoredAt = {null};
    ticker.afterEachSleep(
        () -> {
          boolean restored = "/health".equals(store.path(ID)) && !alarms.setStateCalls().isEmpty();
          if (restored && restoredAt[0] == null) {
            restoredAt[0] = ticker.elapsed();
          }
          if (restoredAt[0] != null
              && ticker.elapsed().minus(restoredAt[0]).compareTo(after) >= 0) {
            alarms.evaluate(ALARM, AlarmState.OK, "Threshold Crossed: 1 datapoint [1.0]");
          }
        });
  }

  // ---- the drill runs

  @Test
  void lockSeenPrintsProgressAndTheTimelineAndLeavesTheLock() throws Exception {
    failoverFunctionLocksAfter(Duration.ofSeconds(12));

    Run run = drillYes();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("preconditions met: alarm " + ALARM + " is OK (AWS/Route53 HealthCheckStatus)")
        .contains("[   0.0 s] alarm " + ALARM + " set to ALARM")
        .contains("[   0.0 s] waiting for the lock: ResourcePath /health (HealthCheckVersion 1)")
        .contains("[   5.0 s] waiting for the lock")
        .contains("[  15.0 s] lock seen: ResourcePath " + LOCKED + " (HealthCheckVersion 2)")
        .contains("original /health")
        .contains("  alarm set (SetAlarmState ALARM) at 2026-01-05T10:00:00Z")
        .contains("  alarm set → lock seen: 15.0 s")
        .contains("the lock holds")
        .doesNotContain("failback done");
    assertThat(store.path(ID)).isEqualTo(LOCKED);
    assertThat(alarms.setStateCalls()).hasSize(1);
    FakeAlarms.SetState set = alarms.setStateCalls().get(0);
    assertThat(set.stateValue()).isEqualTo("ALARM");
    assertThat(set.reason())
        .isEqualTo(
            "route53-failover drill by alice at 2026-01-05T10:00:00Z: ALARM forced to test the"
                + " failover lock of health check "
                + ID);
    JsonNode data = new ObjectMapper().readTree(set.reasonData());
    assertThat(data.path("operator").asText()).isEqualTo("alice");
    assertThat(data.path("healthCheckId").asText()).isEqualTo(ID);
  }

  @Test
  void failbackRestoresThePathAndWaitsForCloudWatchToReturnTheAlarmToOk() {
    failoverFunctionLocksAfter(Duration.ofSeconds(7));
    cloudWatchReturnsOkAfterFailback(Duration.ofSeconds(60));

    Run run = drillYes("--failback", "--poll-interval", "10s");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("[  10.0 s] lock seen")
        .contains("[  10.0 s] failback: ResourcePath /health restored (HealthCheckVersion 3)")
        .contains("waiting for CloudWatch to return alarm " + ALARM + " to OK: it is ALARM")
        .contains("[  70.0 s] waiting for CloudWatch to return alarm " + ALARM)
        .contains("[  80.0 s] alarm " + ALARM + " is OK again")
        .contains("  alarm set → lock seen: 10.0 s")
        .contains("  lock seen → failback done: 0.0 s")
        .contains("  failback done → alarm OK: 70.0 s")
        .contains("drill: failed back");
    assertThat(store.path(ID)).isEqualTo("/health");
    assertThat(store.tags(ID)).doesNotContainKey(OriginalPathTag.KEY);
    assertThat(alarms.setStateCalls())
        .as("the drill only ever forces ALARM; OK comes from CloudWatch")
        .extracting(FakeAlarms.SetState::stateValue)
        .containsExactly("ALARM");
  }

  @Test
  void noLockWithinTheTimeoutExitsOneAndSaysWhatToCheck() {
    Run run = drillYes("--timeout", "20s");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("[  20.0 s] waiting for the lock")
        .contains("  alarm set → lock seen: not seen within 20.0 s")
        .contains("drill FAILED: lock not seen within 20.0 s; alarm " + ALARM + " is ALARM");
    assertThat(run.err())
        .contains("FailoverFunction's logs and its dead-letter queue")
        .contains("failback --health-check-id " + ID);
    assertThat(ticker.elapsed()).isEqualTo(Duration.ofSeconds(20));
    assertThat(ticker.sleeps()).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(5)));
  }

  @Test
  void theLastSleepIsCutToTheTimeout() {
    drillYes("--timeout", "12s");

    assertThat(ticker.sleeps())
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
  }

  @Test
  void aFailedPollIsReportedAndPollingGoesOn() {
    failoverFunctionLocksAfter(Duration.ofSeconds(5));
    ticker.afterEachSleep(
        () -> {
          if (ticker.elapsed().equals(Duration.ofSeconds(5))) {
            store.failNextGet(throttling());
          }
        });

    Run run = drillYes();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("[   5.0 s] poll failed, trying again: Route 53 Throttling (HTTP 400)")
        .contains("  alarm set → lock seen: 10.0 s");
  }

  @Test
  void failbackRefusedLeavesTheLockAndExitsOne() {
    // FailoverFunction locked, but could not record the original path
    ticker.afterEachSleep(
        () -> {
          if (!alarms.setStateCalls().isEmpty() && !LOCKED.equals(store.path(ID))) {
            store.updateResourcePath(ID, LOCKED, 1);
          }
        });

    Run run = drillYes("--failback");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("original not recorded (failback will need --path or --threshold)");
    assertThat(run.err())
        .contains("failback failed: ")
        .contains("no original ResourcePath is recorded")
        .contains("the lock holds");
    assertThat(store.path(ID)).isEqualTo(LOCKED);
  }

  @Test
  void alarmNotBackToOkWithinTheTimeoutExitsOne() {
    failoverFunctionLocksAfter(Duration.ZERO);

    Run run = drillYes("--failback", "--timeout", "30s");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("  alarm set → lock seen: 5.0 s")
        .contains("  failback done → alarm OK: not OK within 30.0 s");
    assertThat(run.err()).contains("did not return to OK within 30.0 s");
    assertThat(store.path(ID)).isEqualTo("/health");
  }

  @Test
  void jsonPutsOnlyTheResultOnStdout() throws Exception {
    failoverFunctionLocksAfter(Duration.ofSeconds(5));

    Run run = drillYes("--json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out());
    assertThat(result.path("outcome").asText()).isEqualTo("LOCKED");
    assertThat(result.path("alarmSetToLockSeconds").asDouble()).isEqualTo(5.0);
    assertThat(result.path("lockToFailbackSeconds").isNull()).isTrue();
    assertThat(run.err()).contains("[   5.0 s] lock seen");
  }

  // ---- preconditions: nothing changes

  @Test
  void missingAlarmIsRefused() {
    Run run = drill("--alarm-name", "no-such-alarm", "--health-check-id", ID, "--yes");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("precondition failed: alarm no-such-alarm not found")
        .contains("us-east-1")
        .contains("nothing changed");
    assertThat(alarms.setStateCalls()).isEmpty();
  }

  @Test
  void alarmNotOkIsRefused() {
    alarms.evaluate(ALARM, "INSUFFICIENT_DATA", "no data");

    Run run = drillYes();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("precondition failed: alarm " + ALARM + " is INSUFFICIENT_DATA, not OK");
    assertThat(alarms.setStateCalls()).isEmpty();
  }

  @Test
  void alreadyLockedIsRefused() {
    new HealthCheckLock(store, LOCKED).lock(ID, () -> true);

    Run run = drillYes();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("precondition failed: health check " + ID + " is already locked")
        .contains("this may be a real failover");
    assertThat(alarms.setStateCalls()).isEmpty();
  }

  @Test
  void unknownHealthCheckIsRefused() {
    Run run = drill("--alarm-name", ALARM, "--health-check-id", "no-such-check", "--yes");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("precondition failed: health check no-such-check does not exist")
        .contains("precondition failed: alarm " + ALARM + " watches HealthCheckId " + ID);
    assertThat(alarms.setStateCalls()).isEmpty();
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String other = "0f0f0f0f-0000-4000-8000-000000000000";
    alarms.put(
        new AlarmState(
            ALARM,
            "arn",
            "OK",
            null,
            null,
            false,
            List.of(),
            "AWS/Route53",
            "HealthCheckStatus",
            Map.of("HealthCheckId", other)));
    store.add(ID, "CLOUDWATCH_METRIC", null);
    store.putTag(ID, OriginalPathTag.KEY, "/old");

    Run run = drillYes();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("has its actions disabled")
        .contains("has no AlarmActions")
        .contains("watches HealthCheckId " + other + ", not " + ID)
        .contains("is of type CLOUDWATCH_METRIC")
        .contains("drill the gate in front of it");
    // a type no lock applies to has no original-value tag to check
    assertThat(run.err().lines().filter(l -> l.startsWith("precondition failed:"))).hasSize(4);
  }

  // ---- confirmation

  @Test
  void withoutATerminalAndWithoutYesItRefusesBeforeCallingAws() {
    interactive = false;

    Run run = drill("--alarm-name", ALARM, "--health-check-id", ID);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("really fails over production traffic")
        .contains("--yes")
        .contains("nothing changed");
    assertThat(cloudWatchBuilt).isFalse();
    assertThat(alarms.describeCalls()).isZero();
  }

  @Test
  void onATerminalAnythingButYesCancels() {
    interactive = true;
    answers.add("y");

    Run run = drill("--alarm-name", ALARM, "--health-check-id", ID);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("This drill REALLY FAILS OVER PRODUCTION TRAFFIC")
        .contains("ResourcePath " + LOCKED + " on health check " + ID)
        .contains("run: failback --health-check-id " + ID);
    assertThat(prompts).containsExactly("Type yes to start the drill: ");
    assertThat(run.err()).contains("drill cancelled; nothing changed");
    assertThat(alarms.setStateCalls()).isEmpty();
  }

  @Test
  void onATerminalYesStartsTheDrill() {
    interactive = true;
    answers.add(" YES ");
    failoverFunctionLocksAfter(Duration.ZERO);

    Run run = drill("--alarm-name", ALARM, "--health-check-id", ID);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(alarms.setStateCalls()).hasSize(1);
  }

  @Test
  void preconditionsAreCheckedBeforeAsking() {
    interactive = true;
    alarms.evaluate(ALARM, "ALARM", "real outage");

    Run run = drill("--alarm-name", ALARM, "--health-check-id", ID);

    assertThat(run.code()).isEqualTo(1);
    assertThat(prompts).isEmpty();
  }

  // ---- options

  @Test
  void regionAndEndpointGoToTheCloudWatchClient() {
    failoverFunctionLocksAfter(Duration.ZERO);

    drillYes("--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:5000");

    assertThat(cloudWatchEnv)
        .containsEntry("AWS_REGION", "eu-west-1")
        .containsEntry("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:5000");
  }

  @Test
  void aTimeoutWithoutUnitIsAUsageError() {
    Run run = drillYes("--timeout", "300");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout").contains("write a number with a unit");
    assertThat(cloudWatchBuilt).isFalse();
  }

  @Test
  void isoDurationsWork() {
    Run run = drillYes("--timeout", "PT15S", "--poll-interval", "PT5S");

    assertThat(run.code()).isEqualTo(1);
    assertThat(ticker.elapsed()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void theHeaderShowsDurationsAsGiven() {
    Run run = drillYes("--timeout", "1.5m", "--poll-interval", "250ms");

    assertThat(run.out()).startsWith("drill: alarm " + ALARM + ", health check " + ID + ", timeout 90 s, poll every 0.25 s, no failback");
  }

  // ---- --verify-dns: a loopback DNS server whose answer follows the lock, as Route 53 would

  private static final String RECORD = "app.example.test";

  private static void answer(LoopbackDnsServer dns, String ip) {
    try {
      dns.clear(RECORD + ".");
      dns.put(
          new ARecord(
              LoopbackDnsServer.name(RECORD + "."), DClass.IN, 10, InetAddress.getByName(ip)));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The record answers the secondary {@code delay} after the lock is first seen at a sleep, and the
   * primary {@code delay} after the path is seen restored.
   */
  private void recordFollowsTheLock(LoopbackDnsServer dns, Duration delay) {
    answer(dns, "192.0.2.10");
    Duration[] changedAt = {null};
    boolean[] locked = {false};
    ticker.afterEachSleep(
        () -> {
          boolean nowLocked = LOCKED.equals(store.path(ID));
          if (nowLocked != locked[0]) {
            locked[0] = nowLocked;
            changedAt[0] = ticker.elapsed();
          }
          if (changedAt[0] != null && ticker.elapsed().minus(changedAt[0]).compareTo(delay) >= 0) {
            answer(dns, locked[0] ? "192.0.2.20" : "192.0.2.10");
            changedAt[0] = null;
          }
        });
  }

  private Run drillVerifyingDns(LoopbackDnsServer dns, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--verify-dns", RECORD,
                "--resolver", dns.address(),
                "--node-value", "primary=192.0.2.10",
                "--node-value", "secondary=192.0.2.20"));
    args.addAll(List.of(extra));
    return drillYes(args.toArray(String[]::new));
  }

  @Test
  void verifyDnsTimesTheRecordMovingToTheSecondaryAndBackInTheTimeline() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      failoverFunctionLocksAfter(Duration.ofSeconds(5));
      recordFollowsTheLock(dns, Duration.ofSeconds(12));
      cloudWatchReturnsOkAfterFailback(Duration.ofSeconds(30));

      Run run = drillVerifyingDns(dns, "--failback");

      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("dns: app.example.test A, node values {primary=[192.0.2.10], secondary=[192.0.2.20]} (resolver " + dns.address() + ")")
          .contains("dns now: app.example.test A -> 192.0.2.10 (primary)")
          .contains("[   5.0 s] lock seen")
          .contains("[   5.0 s] waiting for dns to answer secondary: app.example.test A -> 192.0.2.10 (primary)")
          .contains("[  15.0 s] waiting for dns to answer secondary")
          .contains("[  20.0 s] dns answers secondary: app.example.test A -> 192.0.2.20 (secondary)")
          .contains("[  20.0 s] failback: ResourcePath /health restored")
          .contains("[  20.0 s] waiting for dns to answer primary: app.example.test A -> 192.0.2.20 (secondary)")
          .contains("[  40.0 s] dns answers primary: app.example.test A -> 192.0.2.10 (primary)")
          .contains("drill: failed back");
      List<String> timeline =
          run.out().lines().dropWhile(l -> !l.startsWith("timeline")).takeWhile(l -> !l.startsWith("drill")).toList();
      assertThat(timeline)
          .containsExactly(
              "timeline (alarm " + ALARM + ", health check " + ID + ", record app.example.test A):",
              "  alarm set (SetAlarmState ALARM) at 2026-01-05T10:00:00Z",
              "  alarm set → lock seen: 5.0 s",
              "  lock seen → dns answers secondary (192.0.2.20): 15.0 s",
              "  lock seen → failback done: 15.0 s",
              "  failback done → dns answers primary (192.0.2.10): 20.0 s",
              "  failback done → alarm OK: 35.0 s");
    }
  }

  @Test
  void aRecordThatNeverMovesFailsTheDrillSaysWhatItAnswersAndStillFailsBack() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      answer(dns, "192.0.2.10");
      failoverFunctionLocksAfter(Duration.ZERO);
      cloudWatchReturnsOkAfterFailback(Duration.ZERO);

      Run run = drillVerifyingDns(dns, "--failback", "--timeout", "20s", "--json");

      assertThat(run.code()).isEqualTo(1);
      JsonNode result = new ObjectMapper().readTree(run.out());
      assertThat(result.path("outcome").asText()).isEqualTo("DNS_TIMEOUT");
      assertThat(result.path("dnsRecord").asText()).isEqualTo("app.example.test A");
      assertThat(result.path("lockToDnsSecondarySeconds").isNull()).isTrue();
      assertThat(result.path("dnsSecondary").path("reached").asBoolean()).isFalse();
      assertThat(result.path("dnsSecondary").path("answeredNode").asText()).isEqualTo("primary");
      assertThat(result.path("dnsSecondary").path("values").get(0).asText()).isEqualTo("192.0.2.10");
      assertThat(result.path("failbackToDnsPrimarySeconds").asDouble()).isEqualTo(0.0);
      assertThat(result.path("dnsPrimary").path("reached").asBoolean()).isTrue();
      assertThat(result.path("message").asText())
          .isEqualTo(
              "dns: app.example.test A did not answer secondary within 20.0 s; it still answers"
                  + " 192.0.2.10 (primary); the failback is done (not undone) and the alarm is OK"
                  + " again");
      assertThat(run.err()).contains("[  25.0 s] waiting for dns to answer secondary");
      assertThat(store.path(ID)).as("failed back despite DNS").isEqualTo("/health");
    }
  }

  @Test
  void withoutFailbackARecordThatNeverMovesLeavesTheLockAndExitsOne() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      answer(dns, "198.51.100.7");
      failoverFunctionLocksAfter(Duration.ZERO);

      Run run = drillVerifyingDns(dns, "--timeout", "10s");

      assertThat(run.code()).isEqualTo(1);
      assertThat(run.out())
          .contains("  lock seen → dns answers secondary: not within 10.0 s (still 198.51.100.7, unknown)")
          .doesNotContain("failback done");
      assertThat(run.err())
          .contains("error: dns: app.example.test A did not answer secondary within 10.0 s; it still answers 198.51.100.7 (unknown); the lock holds");
      assertThat(store.path(ID)).isEqualTo(LOCKED);
    }
  }

  @Test
  void verifyDnsNeedsPrimaryAndSecondaryNodeValuesAndRefusesBeforeAnyChange() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      Run run =
          drillYes(
              "--verify-dns", RECORD, "--resolver", dns.address(),
              "--node-value", "node1=192.0.2.10", "--node-value", "primary=192.0.2.20");

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err())
          .contains("--verify-dns waits for the node secondary: give --node-value secondary=VALUE");
      assertThat(alarms.setStateCalls()).isEmpty();
      assertThat(dns.queries()).isZero();
    }
  }

  private static Route53Exception throttling() {
    return (Route53Exception)
        Route53Exception.builder()
            .statusCode(400)
            .message("Rate exceeded")
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build())
            .build();
  }
}
