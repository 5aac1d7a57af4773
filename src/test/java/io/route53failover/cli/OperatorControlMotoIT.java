package io.route53failover.cli;

import static io.route53failover.failover.MotoHealthChecks.createHttps;
import static io.route53failover.failover.MotoHealthChecks.resourcePath;
import static io.route53failover.failover.MotoHealthChecks.tags;
import static io.route53failover.failover.MotoHealthChecks.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.AwsClients;
import io.route53failover.failover.ArmState;
import io.route53failover.failover.FailoverAction;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.FailoverReport;
import io.route53failover.failover.GateTags;
import io.route53failover.failover.SampleEvents;
import io.route53failover.testing.Cli;
import io.route53failover.testing.Cli.Run;
import io.route53failover.testing.LoopbackDnsServer;
import io.route53failover.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Operator control end to end against moto_server: the CLI commands in this JVM ({@code disarm},
 * {@code arm}, {@code lock}, {@code failback}, {@code status}), FailoverFunction built as {@code
 * invoke} builds it, node alarms and availability datapoints in CloudWatch, and every event read
 * back from an SQS queue behind an EventBridge rule on {@code source: route53-failover}.
 *
 * <p>The failback guard reads the real clock: datapoints are put 5 s into each of the last 8
 * minutes (and the one in progress), so a minute boundary passing during a test does not move the
 * window off them.
 */
class OperatorControlMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private static Route53Client r53;
  private static CloudWatchClient cloudWatch;
  private static SqsClient sqs;
  private static String queueUrl;
  private static final List<JsonNode> received = new ArrayList<>();

  @BeforeAll
  static void start() {
    r53 = MOTO.route53();
    cloudWatch = MOTO.cloudWatch();
    sqs = MOTO.sqs();
    queueUrl = sqs.createQueue(r -> r.queueName("control-events")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    try (EventBridgeClient eb = AwsClients.newEventBridgeClient(env())) {
      eb.putRule(
          r ->
              r.name("route53-failover-events")
                  .eventPattern("{\"source\":[\"route53-failover\"]}")
                  .state("ENABLED"));
      eb.putTargets(r -> r.rule("route53-failover-events").targets(t -> t.id("q").arn(queueArn)));
    }
  }

  @AfterAll
  static void stop() {
    r53.close();
    cloudWatch.close();
    sqs.close();
  }

  private static Map<String, String> env() {
    return Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", "us-east-1");
  }

  private static Run cli(String... args) {
    return Cli.onEndpoint(
        MOTO.endpoint(),
        Stream.concat(Stream.of(args), Stream.of("--region", "us-east-1")).toArray(String[]::new));
  }

  /** A check tagged like a gate: node and node alarm. */
  private static String gate(String node) {
    String id = createHttps(r53, "/health");
    tag(id, GateTags.NODE, node);
    tag(id, GateTags.ALARM_NAME, node + "-availability");
    return id;
  }

  private static void tag(String id, String key, String value) {
    r53.changeTagsForResource(
        r ->
            r.resourceType(TagResourceType.HEALTHCHECK)
                .resourceId(id)
                .addTags(Tag.builder().key(key).value(value).build()));
  }

  private static FailoverReport alarm(String id) {
    SNSEvent event = SampleEvents.withHealthCheckId(SampleEvents.load(SampleEvents.ALARM), id);
    return FailoverFunction.create(env()).handleRequest(event, null);
  }

  /**
   * The node's alarm in {@code state}, and its metric: Minimum 1 five seconds into each of the
   * last 8 minutes and the current one, except {@code skip} (minutes ago); a 0 in {@code zero}.
   */
  private static void node(String node, StateValue state, Integer skip, Integer zero) {
    String metric = node + "_availability";
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    for (int ago = 0; ago <= 8; ago++) {
      if (skip == null || ago != skip) {
        put(metric, minute.minus(Duration.ofMinutes(ago)).plusSeconds(5), 1);
      }
    }
    if (zero != null) {
      put(metric, minute.minus(Duration.ofMinutes(zero)).plusSeconds(35), 0);
    }
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(node + "-availability")
                .namespace("LambdaCustomHC")
                .metricName(metric)
                .statistic(Statistic.MINIMUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData("breaching"));
    cloudWatch.setAlarmState(
        r -> r.alarmName(node + "-availability").stateValue(state).stateReason("test"));
  }

  private static void put(String metric, Instant t, double value) {
    cloudWatch.putMetricData(
        r ->
            r.namespace("LambdaCustomHC")
                .metricData(
                    d ->
                        d.metricName(metric)
                            .timestamp(t)
                            .value(value)
                            .unit(StandardUnit.COUNT)
                            .storageResolution(60)));
  }

  /** The events for {@code id} that reached the queue so far, as (detail-type, detail). */
  private static synchronized List<JsonNode> events(String id) throws Exception {
    for (int i = 0; i < 3; i++) {
      List<Message> ms =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : ms) {
        received.add(JSON.readTree(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return received.stream().filter(e -> id.equals(e.path("detail").path("healthCheckId").asText())).toList();
  }

  private static List<String> detailTypes(String id) throws Exception {
    return events(id).stream().map(e -> e.path("detail-type").asText()).toList();
  }

  @Test
  void disarmedAlarmIsSkippedUnchangedAndAnExpiredDisarmLetsTheNextAlarmLock() throws Exception {
    String id = gate("n1");
    Run disarm = cli("disarm", "--health-check-id", id, "--for", "20s", "--reason", "planned restart");
    assertThat(disarm.code()).as(disarm.err()).isZero();
    assertThat(disarm.out()).contains("disarmed: health check " + id + " until");
    assertThat(tags(r53, id))
        .containsEntry(ArmState.DISARM_REASON, "planned restart")
        .containsKey(ArmState.DISARMED_BY);
    long before = version(r53, id);

    FailoverReport skipped = alarm(id);

    assertThat(skipped.records().get(0).action()).isEqualTo(FailoverAction.SKIPPED_DISARMED);
    assertThat(resourcePath(r53, id)).isEqualTo("/health");
    assertThat(version(r53, id)).isEqualTo(before);
    JsonNode skip =
        events(id).stream()
            .filter(e -> e.path("detail-type").asText().equals("Failover Skipped Disarmed"))
            .findFirst()
            .orElseThrow();
    assertThat(skip.path("source").asText()).isEqualTo("route53-failover");
    assertThat(skip.path("detail").path("node").asText()).isEqualTo("n1");
    assertThat(skip.path("detail").path("reason").asText()).contains("planned restart");

    Instant until = Instant.parse(tags(r53, id).get(ArmState.DISARMED_UNTIL));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis() + 200));
    FailoverReport locked = alarm(id);

    assertThat(locked.records().get(0).action()).isEqualTo(FailoverAction.LOCKED);
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);
    assertThat(detailTypes(id))
        .containsExactly("Failover Disarmed", "Failover Skipped Disarmed", "Failover Locked");
  }

  @Test
  void armIsRefusedWhileTheNodeAlarmIsInAlarmAndLockNowArmsAndLocks() throws Exception {
    String id = gate("n2");
    tag(id, ArmState.DISARMED_UNTIL, ArmState.INITIAL);
    node("n2", StateValue.ALARM, null, null);

    Run refused = cli("arm", "--health-check-id", id);

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("arm refused: alarm n2-availability is in ALARM now");
    assertThat(tags(r53, id)).containsEntry(ArmState.DISARMED_UNTIL, ArmState.INITIAL);
    assertThat(resourcePath(r53, id)).isEqualTo("/health");

    Run lockNow = cli("arm", "--health-check-id", id, "--lock-now");

    assertThat(lockNow.code()).as(lockNow.err()).isZero();
    assertThat(lockNow.out()).contains("lock    locked now: ResourcePath /health -> " + LOCKED);
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);
    assertThat(tags(r53, id))
        .doesNotContainKey(ArmState.DISARMED_UNTIL)
        .containsEntry(GateTags.LOCK_REASON, "arm --lock-now: alarm n2-availability was in ALARM");
    assertThat(detailTypes(id))
        .containsExactly("Failover Refused", "Failover Armed", "Failover Locked");
  }

  @Test
  void lockWhileDisarmedThenTheGuardRefusesUntilFiveHealthyMinutes() throws Exception {
    String id = gate("n3");
    tag(id, ArmState.DISARMED_UNTIL, ArmState.INITIAL);

    Run lock = cli("lock", "--health-check-id", id, "--reason", "move traffic for maintenance");

    assertThat(lock.code()).as(lock.err()).isZero();
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);
    assertThat(tags(r53, id))
        .containsEntry(GateTags.LOCK_REASON, "move traffic for maintenance")
        .containsKey(GateTags.LOCKED_BY)
        .containsEntry(ArmState.DISARMED_UNTIL, ArmState.INITIAL);

    // 4 healthy minutes of 5: minute 2 ago had a 0
    node("flap", StateValue.OK, null, 2);
    Run flapping = cli("failback", "--health-check-id", id, "--alarm-name", "flap-availability");
    assertThat(flapping.code()).isEqualTo(1);
    assertThat(flapping.out()).contains("failback guard: FAIL").contains("UNHEALTHY");
    assertThat(flapping.err()).contains("failback guard: FAIL");
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

    // a missing minute
    node("gap", StateValue.OK, 3, null);
    Run gap = cli("failback", "--health-check-id", id, "--alarm-name", "gap-availability");
    assertThat(gap.code()).isEqualTo(1);
    assertThat(gap.out()).contains("MISSING");
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

    // the alarm in ALARM, every minute healthy
    node("alarming", StateValue.ALARM, null, null);
    Run alarming =
        cli("failback", "--health-check-id", id, "--alarm-name", "alarming-availability", "--json");
    assertThat(alarming.code()).isEqualTo(1);
    JsonNode refusal = JSON.readTree(alarming.out());
    assertThat(refusal.path("guard").path("verdict").asText()).isEqualTo("FAIL");
    assertThat(refusal.path("guard").path("alarm").path("state").asText()).isEqualTo("ALARM");
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

    // five healthy minutes and the alarm OK: the node's own alarm, from the tag
    node("n3", StateValue.OK, null, null);
    Run status = cli("status", "--health-check-id", id, "--json");
    assertThat(status.code()).as(status.err()).isZero();
    JsonNode s = JSON.readTree(status.out());
    assertThat(s.path("armed").asBoolean()).isFalse();
    assertThat(s.path("disarmedUntil").asText()).isEqualTo("initial");
    assertThat(s.path("lockReason").asText()).isEqualTo("move traffic for maintenance");
    assertThat(s.path("guard").path("verdict").asText()).isEqualTo("PASS");

    Run ok = cli("failback", "--health-check-id", id);
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("failback guard: PASS").contains("restored from the recorded original");
    assertThat(resourcePath(r53, id)).isEqualTo("/health");
    assertThat(tags(r53, id)).doesNotContainKeys(GateTags.LOCKED_BY, GateTags.LOCK_REASON);
    assertThat(detailTypes(id))
        .containsExactly(
            "Failover Locked",
            "Failover Refused",
            "Failover Refused",
            "Failover Refused",
            "Failover Lifted");
    assertThat(events(id).getLast().path("detail").path("reason").asText()).startsWith("guard PASS");
  }

  @Test
  void forcedFailbackSkipsTheGuardAndRecordsWhy() throws Exception {
    String id = gate("n4");
    node("n4", StateValue.ALARM, null, null);
    assertThat(cli("lock", "--health-check-id", id, "--reason", "drill").code()).isZero();

    Run noReason = cli("failback", "--health-check-id", id, "--force");
    assertThat(noReason.code()).isEqualTo(2);
    assertThat(resourcePath(r53, id)).isEqualTo(LOCKED);

    Run forced =
        cli("failback", "--health-check-id", id, "--force", "--reason", "primary verified by hand");

    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(resourcePath(r53, id)).isEqualTo("/health");
    assertThat(tags(r53, id))
        .containsEntry(GateTags.FORCED_FAILBACK_REASON, "primary verified by hand")
        .containsKey(GateTags.FORCED_FAILBACK_BY);
    JsonNode lifted = events(id).getLast();
    assertThat(lifted.path("detail-type").asText()).isEqualTo("Failover Lifted");
    assertThat(lifted.path("detail").path("reason").asText())
        .isEqualTo("forced (guard skipped): primary verified by hand");
    assertThat(lifted.path("detail").path("actor").asText()).startsWith("arn:aws:");
  }

  /**
   * {@code failback --verify-dns}: a loopback DNS server answers the secondary while the check is
   * locked and the primary once its ResourcePath is back (read from moto at each query); then one
   * that stays on the secondary makes the failback exit 1, the failback itself standing.
   */
  @Test
  void failbackVerifyDnsWaitsForThePrimaryAndExitsOneWhenItDoesNotReturn() throws Exception {
    String id = gate("n5");
    node("n5", StateValue.ALARM, null, null);
    assertThat(cli("lock", "--health-check-id", id, "--reason", "drill").code()).isZero();
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.answerFrom(
          "follows.example.test.",
          () -> List.of(a("follows.example.test.", LOCKED.equals(resourcePath(r53, id)) ? "192.0.2.20" : "192.0.2.10")));
      dns.put(a("stuck.example.test.", "192.0.2.20"));
      String[] nodes = {
        "--resolver", dns.address(),
        "--node-value", "primary=192.0.2.10", "--node-value", "secondary=192.0.2.20",
        "--dns-timeout", "2s", "--dns-poll-interval", "200ms"
      };

      Run followed =
          cli(
              Stream.concat(
                      Stream.of(
                          "failback", "--health-check-id", id, "--force", "--reason", "dns check",
                          "--verify-dns", "follows.example.test", "--json"),
                      Stream.of(nodes))
                  .toArray(String[]::new));

      assertThat(followed.code()).as(followed.err()).isZero();
      JsonNode answer = JSON.readTree(followed.out()).path("dns");
      assertThat(answer.path("node").asText()).isEqualTo("primary");
      assertThat(answer.path("values").toString()).isEqualTo("[\"192.0.2.10\"]");
      assertThat(answer.path("answersPrimary").asBoolean()).isTrue();
      assertThat(followed.err()).contains("dns: follows.example.test A -> 192.0.2.10 (primary)");
      assertThat(resourcePath(r53, id)).isEqualTo("/health");

      assertThat(cli("lock", "--health-check-id", id, "--reason", "drill again").code()).isZero();
      Instant start = Instant.now();
      Run stuck =
          cli(
              Stream.concat(
                      Stream.of(
                          "failback", "--health-check-id", id, "--force", "--reason", "dns check",
                          "--verify-dns", "stuck.example.test"),
                      Stream.of(nodes))
                  .toArray(String[]::new));

      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
      assertThat(stuck.code()).isEqualTo(1);
      assertThat(stuck.out())
          .contains("failback: ResourcePath /health restored")
          .contains("dns: stuck.example.test A -> 192.0.2.20 (secondary)");
      assertThat(stuck.err())
          .contains(
              "error: dns: stuck.example.test A did not answer primary within 2.0 s; it still"
                  + " answers 192.0.2.20 (secondary). The failback stands (not undone)");
      assertThat(resourcePath(r53, id)).as("the failback is not undone").isEqualTo("/health");
    }
  }

  private static org.xbill.DNS.Record a(String name, String ip) {
    try {
      return new org.xbill.DNS.ARecord(
          LoopbackDnsServer.name(name), org.xbill.DNS.DClass.IN, 10, java.net.InetAddress.getByName(ip));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
