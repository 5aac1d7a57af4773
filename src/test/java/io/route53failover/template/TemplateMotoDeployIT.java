package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.healthcheck.HealthCheckConfig;
import io.route53failover.testing.MotoServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deploys the translated template into a real moto_server with CloudFormation CreateStack, then
 * checks what it created with the services' own APIs: what only a deployment proves, that an
 * independent CloudFormation engine creates the stack and that every Ref, Sub, Join and Split
 * resolves to the physical ids Route 53 and the other services hand out. Two stacks: a three-node
 * chain with both gates and the public primary in a created private zone, and a two-node pair
 * with node 1's gate only, in an existing zone. Which resources exist under which parameters,
 * and what the resolved values mean, is proven for every combination on the translated template
 * (SamTranslationIT).
 *
 * <p>moto's CloudFormation cannot check everything; {@link #MOTO_CANNOT_CHECK} lists what is
 * proven on the translated JSON instead (SamTranslationIT) or not at all here.
 */
class TemplateMotoDeployIT {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  /** What this deployment cannot prove, and where it is proven instead. Logged after the run. */
  static final List<String> MOTO_CANNOT_CHECK =
      List.of(
          "AWS::CloudWatch::Alarm resources: skipped by moto's CloudFormation (SamTranslationIT checks the"
              + " node alarms and the AWS/Route53 HealthCheckStatus alarm)",
          "AWS::SNS::Subscription: skipped (SamTranslationIT checks the topic -> FailoverFunction subscription)",
          "AWS::Lambda::EventInvokeConfig: skipped (SamTranslationIT checks retries, event age and the SQS"
              + " on-failure destination)",
          "AlarmIdentifier and InsufficientDataHealthStatus of CLOUDWATCH_METRIC health checks: dropped"
              + " (SamTranslationIT)",
          "ChildHealthChecks, HealthThreshold and HealthCheckTags of the CALCULATED gates: dropped, only the"
              + " type is kept (SamTranslationIT checks child, threshold 1 and the three tags)",
          "Ref to an alarm: unresolved, since alarms are skipped, so ALARM_HEALTH_CHECKS keys read"
              + " \"${PrimaryNodeAlarm}\" here (SamTranslationIT resolves them to the alarm names)",
          "the private hosted zone's VPC association: dropped, the zone reports PrivateZone=false"
              + " (SamTranslationIT)",
          "Architectures and LoggingConfig of the functions: dropped (SamTranslationIT)",
          "the Rules section (us-east-1 only lock chain, required record values): ignored; cfn-lint checks"
              + " its syntax only, nothing here evaluates it",
          "IAM evaluation itself (whether the policies allow the calls the code makes): not emulated",
          "AWS::Lambda::Alias (AutoPublishAlias \"live\"): moto's CloudFormation cannot create it, so here"
              + " the events and permissions name the function's ARN instead of the alias (SamTranslationIT"
              + " checks the alias wiring and SnapStart)");

  private static final String THREE_NODE_STACK = "chain3";
  private static final String TWO_NODE_STACK = "chain2";

  private static CloudFormationClient cloudFormation;
  private static Route53Client route53;
  private static LambdaClient lambda;
  private static EventBridgeClient events;
  private static IamClient iam;
  private static CloudWatchLogsClient logs;

  private static String fixtureTargets;
  private static List<String> subnetIds;
  private static String securityGroupId;
  private static String vpcId;
  private static String primaryHealthCheckId;
  /** Two, so that the template's Fn::Join over them uses its delimiter. */
  private static List<String> additionalHealthCheckIds;
  private static String existingZoneId;
  private static Stack threeNodes;
  private static Stack twoNodes;

