package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.AwsClients;
import io.route53failover.events.EventBridgeEventPublisher;
import io.route53failover.testing.CapturedLog;
import io.route53failover.testing.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The target sources against moto_server: SSM parameters (advanced tier) and S3 objects read the
 * way the function reads them ({@link HealthCheckConfig#fromEnvironment(Map, Function, Function)} with
 * clients built from {@code AWS_ENDPOINT_URL}), and {@link TargetList} refreshes: a changed list
 * replaces the old one; an invalid list or a deleted object keeps the last good list, logs the
 * error naming source, target and field, and puts a {@code Targets Rejected} event on the default
 * bus (delivered by a rule to an SQS queue). The targets are loopback addresses and are never
 * probed here.
 */
class TargetSourcesMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A clock the test moves forward. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static String targets(int n, String prefix) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                "{\"name\":\""
                    + prefix
                    + "-"
                    + i
                    + "\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":"
                    + (10_000 + i)
                    + "}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private Map<String, String> env(String variable, String value) {
    return Map.of(
        "AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", "us-east-1", variable, value);
  }

  private static Function<TargetsLocation, TargetsSource> sources(Map<String, String> env) {
    return location ->
        TargetsSource.open(
            location, () -> AwsClients.newSsmClient(env), () -> AwsClients.newS3Client(env));
  }

  private static Function<String, CaBundle> caBundles(Map<String, String> env) {
    return parameter -> CaBundle.read(new io.route53failover.aws.SsmParameterReader(() -> AwsClients.newSsmClient(env)), parameter);
  }

  @Test
  void aThousandTargetsFromS3AndSeventyFromAnAdvancedTierParameter() {
    Map<String, String> s3Env = env("TARGETS_S3_URI", "s3://ops-config/big/targets.json");
    Map<String, String> ssmEnv = env("TARGETS_PARAMETER", "/ops/targets-70");
    String thousand = targets(1000, "s3");
    String seventy = targets(70, "ssm");
    assertThat(seventy.length()).isGreaterThan(4096).isLessThan(8192);
    try (S3Client s3 = AwsClients.newS3Client(s3Env);
        SsmClient ssm = AwsClients.newSsmClient(ssmEnv)) {
      s3.createBucket(r -> r.bucket("ops-config"));
      String etag =
          s3.putObject(
                  r -> r.bucket("ops-config").key("big/targets.json"),
                  RequestBody.fromString(thousand))
              .eTag();
      ssm.putParameter(
          r ->
              r.name("/ops/targets-70")
                  .type(ParameterType.STRING)
                  .tier(ParameterTier.ADVANCED)
                  .overwrite(true)
                  .value(seventy));

      HealthCheckConfig fromS3 = HealthCheckConfig.fromEnvironment(s3Env, sources(s3Env), caBundles(s3Env));
      assertThat(fromS3.targets()).hasSize(1000);
      assertThat(fromS3.targets().getLast().name()).isEqualTo("s3-999");
      assertThat(fromS3.targetsVersion()).isEqualTo("etag " + etag);

      HealthCheckConfig fromSsm = HealthCheckConfig.fromEnvironment(ssmEnv, sources(ssmEnv), caBundles(ssmEnv));
      assertThat(fromSsm.targets()).hasSize(70);
      // "version 1", or higher when the put was retried under load
      assertThat(fromSsm.targetsVersion())
          .isEqualTo(
              "version " + ssm.getParameter(r -> r.name("/ops/targets-70")).parameter().version());
    }
  }

  @Test
  void aColdStartOnAMissingParameterFailsNamingTheSource() {
    Map<String, String> env = env("TARGETS_PARAMETER", "/ops/missing");
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(env, sources(env), caBundles(env)))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("TARGETS_PARAMETER /ops/missing: SSM GetParameter")
        .hasMessageContaining("ParameterNotFound");
  }

  @Test
  void aColdStartOnAnInvalidObjectFailsNamingSourceTargetAndField() {
    Map<String, String> env = env("TARGETS_S3_URI", "s3://cold-start/targets.json");
    try (S3Client s3 = AwsClients.newS3Client(env)) {
      s3.createBucket(r -> r.bucket("cold-start"));
      s3.putObject(
          r -> r.bucket("cold-start").key("targets.json"),
          RequestBody.fromString(targets(2, "a").replace("10001", "70000")));
    }
    assertThatThrownBy(() -> HealthCheckConfig.fromEnvironment(env, sources(env), caBundles(env)))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageStartingWith("TARGETS_S3_URI s3://cold-start/targets.json (etag ")
        .hasMessageEndingWith(": target \"a-1\" (index 1): field \"port\": must be 1-65535, was 70000");
  }

  @Test
  void s3RefreshesSkipAnUnchangedObjectTakeAChangedOneAndKeepTheLastGoodOnAnInvalidOrDeletedOne()
      throws Exception {
    Map<String, String> env = env("TARGETS_S3_URI", "s3://refresh/targets.json");
    try (S3Client s3 = AwsClients.newS3Client(env);
        EventBridgeClient eventBridge = AwsClients.newEventBridgeClient(env);
        SqsClient sqs = MOTO.sqs()) {
      String queueUrl = rejectedEventsQueue(eventBridge, sqs, "s3");
      s3.createBucket(r -> r.bucket("refresh"));
      put(s3, targets(3, "v1"));

      HealthCheckConfig config = HealthCheckConfig.fromEnvironment(env, sources(env), caBundles(env));
      TestClock clock = new TestClock();
      TargetList list =
          new TargetList(
              sources(env).apply(config.targetsLocation()),
              new TargetList.Snapshot(config.targets(), config.targetsVersion()),
              config.targetsRefresh(),
              clock,
              new EventBridgeEventPublisher(eventBridge),
              "test-HealthCheckFunction",
              config.caBundle());
      String v1 = config.targetsVersion();

      try (CapturedLog log = new CapturedLog(TargetList.class)) {
        // unchanged: the conditional GetObject answers 304, nothing is logged
        clock.advance(Duration.ofSeconds(300));
        assertThat(list.current().version()).isEqualTo(v1);
        assertThat(log.fields()).isEmpty();

        // changed, but the interval has not passed: still the old list
        put(s3, targets(5, "v2"));
        clock.advance(Duration.ofSeconds(299));
        assertThat(list.current().targets()).hasSize(3);

        // changed and due: the new list
        clock.advance(Duration.ofSeconds(1));
        TargetList.Snapshot v2 = list.current();
        assertThat(v2.targets()).extracting(Target::name).startsWith("v2-0").hasSize(5);
        assertThat(v2.version()).isNotEqualTo(v1).startsWith("etag ");

        // invalid: the last good list stays, an error and an event name the problem
        put(s3, targets(2, "bad").replace("\"port\":10001", "\"port\":70000"));
        clock.advance(Duration.ofSeconds(300));
        assertThat(list.current()).isEqualTo(v2);

        // deleted: the last good list stays, the error names the missing key
        s3.deleteObject(r -> r.bucket("refresh").key("targets.json"));
        clock.advance(Duration.ofSeconds(300));
        assertThat(list.current()).isEqualTo(v2);

        List<Map<String, Object>> lines = log.fields();
        lines.forEach(line -> System.out.println("[moto transcript] " + line));
        assertThat(lines).extracting(l -> l.get("message"))
            .containsExactly("targets refreshed", "targets refresh rejected", "targets refresh rejected");
        Map<String, Object> invalid = lines.get(1);
        assertThat(invalid)
            .containsEntry("level", "ERROR")
            .containsEntry("source", "TARGETS_S3_URI s3://refresh/targets.json")
            .containsEntry("keptVersion", v2.version())
            .containsEntry("field", "port");
        assertThat((String) invalid.get("error"))
            .startsWith("TARGETS_S3_URI s3://refresh/targets.json (etag ")
            .endsWith(": target \"bad-1\" (index 1): field \"port\": must be 1-65535, was 70000");
        assertThat((String) lines.get(2).get("error"))
            .startsWith("TARGETS_S3_URI s3://refresh/targets.json: S3 GetObject")
            .contains("NoSuchKey");
      }

      List<JsonNode> events = receive(sqs, queueUrl, 2);
      events.forEach(e -> System.out.println("[moto transcript] event " + e));
      assertThat(events).allSatisfy(e -> assertThat(e.get("detail-type").asText()).isEqualTo("Targets Rejected"));
      assertThat(events).extracting(e -> e.get("detail").get("action").asText())
          .containsOnly("targets-rejected");
      assertThat(events).extracting(e -> e.get("detail").get("reason").asText())
          .anySatisfy(r -> assertThat(r).contains("field \"port\": must be 1-65535"))
          .anySatisfy(r -> assertThat(r).contains("NoSuchKey"));
    }
  }

  @Test
  void ssmRefreshesFollowTheParameterVersion() throws Exception {
    Map<String, String> env = env("TARGETS_PARAMETER", "/ops/refresh");
    try (SsmClient ssm = AwsClients.newSsmClient(env);
        EventBridgeClient eventBridge = AwsClients.newEventBridgeClient(env);
        SqsClient sqs = MOTO.sqs()) {
      String queueUrl = rejectedEventsQueue(eventBridge, sqs, "ssm");
      ssm.putParameter(r -> r.name("/ops/refresh").type(ParameterType.SECURE_STRING).value(targets(2, "a")));
      HealthCheckConfig config = HealthCheckConfig.fromEnvironment(env, sources(env), caBundles(env));
      TestClock clock = new TestClock();
      TargetList list =
          new TargetList(
              sources(env).apply(config.targetsLocation()),
              new TargetList.Snapshot(config.targets(), config.targetsVersion()),
              Duration.ofSeconds(60),
              clock,
              new EventBridgeEventPublisher(eventBridge),
              null,
              config.caBundle());
      assertThat(config.targetsVersion()).isEqualTo("version 1");

      ssm.putParameter(
          r -> r.name("/ops/refresh").type(ParameterType.SECURE_STRING).overwrite(true).value(targets(4, "b")));
      clock.advance(Duration.ofSeconds(60));
      assertThat(list.current().version()).isEqualTo("version 2");
      assertThat(list.current().targets()).hasSize(4);

      ssm.putParameter(
          r -> r.name("/ops/refresh").type(ParameterType.SECURE_STRING).overwrite(true).value("[{\"name\":\"x\"}]"));
      clock.advance(Duration.ofSeconds(60));
      assertThat(list.current().version()).isEqualTo("version 2");
      assertThat(list.current().targets()).hasSize(4);

      List<JsonNode> events = receive(sqs, queueUrl, 1);
      assertThat(events).hasSize(1);
      JsonNode detail = events.getFirst().get("detail");
      assertThat(detail.get("oldValue").asText()).isEqualTo("version 2");
      assertThat(detail.get("newValue").asText()).isEqualTo("version 3");
      assertThat(detail.get("reason").asText())
          .isEqualTo(
              "TARGETS_PARAMETER /ops/refresh (version 3): target \"x\" (index 0): field \"type\":"
                  + " is required");
    }
  }

  private static void put(S3Client s3, String body) {
    s3.putObject(r -> r.bucket("refresh").key("targets.json"), RequestBody.fromString(body));
  }

  private static String rejectedEventsQueue(EventBridgeClient eventBridge, SqsClient sqs, String id) {
    String queueUrl = sqs.createQueue(r -> r.queueName("targets-rejected-" + id)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    eventBridge.putRule(
        r ->
            r.name("targets-rejected-" + id)
                .eventPattern("{\"source\":[\"route53-failover\"],\"detail-type\":[\"Targets Rejected\"]}")
                .state("ENABLED"));
    eventBridge.putTargets(r -> r.rule("targets-rejected-" + id).targets(t -> t.id("q").arn(queueArn)));
    return queueUrl;
  }

  private static List<JsonNode> receive(SqsClient sqs, String queueUrl, int expected) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (int attempt = 0; attempt < 5 && all.size() < expected; attempt++) {
      for (Message m :
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
        all.add(JSON.readTree(m.body()));
      }
    }
    return all;
  }
}
