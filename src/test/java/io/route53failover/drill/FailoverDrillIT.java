package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.cli.Main;
import io.route53failover.failover.ArmState;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.FailoverAction;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.FailoverReport;
import io.route53failover.failover.MotoHealthChecks;
import io.route53failover.failover.HealthThresholdLock;
import io.route53failover.failover.LastFailbackTag;
import io.route53failover.failover.OriginalPathTag;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.HealthCheckReport;
import io.route53failover.healthcheck.ProbeResult;
import io.route53failover.testing.Cli;
import io.route53failover.testing.Cli.Run;
import io.route53failover.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The CI drill: the whole failover chain, end to end, with the real handlers, real loopback
 * targets and a real moto_server holding the chain of {@code template.yaml} ({@link DrillStack}).
 * It proves that the parts connect: a target dies; its metric goes to 0; its alarm fires; the
 * failover lock engages; the lock survives the primary coming back; only an operator's failback
 * lifts it. Each step asserts its preconditions and outcome and logs what it did ({@link StepLog},
 * also written to {@code target/drill-steps.log}).
 *
 * <p><b>Which alarm triggers the lock.</b> This is the public-chain scenario: {@link #parameters}
 * turns {@code LockPrivateChain} off, so the template wires exactly one alarm to FailoverTopic
 * ({@code AlarmActions}): {@code PrimaryHealthCheckAlarm}, on {@code AWS/Route53 HealthCheckStatus}
 * of the primary's HTTPS health check ({@code PrimaryHealthCheckId}), whose notification carries
 * the {@code HealthCheckId} dimension. The availability alarms ({@code <name>_availability}) feed
 * the {@code CLOUDWATCH_METRIC} health checks of the failover records and have no actions (with
 * {@code LockPrivateChain} on, node 1's alarm would also notify the topic and lock its gate). The
 * drill finds the lock alarm in the template rather than assuming it: should the template wire the
 * primary's availability alarm instead, step 3 sets no bridged state and FailoverFunction resolves
 * the health check through {@code PRIMARY_HEALTH_CHECK_ID}.
 *
 * <p><b>Real:</b> HealthCheckFunction (the handler, {@code create(env)} with the template's
 * environment: TARGETS, METRIC_NAMESPACE, METRIC_STORAGE_RESOLUTION), its probes of HTTP servers on
 * 127.0.0.1 and its PutMetricData to moto; the alarms, health checks, zone and records created in
 * moto from the template's resolved properties; SetAlarmState and DescribeAlarms; SNS Publish to
 * FailoverTopic and SNS's delivery to an SQS subscription ({@code RawMessageDelivery=false}, so
 * the body is SNS's envelope); the Lambda runtime's SNSEvent deserializer; FailoverFunction ({@code
 * create(env)} with the template's environment) and its Route 53 calls; {@code failback} and
 * {@code status} through {@link Main#commandLine()}.
 *
 * <p><b>Bridged</b>, because moto does not do it:
 *
 * <ul>
 *   <li>alarm evaluation: moto never evaluates alarms, so {@link AlarmOracle} decides the
 *       availability alarms' state from their own configuration and datapoints, and the test sets
 *       it with SetAlarmState;
 *   <li>{@code AWS/Route53 HealthCheckStatus}: moto publishes no Route 53 metrics, and Route 53's
 *       checkers could not reach a loopback target anyway. The lock alarm's ALARM is therefore SET
 *       with SetAlarmState once the oracle found the primary dead (on AWS, the primary's HTTPS check
 *       fails when the primary dies, HealthCheckStatus drops to 0 and CloudWatch sets it);
 *   <li>CloudWatch → SNS: moto changes the state but notifies nobody, so the test publishes the
 *       notification CloudWatch would send, built from DescribeAlarms ({@link AlarmNotifications});
 *   <li>SNS → Lambda: an SQS subscription stands in for Lambda's, and the test wraps the envelope
 *       as Lambda does ({@link SnsToLambda}).
 * </ul>
 *
 * <p><b>DNS answers, stood in:</b> moto answers no DNS queries and its GetHealthCheckStatus is
 * canned. The private scenario's closing step runs {@code failback} and {@code drill --verify-dns}
 * against a loopback DNS server ({@link FailoverRecordStandIn}) that answers the failover record
 * from moto's record sets: PRIMARY's value while the PRIMARY set's health check (node 1's gate) is
 * not locked, SECONDARY's while it is. That
 * proves our polling, parsing, node naming and timeline, not Route 53's health evaluation,
 * propagation or Resolver caching (docs/operations.md); docs/detection-time.md models the timing.
 */
class FailoverDrillIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final Path SCHEDULED_EVENT =
      Path.of(System.getProperty("route53failover.basedir", "."), "events", "scheduled-event.json");

  private static final String PRIMARY_PATH = "/health";

  /**
   * Parameters for a two-node chain with records in a private zone and the public lock chain
   * only ({@code LockPrivateChain} "false": no gates, so the primary's AWS/Route53 alarm is the
   * one alarm that notifies FailoverFunction); the rest are defaults.
   */
  static Map<String, String> parameters(String targetsJson) {
    return Map.of(
        "Targets", targetsJson,
        "LockPrivateChain", "false",
        "TertiaryNodeName", "",
        "RecordName", "service.internal.example.com",
        "PrimaryNodeValue", "192.0.2.10",
        "SecondaryNodeValue", "192.0.2.11",
        "PrivateZoneName", "internal.example.com",
        "PrivateZoneVpcId", "vpc-0123456789abcdef0");
  }

  /** TARGETS for HealthCheckFunction: one HTTP target per node, named as the template's nodes. */
  static String targetsJson(String primaryName, String primaryUrl, String secondaryName, String secondaryUrl) {
    return "[{\"name\":\"" + primaryName + "\",\"type\":\"http\",\"url\":\"" + primaryUrl
        + "\",\"timeoutMs\":2000},"
        + "{\"name\":\"" + secondaryName + "\",\"type\":\"http\",\"url\":\"" + secondaryUrl
        + "\",\"timeoutMs\":2000}]";
  }

  @Test
  void targetDiesMetricDropsAlarmFiresLockEngagesAndHoldsUntilFailback() throws Exception {
    MOTO.reset();
    StepLog steps = new StepLog("drill-steps.log");
    StackTemplate defaults = StackTemplate.load(DrillStack.STACK, Map.of());
    String primaryName = defaults.parameter("PrimaryNodeName");
    String secondaryName = defaults.parameter("SecondaryNodeName");
    try (RestartableHttpTarget primary = new RestartableHttpTarget("primary: all good");
        RestartableHttpTarget secondary = new RestartableHttpTarget("secondary: all good");
        DrillStack stack =
            DrillStack.create(
                MOTO,
                parameters(targetsJson(primaryName, primary.url(), secondaryName, secondary.url())),
                PRIMARY_PATH)) {
      new Steps(steps, stack, primary, primaryName, secondaryName).run();
    } catch (Throwable e) {
      steps.failed(e);
      throw e;
    } finally {
      steps.write();
    }
  }

  /**
   * The private chain ({@code LockPrivateChain} "true"): node 1's availability alarm notifies
   * FailoverTopic, FailoverFunction resolves the alarm to node 1's CALCULATED gate through {@code
   * ALARM_HEALTH_CHECKS} and locks it by raising its {@code HealthThreshold}; the lock holds when
   * node 1 returns; {@code failback} lifts it; a late duplicate of the old ALARM is {@code
   * skipped-stale}; a new ALARM locks again. Steps go to {@code target/drill-private-steps.log}.
   */
  @Test
  void privateChainNodeAlarmLocksItsGateHoldsUntilFailbackAndIgnoresStaleAlarms() throws Exception {
    MOTO.reset();
    StepLog steps = new StepLog("drill-private-steps.log");
    StackTemplate defaults = StackTemplate.load(DrillStack.STACK, Map.of());
    String primaryName = defaults.parameter("PrimaryNodeName");
    String secondaryName = defaults.parameter("SecondaryNodeName");
    try (RestartableHttpTarget primary = new RestartableHttpTarget("node 1: all good");
        RestartableHttpTarget secondary = new RestartableHttpTarget("node 2: all good")) {
      Map<String, String> parameters =
          new java.util.HashMap<>(
              parameters(targetsJson(primaryName, primary.url(), secondaryName, secondary.url())));
      parameters.put("LockPrivateChain", "true");
      try (DrillStack stack = DrillStack.create(MOTO, parameters, PRIMARY_PATH)) {
        new GateSteps(steps, stack, primary, primaryName).run();
      }
    } catch (Throwable e) {
      steps.failed(e);
      throw e;
    } finally {
      steps.write();
    }
  }

  /** The private scenario's steps. */
  private static final class GateSteps {
    private final StepLog steps;
    private final DrillStack stack;
    private final RestartableHttpTarget node;
    private final String nodeName;
    private final String namespace;
    private final HealthCheckFunction healthCheckFunction;
    private final Context healthCheckContext;
    private final SnsToLambda subscription;
    private final Map<String, String> failoverEnv;
    private String gate;
    private String child;
    private String nodeAlarm;
    private SNSEvent firstAlarm;
    private Instant failbackAt;

    GateSteps(StepLog steps, DrillStack stack, RestartableHttpTarget node, String nodeName) {
      this.steps = steps;
      this.stack = stack;
      this.node = node;
      this.nodeName = nodeName;
      this.namespace = stack.template.parameter("MetricNamespace");
      this.healthCheckFunction =
          HealthCheckFunction.create(
              stack.functionEnvironment(DrillStack.HEALTH_CHECK_FUNCTION, MOTO), null);
      this.healthCheckContext =
          lambdaContext(stack.functionTimeoutSeconds(DrillStack.HEALTH_CHECK_FUNCTION));
      this.subscription = stack.lambdaSubscription();
      this.failoverEnv = stack.functionEnvironment(DrillStack.FAILOVER_FUNCTION, MOTO);
    }

    void run() throws Exception {
      setup();
      Instant up = step1NodeUpGateUnlocked();
      Instant down = step2NodeDies(up);
      step3NodeAlarmFires(down);
      step4FailoverFunctionLocksTheGate();
      step5NodeReturnsGateStaysLocked(down);
      step6FailbackLiftsTheGate();
      step7LateDuplicateIsStale();
      step8NewAlarmLocksAgain();
      step9DrillSeesTheRecordMove();
    }

    private void setup() throws Exception {
      gate = stack.created.get("PrimaryNodeGate");
      child = stack.created.get("PrimaryNodeHealthCheck");
      steps.require(gate != null && child != null, "LockPrivateChain=true created node 1's gate");
      Map<String, String> tags = MotoHealthChecks.tags(stack.route53, gate);
      nodeAlarm = tags.get("route53-failover:alarm-name");
      assertThat(tags)
          .containsEntry("route53-failover:node", nodeName)
          .containsEntry("Name", DrillStack.STACK + "-" + nodeName + "-gate");
      assertThat(nodeAlarm).isEqualTo(DrillStack.STACK + "-" + nodeName + "-availability");
      assertThat(stack.alarm(nodeAlarm).alarmActions()).contains(stack.topicArn());
      Map<String, String> map =
          new ObjectMapper()
              .readValue(
                  failoverEnv.get(FailoverConfig.ALARM_HEALTH_CHECKS),
                  new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
      assertThat(map).containsEntry(nodeAlarm, gate);
      steps.setup(
          "gate "
              + gate
              + " (CALCULATED, child "
              + child
              + ", tags "
              + new java.util.TreeMap<>(tags)
              + "); ALARM_HEALTH_CHECKS "
              + map
              + "; alarm "
              + nodeAlarm
              + " AlarmActions → "
              + stack.topicArn());
      // a new stack starts disarmed (InitialLockState), so the first minutes cannot lock
      assertThat(tags).containsEntry(ArmState.DISARMED_UNTIL, ArmState.INITIAL);
      Run arm =
          Cli.onEndpoint(MOTO.endpoint(), "arm", "--health-check-id", gate, "--region", "us-east-1");
      assertThat(arm.code()).as(arm.err()).isZero();
      assertThat(MotoHealthChecks.tags(stack.route53, gate)).doesNotContainKey(ArmState.DISARMED_UNTIL);
      steps.log(
          "the new gate read back disarmed ("
              + ArmState.DISARMED_UNTIL
              + "="
              + ArmState.INITIAL
              + "); arm exit 0: armed");
    }

    private Instant step1NodeUpGateUnlocked() throws Exception {
      steps.step(1);
      steps.require(!node.refusesConnections(), "node 1 target " + node.url() + " is up");
      HealthCheckReport report = runHealthCheck();
      Instant at = Instant.parse(report.timestamp());
      assertThat(readBack(at)).isEqualTo(1.0);
      assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(1);
      assertThat(MotoHealthChecks.children(stack.route53, gate)).containsExactly(child);
      steps.log(
          "HealthCheckFunction published "
              + nodeName
              + "_availability=1.0 at "
              + at
              + "; gate "
              + gate
              + " HealthThreshold 1 with 1 child: unlocked (follows its child)");
      return at;
    }

    private Instant step2NodeDies(Instant previous) throws Exception {
      steps.step(2);
      node.stop();
      steps.require(node.refusesConnections(), "node 1 stopped: 127.0.0.1:" + node.port() + " refuses");
      awaitNextSecond(previous);
      HealthCheckReport report = runHealthCheck();
      assertThat(report.targets().get(0).healthy()).isFalse();
      Instant at = Instant.parse(report.timestamp());
      assertThat(readBack(at)).isEqualTo(0.0);
      steps.log(
          "node 1 stopped; HealthCheckFunction published "
              + nodeName
              + "_availability=0.0 (reason "
              + report.targets().get(0).reason()
              + ") at "
              + at);
      return at;
    }

    private void step3NodeAlarmFires(Instant at) {
      steps.step(3);
      MetricAlarm alarm = stack.alarm(nodeAlarm);
      steps.require(alarm.stateValue() == StateValue.OK, "alarm " + nodeAlarm + " is OK");
      AlarmOracle.Verdict verdict = AlarmOracle.evaluate(alarm, at, stack.cloudWatch);
      assertThat(verdict.state()).isEqualTo("ALARM");
      setState(nodeAlarm, StateValue.ALARM, "Threshold Crossed (drill oracle): " + verdict.describe());
      steps.log("alarm " + nodeAlarm + " evaluated " + verdict.describe() + "; SetAlarmState ALARM");
    }

    private void step4FailoverFunctionLocksTheGate() {
      steps.step(4);
      steps.require(subscription.waiting() == 0, "the SQS subscription is empty");
      List<String> published = subscription.notifyAlarmActions(stack.alarm(nodeAlarm), "OK");
      assertThat(published).hasSize(1);
      firstAlarm = subscription.receive(Duration.ofSeconds(10));
      assertThat(firstAlarm.getRecords().get(0).getSNS().getMessageId()).isEqualTo(published.get(0));
      steps.log(
          "published CloudWatch's notification of "
              + nodeAlarm
              + " (OK → ALARM) to "
              + stack.topicArn()
              + "; received from SQS as Lambda's SNSEvent: "
              + SnsToLambda.describe(firstAlarm));
      FailoverReport report = handle(firstAlarm);
      assertThat(report.locked()).isEqualTo(1);
      FailoverReport.RecordOutcome o = report.records().get(0);
      assertThat(o.alarmName()).isEqualTo(nodeAlarm);
      assertThat(o.healthCheckId()).isEqualTo(gate);
      assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(2);
      assertThat(MotoHealthChecks.children(stack.route53, gate)).containsExactly(child);
      assertThat(MotoHealthChecks.tags(stack.route53, gate))
          .containsEntry(HealthThresholdLock.TAG, "1");
      steps.log(
          "FailoverFunction "
              + o.getAction()
              + " gate "
              + gate
              + " (via ALARM_HEALTH_CHECKS): HealthThreshold "
              + o.oldValue()
              + " → "
              + o.newValue()
              + " with 1 child (always unhealthy), child kept, tag "
              + HealthThresholdLock.TAG
              + "=1");
    }

    private void step5NodeReturnsGateStaysLocked(Instant previous) throws Exception {
      steps.step(5);
      node.start();
      steps.require(!node.refusesConnections(), "node 1 restarted on 127.0.0.1:" + node.port());
      awaitNextSecond(previous);
      HealthCheckReport report = runHealthCheck();
      Instant at = Instant.parse(report.timestamp());
      assertThat(readBack(at)).isEqualTo(1.0);
      AlarmOracle.Verdict verdict = AlarmOracle.evaluate(stack.alarm(nodeAlarm), at, stack.cloudWatch);
      setState(
          nodeAlarm,
          StateValue.OK,
          "drill bridge: node 1 publishes 1 again (oracle now: " + verdict.describe() + ")");
      assertThat(MotoHealthChecks.threshold(stack.route53, gate))
          .as("the gate stays locked when node 1 returns")
          .isEqualTo(2);
      steps.log(
          "node 1 back; published "
              + nodeName
              + "_availability=1.0 at "
              + at
              + "; alarm "
              + nodeAlarm
              + " set OK ("
              + ("OK".equals(verdict.state())
                  ? "oracle: " + verdict.describe()
                  : "bridged: the oracle still sees this minute's 0, "
                      + verdict.describe()
                      + "; CloudWatch returns it to OK after a full healthy period")
              + "); gate HealthThreshold still 2: locked");
    }

    private void step6FailbackLiftsTheGate() {
      steps.step(6);
      Run status = Cli.onEndpoint(MOTO.endpoint(), "status", "--health-check-id", gate);
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(status.out())
          .contains("locked           yes (HealthThreshold 2 > 1 child)")
          .contains("child            " + child + ": ");
      // the guard reads the node alarm (from the gate's tag) and the last 5 whole minutes: the
      // drill's minutes are simulated, so it refuses and prints its evidence; then the drill fails
      // back past the guard, with the reason recorded
      Run guarded =
          Cli.onEndpoint(
              MOTO.endpoint(), "failback", "--health-check-id", gate, "--region", "us-east-1");
      assertThat(guarded.code()).as(guarded.err()).isEqualTo(1);
      assertThat(guarded.out()).contains("failback guard: FAIL").contains(nodeAlarm);
      assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(2);
      Run failback =
          Cli.onEndpoint(
              MOTO.endpoint(), "failback", "--health-check-id", gate, "--force", "--reason",
              "drill: simulated minutes, guard skipped", "--region", "us-east-1");
      assertThat(failback.code()).as(failback.err()).isZero();
      assertThat(failback.out()).contains("failback: HealthThreshold 1 restored from the recorded original");
      assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(1);
      assertThat(MotoHealthChecks.children(stack.route53, gate)).containsExactly(child);
      Map<String, String> tags = MotoHealthChecks.tags(stack.route53, gate);
      assertThat(tags).doesNotContainKey(HealthThresholdLock.TAG);
      failbackAt = LastFailbackTag.parse(tags.get(LastFailbackTag.KEY)).orElseThrow();
      steps.log(
          "status exit 0: locked yes (HealthThreshold 2 > 1 child); failback exit 0: "
              + failback.out().lines().filter(l -> l.startsWith("failback:")).findFirst().orElse("")
              + "; HealthThreshold 1, child kept, tag "
              + LastFailbackTag.KEY
              + "="
              + failbackAt);
    }

    private void step7LateDuplicateIsStale() {
      steps.step(7);
      FailoverReport report = handle(firstAlarm);
      assertThat(report.skippedStale()).isEqualTo(1);
      assertThat(report.locked() + report.alreadyLocked() + report.failed()).isZero();
      assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(1);
      steps.log(
          "the step-4 SNSEvent delivered again (StateChangeTime "
              + SampleStateChangeTime.of(firstAlarm)
              + "): FailoverFunction "
              + report.records().get(0).getAction()
              + "; gate HealthThreshold still 1: unlocked");
    }

    private void step8NewAlarmLocksAgain() throws Exception {
      steps.step(8);
      awaitNextSecond(failbackAt);
      steps.require(stack.alarm(nodeAlarm).stateValue() == StateValue.OK, "alarm " + nodeAlarm + " is OK");
      setState(nodeAlarm, StateValue.ALARM, "drill: node 1 fails again");
      MetricAlarm alarm = stack.alarm(nodeAlarm);
      assertThat(alarm.stateUpdatedTimestamp()).isAfter(failbackAt);
      subscription.notifyAlarmActions(alarm, "OK");
      SNSEvent event = subscription.receive(Duration.ofSeconds(10));
      FailoverReport report = handle(event);
      assertThat(report.locked()).isEqualTo(1);
      assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(2);
      steps.log(
          "new ALARM of "
              + nodeAlarm
              + " (StateChangeTime "
              + SampleStateChangeTime.of(event)
              + ", after the failback "
              + failbackAt
              + "): FailoverFunction "
              + report.records().get(0).getAction()
              + "; gate HealthThreshold 2 again");
    }

    /**
     * The closing step: {@code failback --verify-dns} lifts step 8's lock and sees the record
     * answer node 1; then {@code drill --verify-dns --failback} on the gate sees the record move
     * to node 2 with the lock and back with the failback. The node values come from moto's failover
     * record sets; the answers from {@link FailoverRecordStandIn}, which follows the PRIMARY record
     * set's own health check (the gate).
     */
    private void step9DrillSeesTheRecordMove() throws Exception {
      steps.step(9);
      String record = parameters("[]").get("RecordName");
      String primaryValue = parameters("[]").get("PrimaryNodeValue");
      String secondaryValue = parameters("[]").get("SecondaryNodeValue");
      String zone = stack.created.get("PrivateHostedZone");
      String failedOverPath =
          stack.template.environment(DrillStack.FAILOVER_FUNCTION).get(FailoverConfig.FAILED_OVER_PATH);
      steps.require(zone != null, "the stack created its private hosted zone");
      steps.require(
          MotoHealthChecks.threshold(stack.route53, gate) == 2, "gate " + gate + " is locked (step 8)");
      try (FailoverRecordStandIn dns = new FailoverRecordStandIn(stack.route53, zone, record)) {
        Run locked =
            Cli.onEndpoint(
                MOTO.endpoint(), "status", "--health-check-id", gate, "--verify-dns", record,
                "--resolver", dns.address());
        assertThat(locked.code()).as(locked.err()).isZero();
        assertThat(locked.out())
            .contains("dns: " + record + " A -> " + secondaryValue + " (secondary)");
        steps.log(
            "status --verify-dns exit 0 while the gate is locked: "
                + locked.out().lines().filter(l -> l.startsWith("dns: ")).toList());
        Run failback =
            Cli.onEndpoint(
                MOTO.endpoint(), "failback", "--health-check-id", gate, "--force", "--reason",
                "drill: simulated minutes, guard skipped", "--region", "us-east-1",
                "--verify-dns", record, "--resolver", dns.address(),
                "--dns-timeout", "10s", "--dns-poll-interval", "250ms");
        assertThat(failback.code()).as(failback.out() + failback.err()).isZero();
        assertThat(failback.out())
            .contains("dns: " + record + " A answers primary (" + primaryValue + ") after ");
        steps.log(
            "failback --verify-dns exit 0: "
                + failback.out().lines().filter(l -> l.startsWith("dns: ")).toList());
        Instant failedBackAt =
            LastFailbackTag.parse(MotoHealthChecks.tags(stack.route53, gate).get(LastFailbackTag.KEY))
                .orElseThrow();
        // bridged: node 1 is up, so CloudWatch would evaluate its availability alarm to OK; the
        // drill needs the change OK → ALARM
        setState(nodeAlarm, StateValue.OK, "drill bridge: node 1 publishes 1 again");
        awaitNextSecond(failedBackAt);
        steps.require(subscription.waiting() == 0, "the SQS subscription is empty");

        Run before =
            Cli.onEndpoint(
                MOTO.endpoint(), "status", "--health-check-id", gate, "--verify-dns", record,
                "--resolver", dns.address(), "--json");
        assertThat(before.code()).as(before.err()).isZero();
        JsonNode answer = new ObjectMapper().readTree(before.out()).path("dns");
        assertThat(answer.path("name").asText()).isEqualTo(record);
        assertThat(answer.path("type").asText()).isEqualTo("A");
        assertThat(answer.path("values").toString()).isEqualTo("[\"" + primaryValue + "\"]");
        assertThat(answer.path("node").asText()).isEqualTo("primary");
        steps.log("status --verify-dns --json exit 0: dns " + answer);

        Run run;
        AwsBridge bridge =
            new AwsBridge(
                stack, nodeAlarm, gate, failedOverPath, FailoverFunction.create(failoverEnv),
                Duration.ofMillis(500));
        try (bridge) {
          run =
              Cli.onEndpoint(
                  MOTO.endpoint(),
                  "drill", "--alarm-name", nodeAlarm, "--health-check-id", gate,
                  "--region", "us-east-1", "--verify-dns", record, "--resolver", dns.address(),
                  "--failback", "--timeout", "30s", "--poll-interval", "250ms", "--yes");
        }
        List<String> timeline =
            run.out().lines()
                .dropWhile(l -> !l.startsWith("timeline"))
                .takeWhile(l -> !l.startsWith("drill"))
                .toList();
        writeTimeline(run, bridge.events(), dns.changes());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
            .contains(
                "dns: " + record + " A, node values {primary=[" + primaryValue + "], secondary=["
                    + secondaryValue + "]}")
            .contains("dns now: " + record + " A -> " + primaryValue + " (primary)")
            .contains("lock seen: HealthThreshold 2")
            .contains("dns answers secondary: " + record + " A -> " + secondaryValue + " (secondary)")
            .contains("dns answers primary: " + record + " A -> " + primaryValue + " (primary)")
            .contains("drill: failed back");
        String seconds = ": \\d+\\.\\d s";
        assertThat(timeline).hasSize(7);
        assertThat(timeline.get(0))
            .isEqualTo("timeline (alarm " + nodeAlarm + ", health check " + gate + ", record " + record + " A):");
        assertThat(timeline.get(2)).matches("  alarm set → lock seen" + seconds);
        assertThat(timeline.get(3))
            .matches("  lock seen → dns answers secondary \\(" + secondaryValue.replace(".", "\\.") + "\\)" + seconds);
        assertThat(timeline.get(4)).matches("  lock seen → failback done" + seconds);
        assertThat(timeline.get(5))
            .matches("  failback done → dns answers primary \\(" + primaryValue.replace(".", "\\.") + "\\)" + seconds);
        assertThat(timeline.get(6)).matches("  failback done → alarm OK" + seconds);
        List<String> changes = dns.changes();
        assertThat(changes).as("the stand-in's answers, in order").hasSize(4);
        assertThat(changes.get(0)).startsWith("[" + secondaryValue + "] (SECONDARY");
        assertThat(changes.get(1)).startsWith("[" + secondaryValue + "] → [" + primaryValue + "] (PRIMARY");
        assertThat(changes.get(2)).startsWith("[" + primaryValue + "] → [" + secondaryValue + "] (SECONDARY");
        assertThat(changes.get(3)).startsWith("[" + secondaryValue + "] → [" + primaryValue + "] (PRIMARY");
        assertThat(MotoHealthChecks.threshold(stack.route53, gate)).isEqualTo(1);
        timeline.forEach(steps::log);
        changes.forEach(c -> steps.log("stand-in answer: " + c));
      }
    }

    /** The drill's output, the bridge's events and the stand-in's answers, for the closing note. */
    private void writeTimeline(Run run, List<String> bridge, List<String> answers)
        throws java.io.IOException {
      List<String> lines = new java.util.ArrayList<>();
      lines.add("$ drill ... --verify-dns ... --failback   (exit code " + run.code() + ")");
      lines.addAll(run.out().lines().toList());
      lines.add("--- stderr:");
      lines.addAll(run.err().lines().toList());
      lines.add("--- what the bridge played:");
      lines.addAll(bridge);
      lines.add("--- what the DNS stand-in answered:");
      lines.addAll(answers);
      Path file =
          Path.of(System.getProperty("route53failover.basedir", "."), "target", "drill-dns-timeline.log");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.write(file, lines, java.nio.charset.StandardCharsets.UTF_8);
      System.out.println(String.join(System.lineSeparator(), lines));
    }

    private FailoverReport handle(SNSEvent event) {
      return FailoverFunction.create(failoverEnv)
          .handleRequest(
              event, lambdaContext(stack.functionTimeoutSeconds(DrillStack.FAILOVER_FUNCTION)));
    }

    private HealthCheckReport runHealthCheck() {
      ScheduledEvent event = EventLoader.loadScheduledEvent(SCHEDULED_EVENT.toAbsolutePath().toString());
      return healthCheckFunction.handleRequest(event, healthCheckContext);
    }

    private double readBack(Instant at) {
      Instant second = at.truncatedTo(ChronoUnit.SECONDS);
      List<Datapoint> points =
          stack
              .cloudWatch
              .getMetricStatistics(
                  r ->
                      r.namespace(namespace)
                          .metricName(nodeName + "_availability")
                          .startTime(second)
                          .endTime(second.plusSeconds(1))
                          .period(60)
                          .statistics(Statistic.MINIMUM, Statistic.SAMPLE_COUNT))
              .datapoints();
      assertThat(points).hasSize(1);
      assertThat(points.get(0).sampleCount()).isEqualTo(1.0);
      return points.get(0).minimum();
    }

    private void setState(String alarm, StateValue state, String reason) {
      String shortened = reason.length() > 1023 ? reason.substring(0, 1023) : reason;
      stack.cloudWatch.setAlarmState(r -> r.alarmName(alarm).stateValue(state).stateReason(shortened));
      assertThat(stack.alarm(alarm).stateValue()).isEqualTo(state);
    }
  }

  /** The {@code StateChangeTime} of the first record's alarm notification. */
  private static final class SampleStateChangeTime {
    static String of(SNSEvent event) {
      try {
        return new ObjectMapper()
            .readTree(event.getRecords().get(0).getSNS().getMessage())
            .path("StateChangeTime")
            .asText();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The steps, sharing the stack, the targets and the handlers. */
  private static final class Steps {
    private final StepLog steps;
    private final DrillStack stack;
    private final RestartableHttpTarget primary;
    private final String primaryName;
    private final String secondaryName;
    private final String namespace;
    private final String failedOverPath;
    private final HealthCheckFunction healthCheckFunction;
    private final Context healthCheckContext;
    private final SnsToLambda subscription;
    private String primaryAlarm;
    private String secondaryAlarm;
    private String lockAlarm;
    private String lockAlarmOldState;
    private List<String> published;

    Steps(
        StepLog steps,
        DrillStack stack,
        RestartableHttpTarget primary,
        String primaryName,
        String secondaryName) {
      this.steps = steps;
      this.stack = stack;
      this.primary = primary;
      this.primaryName = primaryName;
      this.secondaryName = secondaryName;
      this.namespace = stack.template.parameter("MetricNamespace");
      this.failedOverPath =
          stack.template.environment(DrillStack.FAILOVER_FUNCTION).get(FailoverConfig.FAILED_OVER_PATH);
      this.healthCheckFunction =
          HealthCheckFunction.create(
              stack.functionEnvironment(DrillStack.HEALTH_CHECK_FUNCTION, MOTO), null);
      this.healthCheckContext =
          lambdaContext(stack.functionTimeoutSeconds(DrillStack.HEALTH_CHECK_FUNCTION));
      this.subscription = stack.lambdaSubscription();
    }

    void run() throws Exception {
      setup();
      Instant run1 = step1BothTargetsHealthy();
      Instant run2 = step2PrimaryDies(run1);
      step3AlarmEvaluated(run2);
      step4CloudWatchNotifies();
      step5FailoverFunctionLocks();
      step6PrimaryReturnsLockHolds(run2);
      step7FailbackLiftsTheLock();
    }

    private void setup() {
      stack.created.forEach((logicalId, physical) -> steps.setup("created " + logicalId + " = " + physical));
      steps.setup(
          "primary HTTPS health check "
              + stack.primaryHealthCheckId
              + " (ResourcePath "
              + PRIMARY_PATH
              + ") is PrimaryHealthCheckId, the lock target");
      primaryAlarm = availabilityAlarm(primaryName);
      secondaryAlarm = availabilityAlarm(secondaryName);
      List<String> notifying = stack.alarmsNotifyingFailoverFunction();
      assertThat(notifying)
          .as("alarms whose AlarmActions notify FailoverFunction's topic (template.yaml)")
          .hasSize(1);
      lockAlarm = notifying.get(0);
      MetricAlarm lock = stack.alarm(lockAlarm);
      steps.setup(
          "lock alarm "
              + lockAlarm
              + " ("
              + lock.namespace()
              + " "
              + lock.metricName()
              + " "
              + lock.dimensions().stream().map(d -> d.name() + "=" + d.value()).toList()
              + ") → "
              + stack.topicArn()
              + " → SQS subscription standing in for FailoverFunction");
      steps.setup(
          "availability alarms "
              + primaryAlarm
              + ", "
              + secondaryAlarm
              + " on "
              + namespace
              + " "
              + primaryName
              + "_availability, "
              + secondaryName
              + "_availability");
    }

    private Instant step1BothTargetsHealthy() throws Exception {
      steps.step(1);
      steps.require(!primary.refusesConnections(), "primary target " + primary.url() + " is up");
      steps.require(
          MotoHealthChecks.resourcePath(stack.route53, stack.primaryHealthCheckId).equals(PRIMARY_PATH),
          "health check " + stack.primaryHealthCheckId + " is not locked (ResourcePath " + PRIMARY_PATH + ")");
      HealthCheckReport report = runHealthCheck();
      assertThat(report.targets())
          .extracting(ProbeResult::name, ProbeResult::healthy)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(primaryName, true),
              org.assertj.core.groups.Tuple.tuple(secondaryName, true));
      Instant at = Instant.parse(report.timestamp());
      double p = readBack(primaryName + "_availability", at);
      double s = readBack(secondaryName + "_availability", at);
      assertThat(p).isEqualTo(1.0);
      assertThat(s).isEqualTo(1.0);
      steps.log(
          "HealthCheckFunction published "
              + primaryName
              + "_availability="
              + p
              + ", "
              + secondaryName
              + "_availability="
              + s
              + " at "
              + at
              + " (read back with GetMetricStatistics: SampleCount 1 each)");
      return at;
    }

    private Instant step2PrimaryDies(Instant previousRun) throws Exception {
      steps.step(2);
      primary.stop();
      steps.require(
          primary.refusesConnections(),
          "primary target stopped: 127.0.0.1:" + primary.port() + " refuses connections");
      awaitNextSecond(previousRun);
      HealthCheckReport report = runHealthCheck();
      ProbeResult p = report.targets().get(0);
      assertThat(p.name()).isEqualTo(primaryName);
      assertThat(p.healthy()).isFalse();
      assertThat(p.reason()).isEqualTo("refused");
      assertThat(report.targets().get(1).healthy()).isTrue();
      Instant at = Instant.parse(report.timestamp());
      double value = readBack(primaryName + "_availability", at);
      assertThat(value).isEqualTo(0.0);
      assertThat(readBack(secondaryName + "_availability", at)).isEqualTo(1.0);
      steps.log(
          "primary stopped; HealthCheckFunction published "
              + primaryName
              + "_availability="
              + value
              + " with reason "
              + p.reason()
              + " at "
              + at
              + "; "
              + secondaryName
              + " still 1.0");
      return at;
    }

    private void step3AlarmEvaluated(Instant at) {
      steps.step(3);
      MetricAlarm p = stack.alarm(primaryAlarm);
      MetricAlarm s = stack.alarm(secondaryAlarm);
      steps.require(
          p.stateValue() == StateValue.OK && s.stateValue() == StateValue.OK,
          "availability alarms are OK before the evaluation");
      AlarmOracle.Verdict primaryVerdict = AlarmOracle.evaluate(p, at, stack.cloudWatch);
      AlarmOracle.Verdict secondaryVerdict = AlarmOracle.evaluate(s, at, stack.cloudWatch);
      steps.log("alarm " + primaryAlarm + " evaluated " + primaryVerdict.describe());
      steps.log("alarm " + secondaryAlarm + " evaluated " + secondaryVerdict.describe());
      assertThat(primaryVerdict.state()).isEqualTo("ALARM");
      assertThat(secondaryVerdict.state()).isEqualTo("OK");

      lockAlarmOldState = stack.alarm(lockAlarm).stateValueAsString();
      steps.require("OK".equals(lockAlarmOldState), "lock alarm " + lockAlarm + " is OK");
      setState(primaryAlarm, "Threshold Crossed (drill oracle): " + primaryVerdict.describe());
      steps.log("SetAlarmState " + primaryAlarm + " ALARM: DescribeAlarms says ALARM");
      if (!lockAlarm.equals(primaryAlarm)) {
        MetricAlarm lock = stack.alarm(lockAlarm);
        setState(
            lockAlarm,
            "drill bridge: "
                + primaryAlarm
                + " found the primary dead; moto has no "
                + lock.namespace()
                + " "
                + lock.metricName()
                + " data to evaluate");
        steps.log(
            "bridged: SetAlarmState "
                + lockAlarm
                + " ALARM, because moto publishes no "
                + lock.namespace()
                + " "
                + lock.metricName()
                + " (on AWS the dead primary fails its HTTPS health check and CloudWatch sets it)");
      }
    }

    private void step4CloudWatchNotifies() {
      steps.step(4);
      MetricAlarm lock = stack.alarm(lockAlarm);
      steps.require(lock.stateValue() == StateValue.ALARM, "lock alarm " + lockAlarm + " is ALARM");
      steps.require(
          lock.alarmActions().contains(stack.topicArn()),
          "its AlarmActions contain FailoverTopic " + stack.topicArn());
      steps.require(subscription.waiting() == 0, "the SQS subscription is empty");
      published = subscription.notifyAlarmActions(lock, lockAlarmOldState);
      assertThat(published).hasSize(1);
      steps.log(
          "published CloudWatch's notification to "
              + stack.topicArn()
              + ": Subject "
              + AlarmNotifications.subject(lock)
              + ", "
              + lockAlarmOldState
              + " → "
              + lock.stateValueAsString()
              + ", Trigger "
              + lock.namespace()
              + " "
              + lock.metricName()
              + " "
              + lock.statisticAsString().toUpperCase(java.util.Locale.ROOT)
              + " "
              + lock.dimensions().stream().map(d -> d.name() + "=" + d.value()).toList()
              + " (MessageId "
              + published.get(0)
              + ")");
    }

    private void step5FailoverFunctionLocks() {
      steps.step(5);
      steps.require(subscription.waiting() == 1, "the SQS subscription holds one message");
      SNSEvent event = subscription.receive(Duration.ofSeconds(10));
      SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
      assertThat(event.getRecords()).hasSize(1);
      assertThat(event.getRecords().get(0).getEventSource()).isEqualTo("aws:sns");
      assertThat(sns.getType()).isEqualTo("Notification");
      assertThat(sns.getMessageId()).isEqualTo(published.get(0));
      assertThat(sns.getTopicArn()).isEqualTo(stack.topicArn());
      assertThat(sns.getSubject()).isEqualTo(AlarmNotifications.subject(stack.alarm(lockAlarm)));
      steps.log("received from SQS and wrapped as Lambda's SNSEvent: " + SnsToLambda.describe(event));
      steps.require(
          MotoHealthChecks.resourcePath(stack.route53, stack.primaryHealthCheckId).equals(PRIMARY_PATH),
          "health check " + stack.primaryHealthCheckId + " is not locked yet");

      FailoverFunction function =
          FailoverFunction.create(stack.functionEnvironment(DrillStack.FAILOVER_FUNCTION, MOTO));
      // disarmed: the ALARM is skipped and nothing changes; armed again: the redelivery locks
      String id = stack.primaryHealthCheckId;
      Run disarm =
          Cli.onEndpoint(
              MOTO.endpoint(), "disarm", "--health-check-id", id, "--for", "10m",
              "--reason", "drill: planned restart", "--region", "us-east-1");
      assertThat(disarm.code()).as(disarm.err()).isZero();
      FailoverReport disarmed =
          function.handleRequest(
              event, lambdaContext(stack.functionTimeoutSeconds(DrillStack.FAILOVER_FUNCTION)));
      assertThat(disarmed.records().get(0).action()).isEqualTo(FailoverAction.SKIPPED_DISARMED);
      assertThat(MotoHealthChecks.resourcePath(stack.route53, id)).isEqualTo(PRIMARY_PATH);
      steps.log(
          "disarm exit 0, then FailoverFunction "
              + disarmed.records().get(0).action().label()
              + " ("
              + disarmed.records().get(0).warning()
              + "): ResourcePath still "
              + PRIMARY_PATH);
      Run arm = Cli.onEndpoint(MOTO.endpoint(), "arm", "--health-check-id", id, "--region", "us-east-1");
      assertThat(arm.code()).as(arm.err()).isZero();
      steps.log("arm exit 0; the same notification delivered again (SNS delivers at least once):");
      FailoverReport report =
          function.handleRequest(
              event, lambdaContext(stack.functionTimeoutSeconds(DrillStack.FAILOVER_FUNCTION)));

      assertThat(report.locked()).as("records locked").isEqualTo(1);
      FailoverReport.RecordOutcome outcome = report.records().get(0);
      assertThat(outcome.healthCheckId()).isEqualTo(stack.primaryHealthCheckId);
      assertThat(outcome.alarmName()).isEqualTo(lockAlarm);
      String path = MotoHealthChecks.resourcePath(stack.route53, stack.primaryHealthCheckId);
      Map<String, String> tags = MotoHealthChecks.tags(stack.route53, stack.primaryHealthCheckId);
      assertThat(path).isEqualTo(failedOverPath);
      assertThat(tags).containsEntry(OriginalPathTag.KEY, PRIMARY_PATH);
      steps.log(
          "FailoverFunction "
              + outcome.action()
              + " health check "
              + outcome.healthCheckId()
              + ": GetHealthCheck ResourcePath "
              + PRIMARY_PATH
              + " → "
              + path
              + ", tag "
              + OriginalPathTag.KEY
              + "="
              + tags.get(OriginalPathTag.KEY));
    }

    private void step6PrimaryReturnsLockHolds(Instant previousRun) throws Exception {
      steps.step(6);
      primary.start();
      steps.require(
          !primary.refusesConnections(),
          "primary target restarted on the same port 127.0.0.1:" + primary.port());
      awaitNextSecond(previousRun);
      HealthCheckReport report = runHealthCheck();
      assertThat(report.targets().get(0).healthy()).isTrue();
      Instant at = Instant.parse(report.timestamp());
      double value = readBack(primaryName + "_availability", at);
      assertThat(value).isEqualTo(1.0);
      String path = MotoHealthChecks.resourcePath(stack.route53, stack.primaryHealthCheckId);
      assertThat(path).as("the lock survives the primary coming back").isEqualTo(failedOverPath);
      assertThat(MotoHealthChecks.tags(stack.route53, stack.primaryHealthCheckId))
          .containsEntry(OriginalPathTag.KEY, PRIMARY_PATH);
      steps.log(
          "primary back; HealthCheckFunction published "
              + primaryName
              + "_availability="
              + value
              + " at "
              + at
              + "; the lock holds: ResourcePath "
              + path);
    }

    private void step7FailbackLiftsTheLock() {
      steps.step(7);
      String id = stack.primaryHealthCheckId;
      steps.require(
          failedOverPath.equals(MotoHealthChecks.resourcePath(stack.route53, id)),
          "health check " + id + " is locked");
      // the guard needs N real minutes of healthy datapoints; the drill's minutes are simulated, so
      // it fails back explicitly past the guard, with the reason recorded
      Run failback =
          Cli.onEndpoint(
              MOTO.endpoint(), "failback", "--health-check-id", id, "--failed-over-path", failedOverPath,
              "--force", "--reason", "drill: simulated minutes, guard skipped", "--region", "us-east-1");
      assertThat(failback.code()).as(failback.err()).isZero();
      assertThat(failback.out())
          .contains("failback: ResourcePath " + PRIMARY_PATH + " restored from the recorded original");
      Run status =
          Cli.onEndpoint(
              MOTO.endpoint(), "status", "--health-check-id", id, "--failed-over-path", failedOverPath);
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(status.out())
          .contains("ResourcePath     " + PRIMARY_PATH)
          .contains("locked           no")
          .contains("original         (none recorded)");
      assertThat(MotoHealthChecks.resourcePath(stack.route53, id)).isEqualTo(PRIMARY_PATH);
      assertThat(MotoHealthChecks.tags(stack.route53, id)).doesNotContainKey(OriginalPathTag.KEY);
      steps.log(
          "failback exit 0: "
              + failback.out().lines().filter(l -> l.startsWith("failback:")).findFirst().orElse("")
              + "; status exit 0: ResourcePath "
              + PRIMARY_PATH
              + ", locked no, no original path recorded");
    }

    // ---- helpers

    private String availabilityAlarm(String node) {
      List<String> names =
          stack.cloudWatch.describeAlarms().metricAlarms().stream()
              .filter(a -> namespace.equals(a.namespace()))
              .filter(a -> (node + "_availability").equals(a.metricName()))
              .map(MetricAlarm::alarmName)
              .toList();
      assertThat(names).as("alarms on %s %s_availability", namespace, node).hasSize(1);
      return names.get(0);
    }

    private HealthCheckReport runHealthCheck() {
      ScheduledEvent event = EventLoader.loadScheduledEvent(SCHEDULED_EVENT.toAbsolutePath().toString());
      return healthCheckFunction.handleRequest(event, healthCheckContext);
    }

    /** The one datum of {@code metric} published in the second of {@code at}. */
    private double readBack(String metric, Instant at) {
      Instant second = at.truncatedTo(ChronoUnit.SECONDS);
      List<Datapoint> points =
          stack
              .cloudWatch
              .getMetricStatistics(
                  r ->
                      r.namespace(namespace)
                          .metricName(metric)
                          .startTime(second)
                          .endTime(second.plusSeconds(1))
                          .period(60)
                          .statistics(Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT))
              .datapoints();
      assertThat(points).as("datapoints of %s at %s", metric, at).hasSize(1);
      Datapoint p = points.get(0);
      assertThat(p.sampleCount()).as("datums of %s in the run's second", metric).isEqualTo(1.0);
      assertThat(p.maximum()).isEqualTo(p.minimum());
      return p.minimum();
    }

    private void setState(String alarm, String reason) {
      String shortened = reason.length() > 1023 ? reason.substring(0, 1023) : reason;
      stack.cloudWatch.setAlarmState(
          r -> r.alarmName(alarm).stateValue(StateValue.ALARM).stateReason(shortened));
      assertThat(stack.alarm(alarm).stateValue()).isEqualTo(StateValue.ALARM);
    }
  }

  /** Waits until the wall clock is in a later second than {@code previous}, so runs never share one. */
  static void awaitNextSecond(Instant previous) throws InterruptedException {
    Instant next = previous.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    while (Instant.now().isBefore(next)) {
      Thread.sleep(Math.max(1, Duration.between(Instant.now(), next).toMillis() + 1));
    }
  }

  static Context lambdaContext(int timeoutSeconds) {
    Context context = mock(Context.class);
    when(context.getRemainingTimeInMillis()).thenReturn(timeoutSeconds * 1000);
    when(context.getFunctionName()).thenReturn("drill");
    return context;
  }
}