  @BeforeAll
  static void deploy() throws Exception {
    cloudFormation = client(CloudFormationClient.builder());
    route53 = MOTO.route53();
    lambda = client(LambdaClient.builder());
    events = client(EventBridgeClient.builder());
    iam =
        IamClient.builder()
            .endpointOverride(MOTO.endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    logs = client(CloudWatchLogsClient.builder());
    fixtureTargets =
        Files.readString(Path.of(TemplateTools.class.getResource("/template/targets.json").toURI()));

    uploadCode();
    createNetwork();
    primaryHealthCheckId = createHttpsHealthCheck("primary.example.com");
    additionalHealthCheckIds =
        List.of(createHttpsHealthCheck("standby-a.example.com"), createHttpsHealthCheck("standby-b.example.com"));
    existingZoneId =
        route53
            .createHostedZone(r -> r.name("internal.example.org").callerReference(UUID.randomUUID().toString()))
            .hostedZone()
            .id()
            .replace("/hostedzone/", "");

    String template = withoutAliases(TemplateTools.translate(TemplateTools.template())).toString();
    Map<String, String> common = new LinkedHashMap<>();
    common.put("Targets", fixtureTargets);
    common.put("SubnetIds", String.join(",", subnetIds));
    common.put("SecurityGroupIds", securityGroupId);

    Map<String, String> three = new LinkedHashMap<>(common);
    three.put("RecordName", "svc.internal.example.com");
    three.put("RecordTtl", "30");
    three.put("PrimaryNodeValue", "192.0.2.1");
    three.put("SecondaryNodeValue", "192.0.2.2");
    three.put("TertiaryNodeValue", "192.0.2.3");
    three.put("PrivateZoneName", "internal.example.com");
    three.put("PrivateZoneVpcId", vpcId);
    three.put("PrimaryHealthCheckId", primaryHealthCheckId);
    three.put("AdditionalHealthCheckIds", String.join(",", additionalHealthCheckIds));
    three.put("HeaderParametersPath", "/route53-failover/headers/");
    threeNodes = createStack(THREE_NODE_STACK, template, three);

    Map<String, String> two = new LinkedHashMap<>(common);
    two.put("TertiaryNodeName", "");
    two.put("MetricNamespace", "Team/Checks");
    two.put("RecordName", "db.internal.example.org");
    two.put("PrimaryNodeValue", "192.0.2.21");
    two.put("SecondaryNodeValue", "192.0.2.22");
    two.put("ExistingHostedZoneId", existingZoneId);
    two.put("CaBundleParameterName", "/pki/ca-bundle");
    two.put("CaBundleParameterIsSecure", "true");
    twoNodes = createStack(TWO_NODE_STACK, template, two);
  }

  @AfterAll
  static void reportLimits() {
    System.out.println("moto could not check (proven elsewhere or not at all):");
    MOTO_CANNOT_CHECK.forEach(item -> System.out.println("  - " + item));
  }

  // ---------------------------------------------------------------- three-node chain

  @Test
  void threeNodeStackOutputsEverythingTheReadmeNames() {
    assertThat(outputs(threeNodes))
        .containsKeys(
            "HealthCheckFunctionArn",
            "FailoverFunctionArn",
            "FailoverTopicArn",
            "FailoverDeadLetterQueueUrl",
            "PrimaryNodeHealthCheckId",
            "SecondaryNodeHealthCheckId",
            "TertiaryNodeHealthCheckId",
            "PrimaryNodeGateId",
            "SecondaryNodeGateId",
            "RecordName",
            "FallbackRecordName",
            "HostedZoneId");
    assertThat(outputs(threeNodes).get("RecordName")).isEqualTo("svc.internal.example.com");
  }

  @Test
  void threeNodeRecordsChainNodeOneThenNodeTwoThenNodeThree() {
    Map<String, String> out = outputs(threeNodes);
    String zone = out.get("HostedZoneId");
    Map<String, ResourceRecordSet> records = failoverRecords(zone);

    assertThat(records).containsOnlyKeys(
        "svc.internal.example.com PRIMARY",
        "svc.internal.example.com SECONDARY",
        "fallback.svc.internal.example.com PRIMARY",
        "fallback.svc.internal.example.com SECONDARY");
    assertNodeRecord(records.get("svc.internal.example.com PRIMARY"), "primary", "192.0.2.1", out.get("PrimaryNodeGateId"), HealthCheckType.CALCULATED, 30);
    assertNodeRecord(records.get("fallback.svc.internal.example.com PRIMARY"), "primary", "192.0.2.2", out.get("SecondaryNodeGateId"), HealthCheckType.CALCULATED, 30);
    assertNodeRecord(records.get("fallback.svc.internal.example.com SECONDARY"), "secondary", "192.0.2.3", out.get("TertiaryNodeHealthCheckId"), HealthCheckType.CLOUDWATCH_METRIC, 30);

    ResourceRecordSet alias = records.get("svc.internal.example.com SECONDARY");
    assertThat(alias.setIdentifier()).isEqualTo("secondary");
    assertThat(alias.resourceRecords()).isEmpty();
    assertThat(stripDot(alias.aliasTarget().dnsName())).isEqualTo(out.get("FallbackRecordName"));
    assertThat(alias.aliasTarget().hostedZoneId()).endsWith(zone);
    assertThat(alias.aliasTarget().evaluateTargetHealth()).isTrue();
  }

  @Test
  void nodeHealthChecksAreDistinctMetricChecksTheGatesCalculatedAndThePrimaryIsUntouched() {
    Map<String, String> out = outputs(threeNodes);
    List<String> ids =
        List.of(out.get("PrimaryNodeHealthCheckId"), out.get("SecondaryNodeHealthCheckId"), out.get("TertiaryNodeHealthCheckId"));
    List<String> gates = List.of(out.get("PrimaryNodeGateId"), out.get("SecondaryNodeGateId"));

    assertThat(new HashSet<>(ids)).hasSize(3);
    for (String id : ids) {
      assertThat(healthCheck(id).healthCheckConfig().type()).as(id).isEqualTo(HealthCheckType.CLOUDWATCH_METRIC);
    }
    assertThat(new HashSet<>(gates)).hasSize(2).doesNotContainAnyElementsOf(ids);
    for (String gate : gates) {
      assertThat(healthCheck(gate).healthCheckConfig().type()).as(gate).isEqualTo(HealthCheckType.CALCULATED);
    }
    HealthCheck primary = healthCheck(primaryHealthCheckId);
    assertThat(primary.healthCheckConfig().type()).isEqualTo(HealthCheckType.HTTPS);
    assertThat(primary.healthCheckConfig().resourcePath()).isEqualTo("/health");
  }

  @Test
  void scheduleRuleRunsHealthCheckFunctionEveryMinute() {
    String rule = physicalId(THREE_NODE_STACK, "HealthCheckFunctionProbe");
    DescribeRuleResponse described = events.describeRule(r -> r.name(rule));

    assertThat(described.scheduleExpression()).isEqualTo("rate(1 minute)");
    assertThat(described.stateAsString()).isEqualTo("ENABLED");
    assertThat(events.listTargetsByRule(r -> r.rule(rule)).targets())
        .singleElement()
        .satisfies(t -> assertThat(t.arn()).isEqualTo(outputs(threeNodes).get("HealthCheckFunctionArn")));
  }

  @Test
  void healthCheckFunctionRunsInTheGivenSubnetsWithAnEnvironmentTheCodeAccepts() {
    GetFunctionConfigurationResponse f = function(THREE_NODE_STACK, "HealthCheckFunction");

    assertThat(f.runtimeAsString()).isEqualTo("java21");
    assertThat(f.handler()).isEqualTo("io.route53failover.healthcheck.HealthCheckFunction::handleRequest");
    assertThat(f.memorySize()).isEqualTo(512);
    assertThat(f.timeout()).isEqualTo(30);
    assertThat(f.vpcConfig().subnetIds()).containsExactlyInAnyOrderElementsOf(subnetIds);
    assertThat(f.vpcConfig().securityGroupIds()).containsExactly(securityGroupId);

    Map<String, String> env = f.environment().variables();
    assertThat(env.get("TARGETS")).isEqualTo(fixtureTargets);
    HealthCheckConfig config = HealthCheckConfig.fromEnvironment(env);
    assertThat(config.namespace()).isEqualTo("LambdaCustomHC");
    assertThat(config.storageResolution()).isEqualTo(60);
    assertThat(config.targets()).hasSize(4);
  }

  /**
   * The deployed ids flow into FailoverFunction's environment and role: the gates Route 53 created
   * and the public primary's checks, and the code accepts the result.
   */
  @Test
  void failoverFunctionRunsOutsideTheVpcAndMayLockExactlyTheDeployedGatesAndThePublicChecks() throws Exception {
    assertLockTargets(THREE_NODE_STACK, outputs(threeNodes), true);
  }

  @Test
  void withoutAPublicPrimaryFailoverFunctionMayLockOnlyNodeOnesGate() throws Exception {
    assertLockTargets(TWO_NODE_STACK, outputs(twoNodes), false);
  }

  private static void assertLockTargets(String stack, Map<String, String> out, boolean publicPrimary) throws Exception {
    GetFunctionConfigurationResponse f = function(stack, "FailoverFunction");
    List<String> gates = new ArrayList<>();
    gates.add(out.get("PrimaryNodeGateId"));
    if (out.containsKey("SecondaryNodeGateId")) {
      gates.add(out.get("SecondaryNodeGateId"));
    }
    List<String> ids = new ArrayList<>(gates);
    if (publicPrimary) {
      ids.add(primaryHealthCheckId);
      ids.addAll(additionalHealthCheckIds);
    }

    assertThat(f.handler()).isEqualTo("io.route53failover.failover.FailoverFunction::handleRequest");
    assertThat(f.vpcConfig() == null || f.vpcConfig().subnetIds().isEmpty()).as("no VPC").isTrue();
    Map<String, String> env = f.environment().variables();
    FailoverConfig config = FailoverConfig.fromEnvironment(env);
    assertThat(config.allowedHealthCheckIds()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(config.primary()).isEqualTo(publicPrimary ? java.util.Optional.of(primaryHealthCheckId) : java.util.Optional.empty());
    Map<String, String> alarmHealthChecks =
        TemplateTools.JSON.readValue(env.get("ALARM_HEALTH_CHECKS"), new TypeReference<Map<String, String>>() {});
    List<String> locked = new ArrayList<>(gates);
    if (publicPrimary) {
      locked.add(primaryHealthCheckId);
    }
    assertThat(alarmHealthChecks.values()).containsExactlyInAnyOrderElementsOf(locked);

    JsonNode route53Statement = statementWithAction(f.role(), "route53:UpdateHealthCheck");
    assertThat(TemplateTools.texts(route53Statement.get("Resource")))
        .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "arn:aws:route53:::healthcheck/" + id).toList());
  }

