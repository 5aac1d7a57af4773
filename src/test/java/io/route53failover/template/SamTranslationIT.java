package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.template.TemplateTools.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Translates template.yaml offline with aws-sam-translator (the code behind the
 * AWS::Serverless transform) and checks the plain CloudFormation it becomes: roles and policies,
 * the schedule, the SNS subscription, EventInvokeConfig, alarms, health checks and records.
 * Resources that moto's CloudFormation skips are proven here only.
 */
class SamTranslationIT {

  private static JsonNode translated;
  private static JsonNode resources;

  @BeforeAll
  static void translate() throws Exception {
    translated = TemplateTools.translate(TemplateTools.template());
    resources = translated.get("Resources");
  }

  @Test
  void noServerlessResourceOrTransformIsLeft() {
    assertThat(translated.has("Transform")).isFalse();
    resources
        .fields()
        .forEachRemaining(
            e -> assertThat(e.getValue().get("Type").asText()).as(e.getKey()).doesNotStartWith("AWS::Serverless::"));
  }

  @Test
  void cfnYamlReadsTheTemplateAsTheSamTranslatorDoes() throws Exception {
    // The consistency test reads template.yaml with CfnYaml; the translator's own YAML loader
    // must see the same document, or that test would check something else.
    JsonNode viaPython =
        TemplateTools.pythonJson(
            "import json,sys\nfrom samtranslator.yaml_helper import yaml_parse\n"
                + "print(json.dumps(yaml_parse(open(sys.argv[1]).read())))",
            TemplateTools.template());
    JsonNode viaJava = TemplateTools.JSON.readTree(CfnYaml.read(TemplateTools.template()).toString());

    assertThat(viaJava).isEqualTo(viaPython);
  }

  // ---------------------------------------------------------------- functions

  @Test
  void healthCheckFunctionRunsTheJarInTheVpcWithJsonLogs() {
    JsonNode p = properties("HealthCheckFunction", "AWS::Lambda::Function");

    assertThat(p.get("Runtime").asText()).isEqualTo("java21");
    assertThat(p.get("Handler").asText())
        .isEqualTo("io.route53failover.healthcheck.HealthCheckFunction::handleRequest");
    assertThat(p.at("/Code/S3Bucket").asText()).isEqualTo(TemplateTools.CODE_BUCKET);
    assertThat(p.at("/Code/S3Key").asText()).isEqualTo(TemplateTools.CODE_KEY);
    assertThat(p.at("/Architectures/0")).isEqualTo(ref("Architecture"));
    assertThat(p.at("/VpcConfig/SubnetIds")).isEqualTo(ref("SubnetIds"));
    assertThat(p.at("/VpcConfig/SecurityGroupIds")).isEqualTo(ref("SecurityGroupIds"));
    assertThat(p.at("/Timeout/Fn::If/0").asText()).isEqualTo("SampleOncePerRun");
    assertThat(p.at("/Timeout/Fn::If/1")).isEqualTo(ref("HealthCheckTimeout"));
    assertThat(p.at("/Timeout/Fn::If/2").asInt())
        .isEqualTo(io.route53failover.healthcheck.HealthCheckFunction.SAMPLING_TIMEOUT_SECONDS);
    assertThat(p.at("/LoggingConfig/LogFormat").asText()).isEqualTo("JSON");
    assertThat(p.at("/LoggingConfig/LogGroup")).isEqualTo(ref("HealthCheckLogGroup"));
    assertThat(properties("HealthCheckLogGroup", "AWS::Logs::LogGroup").get("RetentionInDays"))
        .isEqualTo(ref("LogRetentionInDays"));
  }

  @Test
  void failoverFunctionRunsOutsideTheVpcWithJsonLogsOnlyWithTheLockChain() {
    JsonNode function = resource("FailoverFunction", "AWS::Lambda::Function");
    JsonNode p = function.get("Properties");

    assertThat(function.get("Condition").asText()).isEqualTo("CreateFailoverFunction");
    assertThat(p.has("VpcConfig")).as("FailoverFunction must not be in the VPC").isFalse();
    assertThat(p.get("Handler").asText())
        .isEqualTo("io.route53failover.failover.FailoverFunction::handleRequest");
    assertThat(p.at("/LoggingConfig/LogFormat").asText()).isEqualTo("JSON");
    assertThat(p.at("/LoggingConfig/LogGroup")).isEqualTo(ref("FailoverLogGroup"));
    assertThat(p.at("/Environment/Variables/FAILED_OVER_PATH")).isEqualTo(ref("FailedOverPath"));
  }

  // ---------------------------------------------------------------- IAM

  @Test
  void eachFunctionRunsWithItsOwnTemplateRoleSoSamGeneratesNone() {
    assertThat(properties("HealthCheckFunction", "AWS::Lambda::Function").get("Role"))
        .isEqualTo(getAtt("HealthCheckRole", "Arn"));
    assertThat(properties("FailoverFunction", "AWS::Lambda::Function").get("Role"))
        .isEqualTo(getAtt("FailoverRole", "Arn"));
    assertThat(resource("FailoverRole", "AWS::IAM::Role").get("Condition").asText()).isEqualTo("CreateFailoverFunction");
    List<String> roles = new ArrayList<>();
    resources.fields().forEachRemaining(e -> {
      if (e.getValue().get("Type").asText().equals("AWS::IAM::Role")) {
        roles.add(e.getKey());
      }
    });
    // SAM names the roles it generates <Function>Role; with Role set it generates none
    assertThat(roles).containsExactlyInAnyOrder("HealthCheckRole", "FailoverRole");
    for (String role : roles) {
      JsonNode trust = properties(role, "AWS::IAM::Role").at("/AssumeRolePolicyDocument/Statement/0");
      assertThat(trust.at("/Principal/Service").asText()).as(role).isEqualTo("lambda.amazonaws.com");
      assertThat(trust.get("Action").asText()).as(role).isEqualTo("sts:AssumeRole");
    }
  }