  @Test
  void rolesWriteOnlyToTheirOwnLogGroupAndManageEnisOnlyInTheStacksAccountAndRegion() throws Exception {
    Map<String, String> groupArns = new java.util.HashMap<>();
    logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + THREE_NODE_STACK + "-"))
        .logGroups()
        .forEach(g -> groupArns.put(g.logGroupName(), g.arn()));
    String healthCheckRole = function(THREE_NODE_STACK, "HealthCheckFunction").role();
    String failoverRole = function(THREE_NODE_STACK, "FailoverFunction").role();
    assertThat(healthCheckRole).isNotEqualTo(failoverRole);

    // the GetAtt of each log group resolved to that group's ARN; CloudFormation's GetAtt Arn ends in
    // ":*" (all its streams), moto's leaves it off, DescribeLogGroups' has it: compare without it
    assertThat(TemplateTools.texts(statementWithAction(healthCheckRole, "logs:PutLogEvents").get("Resource")))
        .singleElement()
        .satisfies(arn -> assertThat(withoutStreams(arn)).isEqualTo(withoutStreams(groupArns.get("/aws/lambda/chain3-HealthCheckFunction"))));
    assertThat(TemplateTools.texts(statementWithAction(failoverRole, "logs:PutLogEvents").get("Resource")))
        .singleElement()
        .satisfies(arn -> assertThat(withoutStreams(arn)).isEqualTo(withoutStreams(groupArns.get("/aws/lambda/chain3-FailoverFunction"))));

    String account = healthCheckRole.split(":")[4];
    String prefix = "arn:aws:ec2:" + MotoServer.REGION.id() + ":" + account + ":";
    assertThat(TemplateTools.texts(statementWithAction(healthCheckRole, "ec2:DeleteNetworkInterface").get("Resource")))
        .containsExactly(prefix + "network-interface/*");
    assertThat(TemplateTools.texts(statementWithAction(healthCheckRole, "ec2:CreateNetworkInterface").get("Resource")))
        .containsExactlyInAnyOrder(prefix + "network-interface/*", prefix + "subnet/*", prefix + "security-group/*");
    assertThatThrownBy(() -> statementWithAction(failoverRole, "ec2:CreateNetworkInterface"))
        .isInstanceOf(AssertionError.class);
  }

  /** HeaderParametersPath: reads and decryption under that path only; none without it. */
  @Test
  void headerParametersPathGrantsReadsUnderThePathOnlyAndNothingWithoutIt() throws Exception {
    String role = function(THREE_NODE_STACK, "HealthCheckFunction").role();
    String account = role.split(":")[4];
    String under = "arn:aws:ssm:" + MotoServer.REGION.id() + ":" + account + ":parameter/route53-failover/headers/*";
    assertThat(TemplateTools.texts(statementWithAction(role, "ssm:GetParameter").get("Resource")))
        .containsExactly(under);
    JsonNode decrypt = statementWithAction(role, "kms:Decrypt");
    assertThat(decrypt.at("/Condition/StringLike").toString()).contains(under);
    assertThat(decrypt.at("/Condition/StringEquals").toString())
        .contains("ssm." + MotoServer.REGION.id() + ".amazonaws.com");

    // the two-node stack has no HeaderParametersPath (its one SSM grant is its CA bundle's)
    String twoNodeRole = function(TWO_NODE_STACK, "HealthCheckFunction").role();
    assertThat(grantsOf(twoNodeRole, "ssm:GetParameter"))
        .noneMatch(g -> g.contains("parameter/route53-failover/headers"));
    assertThat(grantsOf(twoNodeRole, "kms:Decrypt"))
        .noneMatch(g -> g.contains("parameter/route53-failover/headers"));
  }

  @Test
  void bothFunctionsHaveTheirOwnLogGroupWithRetention() {
    List<LogGroup> groups = logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + THREE_NODE_STACK + "-")).logGroups();

    assertThat(groups)
        .extracting(LogGroup::logGroupName)
        .containsExactlyInAnyOrder("/aws/lambda/chain3-HealthCheckFunction", "/aws/lambda/chain3-FailoverFunction");
    assertThat(groups).allSatisfy(g -> assertThat(g.retentionInDays()).isEqualTo(30));
  }

  // ---------------------------------------------------------------- two-node pair, no lock chain

  @Test
  void twoNodeRecordsPairNodeOneWithNodeTwoInTheExistingZone() {
    Map<String, String> out = outputs(twoNodes);
    assertThat(out.get("HostedZoneId")).isEqualTo(existingZoneId);
    Map<String, ResourceRecordSet> records = failoverRecords(existingZoneId);

    assertThat(records).containsOnlyKeys("db.internal.example.org PRIMARY", "db.internal.example.org SECONDARY");
    assertNodeRecord(records.get("db.internal.example.org PRIMARY"), "primary", "192.0.2.21", out.get("PrimaryNodeGateId"), HealthCheckType.CALCULATED, 60);
    assertNodeRecord(records.get("db.internal.example.org SECONDARY"), "secondary", "192.0.2.22", out.get("SecondaryNodeHealthCheckId"), HealthCheckType.CLOUDWATCH_METRIC, 60);
  }

  @Test
  void twoNodeStackGatesNodeOneOnlyAndHasNoThirdCheckNorFallbackPair() {
    Set<String> logical =
        resources(TWO_NODE_STACK).stream().map(StackResourceSummary::logicalResourceId).collect(Collectors.toSet());

    assertThat(logical)
        .contains(
            "HealthCheckFunction", "PrimaryNodeHealthCheck", "SecondaryNodeHealthCheck", "MainSecondaryRecord",
            "PrimaryNodeGate", "FailoverFunction", "FailoverTopic", "FailoverDeadLetterQueue")
        .doesNotContain(
            "SecondaryNodeGate", "TertiaryNodeHealthCheck", "PrivateHostedZone", "FallbackPrimaryRecord",
            "MainSecondaryAliasRecord");
    assertThat(outputs(twoNodes)).doesNotContainKeys("SecondaryNodeGateId", "TertiaryNodeHealthCheckId", "FallbackRecordName");
    assertThat(function(TWO_NODE_STACK, "HealthCheckFunction").environment().variables())
        .containsEntry("METRIC_NAMESPACE", "Team/Checks");
  }

  /**
   * CaBundleParameterName (set on the two-node stack, as a SecureString) reaches the function as
   * CA_BUNDLE_PARAMETER, and its role may read that one parameter and decrypt it through SSM only;
   * the three-node stack, without a bundle, gets neither grant.
   */
  @Test
  void aCaBundleParameterIsTheFunctionsVariableAndTheOneParameterItsRoleMayRead() throws Exception {
    GetFunctionConfigurationResponse f = function(TWO_NODE_STACK, "HealthCheckFunction");
    assertThat(f.environment().variables()).containsEntry("CA_BUNDLE_PARAMETER", "/pki/ca-bundle");
    String account = f.role().split(":")[4];
    String parameterArn =
        "arn:aws:ssm:" + MotoServer.REGION.id() + ":" + account + ":parameter/pki/ca-bundle";

    assertThat(TemplateTools.texts(statementWithAction(f.role(), "ssm:GetParameter").get("Resource")))
        .containsExactly(parameterArn);
    JsonNode decrypt = statementWithAction(f.role(), "kms:Decrypt");
    assertThat(decrypt.at("/Condition/StringEquals/kms:ViaService").asText())
        .isEqualTo("ssm." + MotoServer.REGION.id() + ".amazonaws.com");
    assertThat(decrypt.at("/Condition/StringEquals/kms:EncryptionContext:PARAMETER_ARN").asText())
        .isEqualTo(parameterArn);

    String threeNodeRole = function(THREE_NODE_STACK, "HealthCheckFunction").role();
    assertThat(function(THREE_NODE_STACK, "HealthCheckFunction").environment().variables())
        .containsEntry("CA_BUNDLE_PARAMETER", "");
    // the three-node stack has no bundle (its SSM grants are its header parameters')
    assertThat(grantsOf(threeNodeRole, "ssm:GetParameter")).noneMatch(g -> g.contains("pki/ca-bundle"));
    assertThat(grantsOf(threeNodeRole, "kms:Decrypt")).noneMatch(g -> g.contains("pki/ca-bundle"));
  }

  // ---------------------------------------------------------------- setup

  private static <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
    builder.endpointOverride(MOTO.endpoint()).region(MotoServer.REGION).credentialsProvider(MotoServer.CREDENTIALS);
    if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(UrlConnectionHttpClient.create());
    }
    return builder.build();
  }

  /** moto's Lambda reads the code from its S3; the object is the Lambda jar CodeUri names. */
  private static void uploadCode() {
    String jar = System.getProperty("route53failover.lambdaJar");
    assertThat(jar).as("system property route53failover.lambdaJar (set by failsafe)").isNotNull();
    assertThat(Path.of(jar)).as("the Lambda jar; run ./mvnw package first").exists();
    try (S3Client s3 = client(S3Client.builder().forcePathStyle(true))) {
      s3.createBucket(r -> r.bucket(TemplateTools.CODE_BUCKET));
      s3.putObject(r -> r.bucket(TemplateTools.CODE_BUCKET).key(TemplateTools.CODE_KEY), RequestBody.fromFile(Path.of(jar)));
    }
  }

  private static void createNetwork() {
    try (Ec2Client ec2 = client(Ec2Client.builder())) {
      vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      subnetIds =
          List.of(
              ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId(),
              ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId());
      securityGroupId =
          ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("health-check").description("HealthCheckFunction")).groupId();
    }
  }

  private static String createHttpsHealthCheck(String host) {
    return route53
        .createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c -> c.type(HealthCheckType.HTTPS).fullyQualifiedDomainName(host).port(443).resourcePath("/health")))
        .healthCheck()
        .id();
  }

  /**
   * The translated template with every {@code AWS::Lambda::Alias} removed and each {@code Ref} to
   * one replaced by the ARN of its function (what a {@code Ref} to an alias would give, minus the
   * qualifier), since moto's CloudFormation cannot create aliases.
   */
  private static JsonNode withoutAliases(JsonNode translated) {
    ObjectNode template = translated.deepCopy();
    ObjectNode resources = (ObjectNode) template.get("Resources");
    Map<String, String> aliasToFunction = new LinkedHashMap<>();
    resources.properties().forEach(e -> {
      if ("AWS::Lambda::Alias".equals(e.getValue().path("Type").asText())) {
        aliasToFunction.put(e.getKey(), e.getValue().at("/Properties/FunctionName/Ref").asText());
      }
    });
    aliasToFunction.keySet().forEach(resources::remove);
    return replaceAliasRefs(template, aliasToFunction);
  }

  private static JsonNode replaceAliasRefs(JsonNode node, Map<String, String> aliasToFunction) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has("Ref") && aliasToFunction.containsKey(node.get("Ref").asText())) {
        ObjectNode getAtt = TemplateTools.JSON.createObjectNode();
        getAtt.putArray("Fn::GetAtt").add(aliasToFunction.get(node.get("Ref").asText())).add("Arn");
        return getAtt;
      }
      ObjectNode copy = TemplateTools.JSON.createObjectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), replaceAliasRefs(e.getValue(), aliasToFunction)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = TemplateTools.JSON.createArrayNode();
      node.forEach(n -> copy.add(replaceAliasRefs(n, aliasToFunction)));
      return copy;
    }
    return node;
  }

  private static Stack createStack(String name, String template, Map<String, String> parameters) throws InterruptedException {
    List<Parameter> params = new ArrayList<>();
    parameters.forEach((k, v) -> params.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
    cloudFormation.createStack(
        r -> r.stackName(name).templateBody(template).parameters(params).capabilities(Capability.CAPABILITY_IAM));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      Stack stack = cloudFormation.describeStacks(r -> r.stackName(name)).stacks().get(0);
      String status = stack.stackStatusAsString();
      if (!status.endsWith("_IN_PROGRESS")) {
        List<String> failures =
            cloudFormation.describeStackEvents(r -> r.stackName(name)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().contains("FAILED"))
                .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason())
                .toList();
        assertThat(status).as("stack %s: %s", name, failures).isEqualTo("CREATE_COMPLETE");
        return stack;
      }
      assertThat(Instant.now()).as("stack %s still %s", name, status).isBefore(deadline);
      Thread.sleep(250);
    }
  }

  // ---------------------------------------------------------------- operator dashboard

  /**
   * The dashboard as moto's CloudFormation rendered it (its own Fn::Sub, Fn::Join and Fn::If):
   * JSON, with each node's availability and latency in the stack's namespace, an alarm per node
   * plus the lock alarm when there is one, and the URL output naming it.
   */
  @Test
  void operatorDashboardBodyIsJsonWithEachNodeOfTheLayout() throws Exception {
    try (var cloudWatch = MOTO.cloudWatch()) {
      for (Stack stack : List.of(threeNodes, twoNodes)) {
        String name = stack.stackName() + "-" + MotoServer.REGION.id();
        JsonNode body =
            TemplateTools.JSON.readTree(cloudWatch.getDashboard(r -> r.dashboardName(name)).dashboardBody());
        boolean three = stack == threeNodes;
        String namespace = three ? "LambdaCustomHC" : "Team/Checks";

        Set<String> metrics = new HashSet<>();
        List<String> alarms = new ArrayList<>();
        for (JsonNode widget : body.get("widgets")) {
          widget.at("/properties/metrics").forEach(m -> metrics.add(m.get(0).asText() + " " + m.get(1).asText()));
          widget.at("/properties/alarms").forEach(a -> alarms.add(a.asText()));
        }
        List<String> nodes = three ? List.of("node1", "node2", "node3") : List.of("node1", "node2");
        for (String node : nodes) {
          assertThat(metrics).as(name).contains(namespace + " " + node + "_availability", namespace + " " + node + "_latency");
        }
        assertThat(metrics).as(name).contains("AWS/Lambda Errors", "AWS/Lambda Duration", "AWS/Lambda Throttles");
        assertThat(metrics.stream().anyMatch(m -> m.contains("node3"))).as(name).isEqualTo(three);
        // CertExpiryWarningDays (default 14): a cert widget per node with its line at 14
        for (String node : nodes) {
          assertThat(metrics).as(name).contains(namespace + " " + node + "_cert_days");
        }
        for (JsonNode widget : body.get("widgets")) {
          if (widget.at("/properties/metrics/0/1").asText().endsWith("_cert_days")) {
            assertThat(widget.at("/properties/annotations/horizontal/0/value").asDouble()).isEqualTo(14.0);
          }
        }
        // three nodes and the lock alarm; two nodes, no lock chain
        assertThat(alarms).as(name).hasSize(three ? 4 : 2)
            .allSatisfy(a -> assertThat(a).startsWith("arn:aws:cloudwatch:us-east-1:123456789012:alarm:"));
        assertThat(outputs(stack).get("DashboardUrl"))
            .isEqualTo("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/" + name);
      }
    }
  }

  // ---------------------------------------------------------------- queries

  private static Map<String, String> outputs(Stack stack) {
    Map<String, String> outputs = new LinkedHashMap<>();
    stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
    return outputs;
  }

  private static List<StackResourceSummary> resources(String stack) {
    return cloudFormation.listStackResources(r -> r.stackName(stack)).stackResourceSummaries();
  }

  private static String physicalId(String stack, String logicalId) {
    return resources(stack).stream()
        .filter(r -> logicalId.equals(r.logicalResourceId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(logicalId + " not in stack " + stack))
        .physicalResourceId();
  }

  private static GetFunctionConfigurationResponse function(String stack, String logicalId) {
    String name = physicalId(stack, logicalId);
    return lambda.getFunctionConfiguration(r -> r.functionName(name));
  }

  private static HealthCheck healthCheck(String id) {
    return route53.getHealthCheck(r -> r.healthCheckId(id)).healthCheck();
  }

  /** Failover records of the zone, keyed "name FAILOVER". */
  private static Map<String, ResourceRecordSet> failoverRecords(String zoneId) {
    Map<String, ResourceRecordSet> records = new LinkedHashMap<>();
    for (ResourceRecordSet r : route53.listResourceRecordSets(q -> q.hostedZoneId(zoneId)).resourceRecordSets()) {
      if (r.failover() != null) {
        records.put(stripDot(r.name()) + " " + r.failoverAsString(), r);
      }
    }
    return records;
  }

  private static void assertNodeRecord(
      ResourceRecordSet record, String setIdentifier, String value, String healthCheckId, HealthCheckType type, long ttl) {
    assertThat(record).isNotNull();
    assertThat(record.typeAsString()).isEqualTo("A");
    assertThat(record.setIdentifier()).isEqualTo(setIdentifier);
    assertThat(record.resourceRecords()).extracting(ResourceRecord::value).containsExactly(value);
    assertThat(record.ttl()).isEqualTo(ttl);
    assertThat(record.healthCheckId()).isEqualTo(healthCheckId);
    assertThat(healthCheck(record.healthCheckId()).healthCheckConfig().type()).isEqualTo(type);
  }

  /**
   * The inline-policy statement of the role that grants {@code action}. moto returns the
   * document of CloudFormation-created roles in Python's dict notation (single quotes), so it is
   * read leniently.
   */
  private static JsonNode statementWithAction(String roleArn, String action) throws Exception {
    List<JsonNode> all = statementsWithAction(roleArn, action);
    if (all.isEmpty()) {
      throw new AssertionError("no inline statement of " + roleArn + " grants " + action);
    }
    return all.get(0);
  }

  /** Every inline policy statement of the role that grants {@code action}, as text. */
  private static List<String> grantsOf(String roleArn, String action) throws Exception {
    return statementsWithAction(roleArn, action).stream().map(JsonNode::toString).toList();
  }

  private static List<JsonNode> statementsWithAction(String roleArn, String action) throws Exception {
    List<JsonNode> found = new java.util.ArrayList<>();
    JsonMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    for (String policy : iam.listRolePolicies(r -> r.roleName(role)).policyNames()) {
      String document = iam.getRolePolicy(r -> r.roleName(role).policyName(policy)).policyDocument();
      JsonNode statements = lenient.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8)).get("Statement");
      for (JsonNode s : statements.isArray() ? statements : lenient.createArrayNode().add(statements)) {
        if (TemplateTools.texts(s.get("Action")).contains(action)) {
          found.add(s);
        }
      }
    }
    return found;
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** A log group ARN without the trailing {@code :*} that stands for all of its log streams. */
  private static String withoutStreams(String logGroupArn) {
    assertThat(logGroupArn).as("log group ARN").isNotNull();
    return logGroupArn.endsWith(":*") ? logGroupArn.substring(0, logGroupArn.length() - 2) : logGroupArn;
  }
}