  @Test
  void healthCheckRolePublishesToItsNamespaceWritesItsLogGroupAndManagesEnisInItsAccount() {
    // with inline TARGETS: the target sources' own policies are absent
    JsonNode role = chosen("HealthCheckRole", new Deployment(true, true, false).values());
    Map<String, JsonNode> bySid = bySid(inlineStatements(role));

    assertThat(role.has("ManagedPolicyArns")).isFalse();
    assertThat(bySid)
        .containsOnlyKeys(
            "PublishAvailabilityMetrics",
            "WriteOwnLogGroupOnly",
            "CreateNetworkInterfacesInThisAccountAndRegion",
            "ManageNetworkInterfacesInThisAccountAndRegion",
            "DescribeNetworkInterfacesAndSubnets");
    JsonNode put = bySid.get("PublishAvailabilityMetrics");
    assertThat(actions(put)).containsExactly("cloudwatch:PutMetricData");
    assertThat(put.get("Resource").asText()).isEqualTo("*");
    assertThat(put.at("/Condition/StringEquals/cloudwatch:namespace")).isEqualTo(ref("MetricNamespace"));
    // the same expression as the namespace the function publishes to
    assertThat(properties("HealthCheckFunction", "AWS::Lambda::Function").at("/Environment/Variables/METRIC_NAMESPACE"))
        .isEqualTo(ref("MetricNamespace"));

    JsonNode logs = bySid.get("WriteOwnLogGroupOnly");
    assertThat(actions(logs)).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
    assertThat(logs.get("Resource")).isEqualTo(getAtt("HealthCheckLogGroup", "Arn"));
    assertThat(properties("HealthCheckFunction", "AWS::Lambda::Function").at("/LoggingConfig/LogGroup"))
        .isEqualTo(ref("HealthCheckLogGroup"));

    String account = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:";
    JsonNode create = bySid.get("CreateNetworkInterfacesInThisAccountAndRegion");
    assertThat(actions(create)).containsExactly("ec2:CreateNetworkInterface");
    assertThat(stringsIn(create.get("Resource")))
        .containsExactlyInAnyOrder(account + "network-interface/*", account + "subnet/*", account + "security-group/*");
    JsonNode manage = bySid.get("ManageNetworkInterfacesInThisAccountAndRegion");
    assertThat(actions(manage))
        .containsExactlyInAnyOrder(
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");
    assertThat(stringsIn(manage.get("Resource"))).containsExactly(account + "network-interface/*");
    JsonNode describe = bySid.get("DescribeNetworkInterfacesAndSubnets");
    assertThat(actions(describe)).containsExactlyInAnyOrder("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets");
  }

  /** The Route 53 statement's health checks are proven per deployment in {@link #theLockTouchesExactlyTheGatesAndThePublicPrimary}. */
  @Test
  void failoverRoleWritesOnlyItsLogGroupAndItsQueue() throws Exception {
    JsonNode role = properties("FailoverRole", "AWS::IAM::Role");
    Map<String, JsonNode> bySid = bySid(inlineStatements(role));

    assertThat(role.has("ManagedPolicyArns")).isFalse();
    assertThat(bySid).containsOnlyKeys(
        "LockConfiguredHealthChecksOnly", "WriteOwnLogGroupOnly", "KeepFailedEventsInTheQueue",
        "PublishActionEventsOnTheDefaultBus");
    JsonNode events = bySid.get("PublishActionEventsOnTheDefaultBus");
    assertThat(actions(events)).containsExactly("events:PutEvents");
    assertThat(events.get("Resource"))
        .isEqualTo(TemplateTools.JSON.readTree(
            "{\"Fn::Sub\":\"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default\"}"));
    JsonNode logs = bySid.get("WriteOwnLogGroupOnly");
    assertThat(actions(logs)).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
    assertThat(logs.get("Resource")).isEqualTo(getAtt("FailoverLogGroup", "Arn"));
    assertThat(properties("FailoverFunction", "AWS::Lambda::Function").at("/LoggingConfig/LogGroup"))
        .isEqualTo(ref("FailoverLogGroup"));
    JsonNode sqs = bySid.get("KeepFailedEventsInTheQueue");
    assertThat(actions(sqs)).containsExactly("sqs:SendMessage");
    assertThat(sqs.get("Resource")).isEqualTo(getAtt("FailoverDeadLetterQueue", "Arn"));
    assertThat(properties("FailoverFunctionEventInvokeConfig", "AWS::Lambda::EventInvokeConfig")
            .at("/DestinationConfig/OnFailure/Destination"))
        .isEqualTo(getAtt("FailoverDeadLetterQueue", "Arn"));
  }

  /**
   * Least privilege over everything the roles grant ({@link IamPolicies}): no managed policy (their
   * statements are not ours to scope), no wildcard action, {@code Resource: "*"} only for actions
   * that have no resource type, and an ARN wildcard only in the resource id: partition, service,
   * region and account are always fixed.
   */
  @Test
  void noPolicyGrantsAWildcardActionOrAWildcardResourceWhereAnArnExists() {
    List<String> problems = new ArrayList<>();
    int[] checked = {0};
    resources
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().get("Type").asText().equals("AWS::IAM::Role")) {
                return;
              }
              JsonNode role = e.getValue().get("Properties");
              for (String arn : TemplateTools.texts(role.path("ManagedPolicyArns"))) {
                problems.add(e.getKey() + ": managed policy " + arn);
              }
              for (JsonNode s : inlineStatements(role)) {
                if (!s.path("Effect").asText().equals("Allow")) {
                  continue;
                }
                for (String action : actions(s)) {
                  checked[0]++;
                  if (action.contains("*")) {
                    problems.add(e.getKey() + ": wildcard action " + action);
                  }
                  if (s.path("Resource").asText().equals("*")
                      && !IamPolicies.NO_RESOURCE_TYPE.containsKey(action)) {
                    problems.add(e.getKey() + ": " + action + " on Resource *");
                  }
                }
                for (String literal : stringsIn(s.path("Resource"))) {
                  for (String arn : literal.split(",")) {
                    if (arn.startsWith("arn:") && !IamPolicies.wildcardOnlyInResourceId(arn)) {
                      problems.add(e.getKey() + ": wildcard outside the resource id in " + arn);
                    }
                  }
                }
              }
            });
    assertThat(problems).isEmpty();
    assertThat(checked[0]).as("actions checked").isGreaterThanOrEqualTo(15);
  }

  // ---------------------------------------------------------------- events

  @Test
  void scheduleRuleTargetsHealthCheckFunctionAndMayInvokeIt() {
    JsonNode rule = properties("HealthCheckFunctionProbe", "AWS::Events::Rule");
    JsonNode permission = properties("HealthCheckFunctionProbePermission", "AWS::Lambda::Permission");

    assertThat(rule.get("ScheduleExpression")).isEqualTo(ref("ScheduleExpression"));
    assertThat(rule.get("Targets")).hasSize(1);
    // the rule invokes the published version behind the alias (SnapStart applies only there)
    assertThat(rule.at("/Targets/0/Arn")).isEqualTo(ref("HealthCheckFunctionAliaslive"));
    assertThat(permission.get("FunctionName")).isEqualTo(ref("HealthCheckFunctionAliaslive"));
    assertThat(permission.get("Principal").asText()).isEqualTo("events.amazonaws.com");
    assertThat(permission.get("SourceArn")).isEqualTo(getAtt("HealthCheckFunctionProbe", "Arn"));
    assertThat(parameterDefault("ScheduleExpression")).isEqualTo("rate(1 minute)");
  }

  @Test
  void failoverTopicDeliversToFailoverFunction() {
    JsonNode subscription = resource("FailoverFunctionLockAlarm", "AWS::SNS::Subscription");
    JsonNode permission = properties("FailoverFunctionLockAlarmPermission", "AWS::Lambda::Permission");

    assertThat(subscription.get("Condition").asText()).isEqualTo("CreateFailoverFunction");
    assertThat(subscription.at("/Properties/Protocol").asText()).isEqualTo("lambda");
    assertThat(subscription.at("/Properties/TopicArn")).isEqualTo(ref("FailoverTopic"));
    assertThat(subscription.at("/Properties/Endpoint")).isEqualTo(getAtt("FailoverFunction", "Arn"));
    assertThat(permission.get("Principal").asText()).isEqualTo("sns.amazonaws.com");
    assertThat(permission.get("SourceArn")).isEqualTo(ref("FailoverTopic"));
  }

  @Test
  void snapStartIsOffByDefaultAndAppliesToHealthCheckFunctionsPublishedVersionsOnly() {
    assertThat(parameterDefault("EnableSnapStart")).isEqualTo("false");
    JsonNode snapStart = properties("HealthCheckFunction", "AWS::Lambda::Function").get("SnapStart");
    assertThat(snapStart.at("/Fn::If/0").asText()).isEqualTo("SnapStartEnabled");
    assertThat(snapStart.at("/Fn::If/1/ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(snapStart.at("/Fn::If/2")).isEqualTo(ref("AWS::NoValue"));
    JsonNode alias = properties("HealthCheckFunctionAliaslive", "AWS::Lambda::Alias");
    assertThat(alias.get("Name").asText()).isEqualTo("live");
    assertThat(alias.get("FunctionName")).isEqualTo(ref("HealthCheckFunction"));
    assertThat(properties("HealthCheckFunctionEventInvokeConfig", "AWS::Lambda::EventInvokeConfig")
            .get("Qualifier").asText())
        .as("retries and event age apply to the alias the schedule invokes")
        .isEqualTo("live");
    // a rarely invoked function: a snapshot idle for 14 days turns Inactive and fails the invoke
    assertThat(properties("FailoverFunction", "AWS::Lambda::Function").has("SnapStart")).isFalse();
    assertThat(resources.has("FailoverFunctionAliaslive")).isFalse();
  }

  @Test
  void failedFailoverEventsAreRetriedBoundedlyThenKeptInTheQueue() {
    JsonNode config = properties("FailoverFunctionEventInvokeConfig", "AWS::Lambda::EventInvokeConfig");

    assertThat(config.get("FunctionName")).isEqualTo(ref("FailoverFunction"));
    assertThat(config.get("MaximumRetryAttempts").asInt()).isEqualTo(2);
    assertThat(config.get("MaximumEventAgeInSeconds").asInt()).isBetween(60, 21600).isEqualTo(3600);
    assertThat(config.at("/DestinationConfig/OnFailure/Destination"))
        .isEqualTo(getAtt("FailoverDeadLetterQueue", "Arn"));
    assertThat(properties("FailoverDeadLetterQueue", "AWS::SQS::Queue").get("MessageRetentionPeriod").asInt())
        .isEqualTo(14 * 24 * 3600);
  }

  @Test
  void failedProbeRunsAreNotRetriedSoNoStaleRunPublishes() {
    JsonNode config = properties("HealthCheckFunctionEventInvokeConfig", "AWS::Lambda::EventInvokeConfig");

    assertThat(config.get("FunctionName")).isEqualTo(ref("HealthCheckFunction"));
    assertThat(config.get("MaximumRetryAttempts").asInt()).isZero();
    assertThat(config.get("MaximumEventAgeInSeconds").asInt()).isEqualTo(60);
  }

  // ---------------------------------------------------------------- alarms

  @Test
  void nodeAlarmsFailSafeOnTheirAvailabilityMetric() {
    Map<String, String> alarms =
        Map.of(
            "PrimaryNodeAlarm", "PrimaryNodeName",
            "SecondaryNodeAlarm", "SecondaryNodeName",
            "TertiaryNodeAlarm", "TertiaryNodeName");
    alarms.forEach(
        (name, nodeParameter) -> {
          JsonNode p = properties(name, "AWS::CloudWatch::Alarm");
          assertThat(p.get("Namespace")).as(name).isEqualTo(ref("MetricNamespace"));
          assertThat(p.at("/MetricName/Fn::Sub").asText()).as(name).isEqualTo("${" + nodeParameter + "}_availability");
          assertThat(p.at("/Statistic/Fn::FindInMap/0").asText()).as(name).isEqualTo("FailedSamplesStatistic");
          assertThat(p.get("Period").asInt()).as(name).isEqualTo(60);
          assertThat(p.at("/Threshold/Fn::FindInMap/0").asText()).as(name).isEqualTo("FailedSamplesThreshold");
          assertThat(p.get("ComparisonOperator").asText()).as(name).isEqualTo("LessThanThreshold");
          assertThat(p.get("TreatMissingData").asText()).as(name).isEqualTo("breaching");
          assertThat(p.get("EvaluationPeriods")).as(name).isEqualTo(ref("AlarmEvaluationPeriods"));
          assertThat(p.get("DatapointsToAlarm")).as(name).isEqualTo(ref("AlarmDatapointsToAlarm"));
          assertThat(p.has("Dimensions")).as(name + ": the metrics carry no dimensions").isFalse();
        });
  }

  @Test
  void primaryAlarmWatchesTheRoute53HealthCheckAndNotifiesTheFailoverTopic() {
    JsonNode alarm = resource("PrimaryHealthCheckAlarm", "AWS::CloudWatch::Alarm");
    JsonNode p = alarm.get("Properties");

    assertThat(alarm.get("Condition").asText()).isEqualTo("CreatePublicLockChain");
    assertThat(p.get("Namespace").asText()).isEqualTo("AWS/Route53");
    assertThat(p.get("MetricName").asText()).isEqualTo("HealthCheckStatus");
    assertThat(p.get("Dimensions")).hasSize(1);
    assertThat(p.at("/Dimensions/0/Name").asText()).isEqualTo("HealthCheckId");
    assertThat(p.at("/Dimensions/0/Value")).isEqualTo(ref("PrimaryHealthCheckId"));
    assertThat(p.get("Statistic").asText()).isEqualTo("Minimum");
    assertThat(p.get("Period").asInt()).isEqualTo(60);
    assertThat(p.get("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(p.get("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
    assertThat(p.get("TreatMissingData").asText()).isEqualTo("notBreaching");
    assertThat(p.get("AlarmActions")).containsExactly(ref("FailoverTopic"));
    // AWS/Route53 metrics exist only in us-east-1: the Rules section refuses other regions.
    assertThat(translated.at("/Rules/PublicLockChainOnlyInUsEast1/Assertions/0/Assert").toString())
        .contains("AWS::Region")
        .contains("us-east-1");
  }

  // ---------------------------------------------------------------- health checks and records

  @Test
  void eachNodeHealthCheckFollowsItsOwnAlarm() {
    Map<String, String> alarmOf =
        Map.of(
            "PrimaryNodeHealthCheck", "PrimaryNodeAlarm",
            "SecondaryNodeHealthCheck", "SecondaryNodeAlarm",
            "TertiaryNodeHealthCheck", "TertiaryNodeAlarm");
    alarmOf.forEach(
        (check, alarm) -> {
          JsonNode c = properties(check, "AWS::Route53::HealthCheck").get("HealthCheckConfig");
          assertThat(c.get("Type").asText()).as(check).isEqualTo("CLOUDWATCH_METRIC");
          assertThat(c.at("/AlarmIdentifier/Name")).as(check).isEqualTo(ref(alarm));
          assertThat(c.at("/AlarmIdentifier/Region")).as(check).isEqualTo(ref("AWS::Region"));
          assertThat(c.get("InsufficientDataHealthStatus")).as(check).isEqualTo(ref("InsufficientDataHealthStatus"));
        });
    assertThat(resource("TertiaryNodeHealthCheck", "AWS::Route53::HealthCheck").get("Condition").asText())
        .isEqualTo("HasTertiaryNode");
  }

  @Test
  void recordsFormTheThreeNodeChainOrTheTwoNodePair() {
    // main: PRIMARY node 1, SECONDARY alias to the fallback pair (three nodes) or node 2 (two)
    // which health check each record looks at: recordsLookAtTheGatesOfThePrimariesAndTheMetricChecksOfTheRest
    assertRecord("MainPrimaryRecord", "CreateRecords", "primary", "PRIMARY", "PrimaryNodeValue");
    assertRecord("MainSecondaryRecord", "CreateTwoNodeRecords", "secondary", "SECONDARY", "SecondaryNodeValue");
    assertRecord("FallbackPrimaryRecord", "CreateThreeNodeRecords", "primary", "PRIMARY", "SecondaryNodeValue");
    assertRecord("FallbackSecondaryRecord", "CreateThreeNodeRecords", "secondary", "SECONDARY", "TertiaryNodeValue");

    JsonNode alias = resource("MainSecondaryAliasRecord", "AWS::Route53::RecordSet");
    assertThat(alias.get("Condition").asText()).isEqualTo("CreateThreeNodeRecords");
    JsonNode p = alias.get("Properties");
    assertThat(p.get("Name")).isEqualTo(ref("RecordName"));
    assertThat(p.get("Failover").asText()).isEqualTo("SECONDARY");
    assertThat(p.at("/AliasTarget/DNSName")).isEqualTo(properties("FallbackPrimaryRecord", "AWS::Route53::RecordSet").get("Name"));
    assertThat(p.at("/AliasTarget/EvaluateTargetHealth").asBoolean()).isTrue();
    assertThat(p.has("TTL")).as("alias records have no TTL").isFalse();
    assertThat(p.has("HealthCheckId")).as("the alias follows its target's health").isFalse();
  }

  @Test
  void createdPrivateZoneIsAssociatedWithTheVpc() {
    JsonNode zone = resource("PrivateHostedZone", "AWS::Route53::HostedZone");

    assertThat(zone.get("Condition").asText()).isEqualTo("CreatePrivateZone");
    assertThat(zone.at("/Properties/VPCs/0/VPCId")).isEqualTo(ref("PrivateZoneVpcId"));
    assertThat(zone.at("/Properties/VPCs/0/VPCRegion")).isEqualTo(ref("AWS::Region"));
  }

  @Test
  void outputsNameFunctionsTopicHealthChecksAndRecord() {
    assertThat(translated.get("Outputs").fieldNames())
        .toIterable()
        .contains(
            "HealthCheckFunctionArn",
            "FailoverFunctionArn",
            "FailoverTopicArn",
            "PrimaryNodeHealthCheckId",
            "SecondaryNodeHealthCheckId",
            "TertiaryNodeHealthCheckId",
            "PrimaryNodeGateId",
            "SecondaryNodeGateId",
            "RecordName");
    assertThat(translated.at("/Outputs/PrimaryNodeGateId/Value")).isEqualTo(ref("PrimaryNodeGate"));
    assertThat(translated.at("/Outputs/PrimaryNodeGateId/Condition").asText()).isEqualTo("GatePrimaryNode");
    assertThat(translated.at("/Outputs/SecondaryNodeGateId/Value")).isEqualTo(ref("SecondaryNodeGate"));
    assertThat(translated.at("/Outputs/SecondaryNodeGateId/Condition").asText()).isEqualTo("GateSecondaryNode");
  }

  // ---------------------------------------------------------------- the failover lock, per deployment

  /**
   * One deployment of the translated template: the layout (three nodes, or two with {@code
   * TertiaryNodeName} empty), {@code LockPrivateChain}, and whether a public primary ({@code
   * PrimaryHealthCheckId} with two {@code AdditionalHealthCheckIds}) is set. Without the public
   * primary the stack sits in another partition and region, as the private lock allows.
   */
  record Deployment(boolean threeNodes, boolean lockPrivateChain, boolean publicPrimary) {
    static final String PRIMARY_ID = "0f0f0f0f-0000-4000-8000-000000000001";
    static final List<String> ADDITIONAL_IDS =
        List.of("0f0f0f0f-0000-4000-8000-000000000002", "0f0f0f0f-0000-4000-8000-000000000003");

    String partition() {
      return publicPrimary ? "aws" : "aws-cn";
    }

    /** Parameters, pseudo parameters, and each resource's Ref: a stand-in id, an alarm's name. */
    Map<String, String> values() {
      Map<String, String> v = new HashMap<>();
      translated.get("Parameters").properties().forEach(e -> {
        if (e.getValue().has("Default")) {
          v.put(e.getKey(), e.getValue().get("Default").asText());
        }
      });
      v.putAll(Map.of(
          "Targets", "[]", "SubnetIds", "subnet-1", "SecurityGroupIds", "sg-1",
          "RecordName", "svc.internal.example.com", "PrimaryNodeValue", "192.0.2.1",
          "SecondaryNodeValue", "192.0.2.2", "TertiaryNodeValue", "192.0.2.3",
          "PrivateZoneName", "internal.example.com", "PrivateZoneVpcId", "vpc-0123456789abcdef0"));
      if (!threeNodes) {
        v.put("TertiaryNodeName", "");
      }
      v.put("LockPrivateChain", String.valueOf(lockPrivateChain));
      if (publicPrimary) {
        v.put("PrimaryHealthCheckId", PRIMARY_ID);
        v.put("AdditionalHealthCheckIds", String.join(",", ADDITIONAL_IDS));
      }
      v.put("AWS::StackName", "stack");
      v.put("AWS::Region", publicPrimary ? "us-east-1" : "cn-north-1");
      v.put("AWS::AccountId", "123456789012");
      v.put("AWS::Partition", partition());
      resources.properties().forEach(e -> v.putIfAbsent(e.getKey(), "id-" + e.getKey()));
      resources.properties().forEach(e -> {
        if (e.getValue().get("Type").asText().equals("AWS::CloudWatch::Alarm")) {
          v.put(e.getKey(), Intrinsics.resolve(e.getValue().at("/Properties/AlarmName"), v));
        }
      });
      return v;
    }

    /** Gate logical id to the node it guards: its name parameter, metric check and alarm. */
    Map<String, List<String>> expectedGates() {
      Map<String, List<String>> gates = new LinkedHashMap<>();
      if (lockPrivateChain) {
        gates.put("PrimaryNodeGate", List.of("PrimaryNodeName", "PrimaryNodeHealthCheck", "PrimaryNodeAlarm"));
        if (threeNodes) {
          gates.put("SecondaryNodeGate", List.of("SecondaryNodeName", "SecondaryNodeHealthCheck", "SecondaryNodeAlarm"));
        }
      }
      return gates;
    }

    @Override
    public String toString() {
      return (threeNodes ? "three nodes" : "two nodes")
          + ", LockPrivateChain=" + lockPrivateChain
          + (publicPrimary ? ", public primary" : ", no public primary");
    }
  }

  static List<Deployment> deployments() {
    List<Deployment> all = new ArrayList<>();
    for (boolean three : new boolean[] {true, false}) {
      for (boolean lock : new boolean[] {true, false}) {
        for (boolean pub : new boolean[] {true, false}) {
          all.add(new Deployment(three, lock, pub));
        }
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void eachGateFollowsOnlyItsNodesMetricCheckAtThresholdOneWithTheThreeTags(Deployment d) {
    Map<String, String> v = d.values();

    assertThat(existing(v, "AWS::Route53::HealthCheck").entrySet())
        .filteredOn(e -> e.getValue().at("/Properties/HealthCheckConfig/Type").asText().equals("CALCULATED"))
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrderElementsOf(d.expectedGates().keySet());
    d.expectedGates().forEach((gate, node) -> {
      JsonNode p = chosen(gate, v);
      JsonNode config = p.get("HealthCheckConfig");
      assertThat(config.get("Type").asText()).as(gate).isEqualTo("CALCULATED");
      assertThat(Intrinsics.resolveList(config.get("ChildHealthChecks"), v)).as(gate).containsExactly(v.get(node.get(1)));
      assertThat(config.get("HealthThreshold").asInt()).as(gate).isEqualTo(1);
      assertThat(config.has("Inverted")).as(gate).isFalse();
      Map<String, String> tags = new LinkedHashMap<>();
      p.get("HealthCheckTags").forEach(t -> tags.put(t.get("Key").asText(), Intrinsics.resolve(t.get("Value"), v)));
      assertThat(tags).as(gate).containsExactlyInAnyOrderEntriesOf(Map.of(
          "Name", "stack-" + v.get(node.get(0)) + "-gate",
          "route53-failover:node", v.get(node.get(0)),
          "route53-failover:alarm-name", v.get(node.get(2)),
          // InitialLockState's default: a new stack's gates start disarmed until `arm`
          "route53-failover:disarmed-until", "initial"));
    });
  }

  /** {@code InitialLockState=armed} leaves the disarm tag out; anything else is not allowed. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void gatesStartDisarmedUnlessInitialLockStateIsArmed(Deployment d) {
    assertThat(translated.at("/Parameters/InitialLockState/Default").asText()).isEqualTo("disarmed");
    assertThat(translated.at("/Parameters/InitialLockState/AllowedValues"))
        .extracting(JsonNode::asText)
        .containsExactly("disarmed", "armed");
    Map<String, String> v = d.values();
    v.put("InitialLockState", "armed");
    d.expectedGates().keySet().forEach(gate -> {
      List<String> keys = new ArrayList<>();
      chosen(gate, v).get("HealthCheckTags").forEach(t -> keys.add(t.get("Key").asText()));
      assertThat(keys).as(gate)
          .containsExactlyInAnyOrder("Name", "route53-failover:node", "route53-failover:alarm-name");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void recordsLookAtTheGatesOfThePrimariesAndTheMetricChecksOfTheRest(Deployment d) {
    Map<String, String> v = d.values();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("MainPrimaryRecord", d.lockPrivateChain() ? "PrimaryNodeGate" : "PrimaryNodeHealthCheck");
    if (d.threeNodes()) {
      expected.put("FallbackPrimaryRecord", d.lockPrivateChain() ? "SecondaryNodeGate" : "SecondaryNodeHealthCheck");
      expected.put("FallbackSecondaryRecord", "TertiaryNodeHealthCheck");
    } else {
      expected.put("MainSecondaryRecord", "SecondaryNodeHealthCheck");
    }
    Map<String, String> actual = new LinkedHashMap<>();
    existing(v, "AWS::Route53::RecordSet").forEach((id, r) -> {
      JsonNode p = chosen(id, v);
      if (p.has("HealthCheckId")) {
        actual.put(id, Intrinsics.resolve(p.get("HealthCheckId"), v));
      }
    });

    assertThat(actual).containsExactlyInAnyOrderEntriesOf(
        expected.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> v.get(e.getValue()))));
  }

  /**
   * Which alarms notify FailoverTopic, what FailoverFunction is told about them, and what its role
   * may change: the gates, and the public primary with its additional ids when set. Without
   * either, FailoverFunction and everything that serves it is absent, as before the gates.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void theLockTouchesExactlyTheGatesAndThePublicPrimary(Deployment d) throws Exception {
    Map<String, String> v = d.values();
    List<String> lockResources = List.of(
        "FailoverFunction", "FailoverTopic", "FailoverRole", "FailoverLogGroup", "FailoverDeadLetterQueue",
        "FailoverFunctionLockAlarm", "FailoverFunctionLockAlarmPermission", "FailoverFunctionEventInvokeConfig");
    boolean function = d.lockPrivateChain() || d.publicPrimary();
    for (String id : lockResources) {
      assertThat(exists(id, v)).as("%s exists", id).isEqualTo(function);
    }

    // alarm name -> the health check its ALARM locks
    Map<String, String> locks = new LinkedHashMap<>();
    d.expectedGates().forEach((gate, node) -> locks.put(v.get(node.get(2)), v.get(gate)));
    if (d.publicPrimary()) {
      locks.put(v.get("PrimaryHealthCheckAlarm"), Deployment.PRIMARY_ID);
    }
    Map<String, List<String>> actions = new LinkedHashMap<>();
    existing(v, "AWS::CloudWatch::Alarm").forEach((id, a) -> {
      JsonNode p = chosen(id, v);
      assertThat(p.has("OKActions") || p.has("InsufficientDataActions")).as(id).isFalse();
      if (p.has("AlarmActions")) {
        actions.put(v.get(id), Intrinsics.resolveList(p.get("AlarmActions"), v));
      }
    });
    assertThat(actions.keySet()).as("alarms with actions").containsExactlyInAnyOrderElementsOf(locks.keySet());
    assertThat(actions.values()).allSatisfy(a -> assertThat(a).containsExactly(v.get("FailoverTopic")));
    if (!function) {
      return;
    }

    Map<String, String> env = new LinkedHashMap<>();
    chosen("FailoverFunction", v).at("/Environment/Variables").properties()
        .forEach(e -> env.put(e.getKey(), Intrinsics.resolve(e.getValue(), v)));
    Map<String, String> alarmHealthChecks =
        TemplateTools.JSON.readValue(env.get("ALARM_HEALTH_CHECKS"), new TypeReference<Map<String, String>>() {});
    assertThat(alarmHealthChecks).as("ALARM_HEALTH_CHECKS").containsExactlyInAnyOrderEntriesOf(locks);
    List<String> ids = new ArrayList<>(locks.values());
    List<String> arns = new ArrayList<>(ids.stream().map(id -> "arn:" + d.partition() + ":route53:::healthcheck/" + id).toList());
    if (d.publicPrimary()) {
      ids.addAll(Deployment.ADDITIONAL_IDS);
      // the public chain is pinned to us-east-1 (Rules), so the partition of these is "aws"
      Deployment.ADDITIONAL_IDS.forEach(id -> arns.add("arn:aws:route53:::healthcheck/" + id));
    }
    assertThat(env.get("ALLOWED_HEALTH_CHECK_IDS").split(",")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(env.get("PRIMARY_HEALTH_CHECK_ID")).isEqualTo(d.publicPrimary() ? Deployment.PRIMARY_ID : "");
    FailoverConfig config = FailoverConfig.fromEnvironment(env);
    assertThat(config.allowedHealthCheckIds()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(config.primary().isPresent()).isEqualTo(d.publicPrimary());

    List<JsonNode> route53 = inlineStatements(chosen("FailoverRole", v)).stream()
        .filter(st -> actions(st).stream().anyMatch(a -> a.startsWith("route53:")))
        .toList();
    assertThat(route53).as("statements granting route53 actions").hasSize(1);
    assertThat(actions(route53.get(0))).containsExactlyInAnyOrder(
        "route53:GetHealthCheck", "route53:UpdateHealthCheck", "route53:ChangeTagsForResource", "route53:ListTagsForResource");
    assertThat(Intrinsics.resolveList(route53.get(0).get("Resource"), v)).containsExactlyInAnyOrderElementsOf(arns);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void aUsEast1RuleAppliesOnlyWithThePublicPrimary(Deployment d) {
    Map<String, String> v = d.values();
    // rules whose assertions test AWS::Region, and so refuse a region
    List<String> usEast1Rules = new ArrayList<>();
    translated.get("Rules").properties().forEach(e -> {
      boolean pinsTheRegion = false;
      for (JsonNode assertion : e.getValue().get("Assertions")) {
        pinsTheRegion |= assertion.get("Assert").toString().contains("AWS::Region");
      }
      if (pinsTheRegion) {
        usEast1Rules.add(e.getKey());
        assertThat(Intrinsics.holds(e.getValue().get("RuleCondition"), translated, v))
            .as("rule %s applies", e.getKey())
            .isEqualTo(d.publicPrimary());
      }
    });
    assertThat(usEast1Rules).containsExactly("PublicLockChainOnlyInUsEast1");
  }

  // ---------------------------------------------------------------- samconfig.toml

  @Test
  void samconfigDeploysWithTheCapabilitiesTheTranslatedStackNeeds() throws Exception {
    JsonNode config =
        TemplateTools.pythonJson(
            "import json,sys,tomllib\nprint(json.dumps(tomllib.load(open(sys.argv[1],'rb'))))",
            TemplateTools.basedir().resolve("samconfig.toml"));
    JsonNode deploy = config.at("/default/deploy/parameters");

    List<String> capabilities = List.of(deploy.path("capabilities").asText().split("\\s+"));
    boolean createsRoles = false;
    boolean namesRoles = false;
    for (JsonNode r : resources) {
      if (r.get("Type").asText().equals("AWS::IAM::Role")) {
        createsRoles = true;
        namesRoles |= !r.at("/Properties/RoleName").isMissingNode();
      }
    }
    assertThat(createsRoles).isTrue();
    assertThat(capabilities).contains(namesRoles ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
    assertThat(deploy.path("resolve_s3").asBoolean()).as("SAM manages the artifact bucket").isTrue();
    assertThat(deploy.path("confirm_changeset").asBoolean()).isTrue();
    assertThat(config.at("/default/global/parameters/stack_name").asText()).isNotBlank();
  }

  // ---------------------------------------------------------------- the gate itself

  @Test
  void translatorRejectsABrokenEventSoThisGateCanFail(@TempDir Path tmp) throws Exception {
    String template = Files.readString(TemplateTools.template());
    String good = "            Topic: !Ref FailoverTopic\n";
    assertThat(template).contains(good);
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, template.replace(good, "            Topik: !Ref FailoverTopic\n"));

    Result result = TemplateTools.runTranslation(broken);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("invalid SAM template").contains("LockAlarm");
  }

  // ---------------------------------------------------------------- Fn::ForEach

  /**
   * A function with a local CodeUri (the translation script rewrites it) and, optionally, a
   * {@code Fn::ForEach} block, under both transforms as CloudFormation would list them.
   */
  private static String languageExtensionsTemplate(boolean withForEach) {
    return "AWSTemplateFormatVersion: \"2010-09-09\"\n"
        + "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n"
        + "Resources:\n"
        + (withForEach
            ? "  Fn::ForEach::Nodes:\n"
                + "    - Node\n"
                + "    - [Primary, Secondary]\n"
                + "    - ${Node}NodeTopic:\n"
                + "        Type: AWS::SNS::Topic\n"
            : "")
        + "  Probe:\n"
        + "    Type: AWS::Serverless::Function\n"
        + "    Properties:\n"
        + "      Runtime: java21\n"
        + "      Handler: io.route53failover.healthcheck.HealthCheckFunction::handleRequest\n"
        + "      CodeUri: target/route53-failover.jar\n";
  }

  @Test
  void offlineTranslatorRejectsFnForEachAsTemplateYamlSays(@TempDir Path tmp) throws Exception {
    Path plain = tmp.resolve("plain.yaml");
    Files.writeString(plain, languageExtensionsTemplate(false));
    Path forEach = tmp.resolve("foreach.yaml");
    Files.writeString(forEach, languageExtensionsTemplate(true));

    Result control = TemplateTools.runTranslation(plain);
    Result result = TemplateTools.runTranslation(forEach);

    // the transform list alone translates; the Fn::ForEach block is what is refused
    assertThat(control.exitCode()).as("control:%n%s", control.output()).isZero();
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("invalid SAM template")
        .contains("All 'Resources' must be Objects");
    assertThat(Files.readString(TemplateTools.template()))
        .contains("Fn::ForEach is not used");
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRecord(
      String name, String condition, String setIdentifier, String failover, String valueParameter) {
    JsonNode record = resource(name, "AWS::Route53::RecordSet");
    JsonNode p = record.get("Properties");
    assertThat(record.get("Condition").asText()).as(name).isEqualTo(condition);
    assertThat(p.get("SetIdentifier").asText()).as(name).isEqualTo(setIdentifier);
    assertThat(p.get("Failover").asText()).as(name).isEqualTo(failover);
    assertThat(p.get("TTL")).as(name).isEqualTo(ref("RecordTtl"));
    assertThat(p.get("Type")).as(name).isEqualTo(ref("RecordType"));
    assertThat(p.get("ResourceRecords")).as(name).containsExactly(ref(valueParameter));
  }

  private static boolean exists(String id, Map<String, String> values) {
    JsonNode r = resources.get(id);
    assertThat(r).as("resource %s", id).isNotNull();
    return !r.has("Condition") || Intrinsics.condition(r.get("Condition").asText(), translated, values);
  }

  /** Resources of {@code type} that exist under {@code values}. */
  private static Map<String, JsonNode> existing(Map<String, String> values, String type) {
    Map<String, JsonNode> found = TemplateTools.resourcesOfType(translated, type);
    found.keySet().removeIf(id -> !exists(id, values));
    return found;
  }

  /** A resource's properties with every Fn::If decided under {@code values}. */
  private static JsonNode chosen(String id, Map<String, String> values) {
    return Intrinsics.chooseBranches(resources.get(id).get("Properties"), translated, values);
  }

  private static JsonNode resource(String name, String type) {
    JsonNode resource = resources.get(name);
    assertThat(resource).as("resource %s", name).isNotNull();
    assertThat(resource.get("Type").asText()).as("type of %s", name).isEqualTo(type);
    return resource;
  }

  private static JsonNode properties(String name, String type) {
    return resource(name, type).get("Properties");
  }

  private static String parameterDefault(String name) {
    return translated.at("/Parameters/" + name + "/Default").asText();
  }

  private static JsonNode ref(String name) {
    return TemplateTools.JSON.createObjectNode().put("Ref", name);
  }

  private static JsonNode getAtt(String resource, String attribute) {
    return TemplateTools.JSON.createObjectNode()
        .set("Fn::GetAtt", TemplateTools.JSON.createArrayNode().add(resource).add(attribute));
  }

  private static List<JsonNode> inlineStatements(JsonNode roleProperties) {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode policy : roleProperties.path("Policies")) {
      JsonNode s = policy.at("/PolicyDocument/Statement");
      if (s.isArray()) {
        s.forEach(statements::add);
      } else {
        statements.add(s);
      }
    }
    return statements;
  }

  private static Map<String, JsonNode> bySid(List<JsonNode> statements) {
    Map<String, JsonNode> bySid = new LinkedHashMap<>();
    for (JsonNode s : statements) {
      assertThat(s.path("Effect").asText()).as("Effect of %s", s.path("Sid")).isEqualTo("Allow");
      assertThat(bySid.put(s.path("Sid").asText(), s)).as("Sid %s used twice", s.path("Sid")).isNull();
    }
    return bySid;
  }

  private static List<String> actions(JsonNode statement) {
    return TemplateTools.texts(statement.get("Action"));
  }

  /** Every string literal inside {@code node} (template strings of Fn::Sub included). */
  private static List<String> stringsIn(JsonNode node) {
    List<String> strings = new ArrayList<>();
    if (node.isTextual()) {
      strings.add(node.asText());
    }
    node.forEach(child -> strings.addAll(stringsIn(child)));
    return strings;
  }
}
