package io.route53failover.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.failover.MotoHealthChecks;
import io.route53failover.testing.MotoServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The failover chain of {@code template.yaml}, created in a moto_server resource by resource with
 * the template's names and values ({@link StackTemplate}), for the drills:
 *
 * <ul>
 *   <li>the primary's HTTPS health check: not a template resource but its {@code
 *       PrimaryHealthCheckId} parameter (the lock target), created first;
 *   <li>every {@code AWS::SNS::Topic}; FailoverFunction's topic gets an SQS queue subscribed with
 *       {@code RawMessageDelivery=false}, standing in for Lambda's subscription;
 *   <li>every {@code AWS::CloudWatch::Alarm} (PutMetricAlarm), every {@code
 *       AWS::Route53::HealthCheck} ({@code CLOUDWATCH_METRIC} node checks, then the {@code
 *       CALCULATED} gates on them, with their tags), {@code AWS::Route53::HostedZone} and {@code
 *       AWS::Route53::RecordSet} whose condition holds.
 * </ul>
 *
 * <p>A property this class does not know fails the setup, naming it: a template change must
 * change the drill, never be dropped silently. Not created: the functions, their log groups and
 * FailoverFunction's dead-letter queue; the tests run the handlers in-process.
 */
final class DrillStack implements AutoCloseable {
  static final String STACK = "drill";
  static final String FAILOVER_FUNCTION = "FailoverFunction";
  static final String HEALTH_CHECK_FUNCTION = "HealthCheckFunction";

  private static final Set<String> ALARM_PROPERTIES =
      Set.of(
          "AlarmName", "AlarmDescription", "Namespace", "MetricName", "Dimensions", "Statistic",
          "Period", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator",
          "TreatMissingData", "AlarmActions", "OKActions", "InsufficientDataActions",
          "ActionsEnabled", "Unit");

  final StackTemplate template;
  final CloudWatchClient cloudWatch;
  final Route53Client route53;
  final SnsClient sns;
  final SqsClient sqs;
  final String primaryHealthCheckId;
  /** Logical id to physical id or name, of everything created, in creation order. */
  final Map<String, String> created = new LinkedHashMap<>();

  private String topicArn;
  private String queueUrl;
  private String subscriptionArn;

  private DrillStack(
      MotoServer moto, Map<String, String> parameters, String primaryPath) throws IOException {
    cloudWatch = moto.cloudWatch();
    route53 = moto.route53();
    sns = moto.sns();
    sqs = moto.sqs();
    primaryHealthCheckId = MotoHealthChecks.createHttps(route53, primaryPath);
    Map<String, String> values = new HashMap<>(parameters);
    values.put("PrimaryHealthCheckId", primaryHealthCheckId);
    template = StackTemplate.load(STACK, values);
  }

  /**
   * Creates the chain.
   *
   * @param parameters template parameters that replace the defaults ({@code PrimaryHealthCheckId}
   *     is set to the created HTTPS health check)
   * @param primaryPath the primary HTTPS health check's {@code ResourcePath}
   */
  static DrillStack create(MotoServer moto, Map<String, String> parameters, String primaryPath)
      throws IOException {
    DrillStack stack = new DrillStack(moto, parameters, primaryPath);
    stack.createTopics();
    stack.createAlarms();
    stack.createHealthChecks();
    stack.createHostedZones();
    stack.createRecords();
    return stack;
  }

  /** FailoverFunction's SNS topic (its {@code SNS} event's {@code Topic}). */
  String topicArn() {
    return topicArn;
  }

  /** The SNS → SQS → Lambda-event path of FailoverFunction's topic. */
  SnsToLambda lambdaSubscription() {
    return new SnsToLambda(sns, sqs, queueUrl, subscriptionArn);
  }

  /** The alarm as DescribeAlarms returns it. */
  MetricAlarm alarm(String name) {
    List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms();
    if (alarms.size() != 1) {
      throw new AssertionError("DescribeAlarms " + name + " returned " + alarms.size() + " alarms");
    }
    return alarms.get(0);
  }

  /** The names of the alarms whose {@code AlarmActions} notify FailoverFunction's topic. */
  List<String> alarmsNotifyingFailoverFunction() {
    return cloudWatch.describeAlarms().metricAlarms().stream()
        .filter(a -> a.alarmActions().contains(topicArn))
        .map(MetricAlarm::alarmName)
        .toList();
  }

  /** A function's environment from the template, plus the emulator's endpoint and region. */
  Map<String, String> functionEnvironment(String function, MotoServer moto) {
    Map<String, String> env = new HashMap<>(template.environment(function));
    env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    env.put("AWS_REGION", StackTemplate.REGION);
    return env;
  }

  /** A function's {@code Timeout} in seconds, from the template. */
  int functionTimeoutSeconds(String function) {
    return Integer.parseInt(template.resolve(template.properties(function).get("Timeout")));
  }

  private void createTopics() {
    for (String id : template.resources("AWS::SNS::Topic").keySet()) {
      JsonNode p = template.properties(id);
      requireOnly(id, p, Set.of("DisplayName"));
      Map<String, String> attributes = new HashMap<>();
      if (p.has("DisplayName")) {
        attributes.put("DisplayName", template.resolve(p.get("DisplayName")));
      }
      String arn = sns.createTopic(r -> r.name(STACK + "-" + id).attributes(attributes)).topicArn();
      bind(id, arn);
    }
    JsonNode events = template.properties(FAILOVER_FUNCTION).path("Events");
    for (Iterator<JsonNode> it = events.elements(); it.hasNext(); ) {
      JsonNode event = it.next();
      if ("SNS".equals(event.path("Type").asText())) {
        topicArn = template.resolve(event.at("/Properties/Topic"));
      }
    }
    if (topicArn == null) {
      throw new AssertionError("template.yaml: FailoverFunction has no SNS event");
    }
    queueUrl = sqs.createQueue(r -> r.queueName(STACK + "-failover-function")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    subscriptionArn =
        sns.subscribe(
                r ->
                    r.topicArn(topicArn)
                        .protocol("sqs")
                        .endpoint(queueArn)
                        .attributes(Map.of("RawMessageDelivery", "false"))
                        .returnSubscriptionArn(true))
            .subscriptionArn();
  }

  private void createAlarms() {
    for (String id : template.resources("AWS::CloudWatch::Alarm").keySet()) {
      JsonNode p = template.properties(id);
      requireOnly(id, p, ALARM_PROPERTIES);
      PutMetricAlarmRequest.Builder b = PutMetricAlarmRequest.builder();
      b.alarmName(text(p, "AlarmName"));
      b.alarmDescription(text(p, "AlarmDescription"));
      b.namespace(text(p, "Namespace"));
      b.metricName(text(p, "MetricName"));
      b.statistic(text(p, "Statistic"));
      b.period(integer(p, "Period"));
      b.evaluationPeriods(integer(p, "EvaluationPeriods"));
      b.datapointsToAlarm(integer(p, "DatapointsToAlarm"));
      b.threshold(p.has("Threshold") ? Double.valueOf(text(p, "Threshold")) : null);
      b.comparisonOperator(text(p, "ComparisonOperator"));
      b.treatMissingData(text(p, "TreatMissingData"));
      b.unit(text(p, "Unit"));
      if (p.has("ActionsEnabled")) {
        b.actionsEnabled(Boolean.valueOf(text(p, "ActionsEnabled")));
      }
      b.alarmActions(texts(p.path("AlarmActions")));
      b.okActions(texts(p.path("OKActions")));
      b.insufficientDataActions(texts(p.path("InsufficientDataActions")));
      List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dimensions =
          new ArrayList<>();
      for (JsonNode d : p.path("Dimensions")) {
        dimensions.add(
            software.amazon.awssdk.services.cloudwatch.model.Dimension.builder()
                .name(template.resolve(d.get("Name")))
                .value(template.resolve(d.get("Value")))
                .build());
      }
      b.dimensions(dimensions);
      PutMetricAlarmRequest request = b.build();
      cloudWatch.putMetricAlarm(request);
      bind(id, request.alarmName());
    }
  }

  private void createHealthChecks() {
    for (String id : template.resources("AWS::Route53::HealthCheck").keySet()) {
      JsonNode p = template.properties(id);
      requireOnly(id, p, Set.of("HealthCheckConfig", "HealthCheckTags"));
      JsonNode c = p.get("HealthCheckConfig");
      requireOnly(
          id + ".HealthCheckConfig",
          c,
          Set.of("Type", "AlarmIdentifier", "InsufficientDataHealthStatus", "ChildHealthChecks", "HealthThreshold"));
      HealthCheckConfig.Builder config =
          HealthCheckConfig.builder()
              .type(text(c, "Type"))
              .insufficientDataHealthStatus(text(c, "InsufficientDataHealthStatus"))
              .healthThreshold(integer(c, "HealthThreshold"));
      if (c.has("ChildHealthChecks")) {
        // a gate (CALCULATED): its children were created before it, in template order
        config.childHealthChecks(texts(c.get("ChildHealthChecks")));
      }
      if (c.has("AlarmIdentifier")) {
        config.alarmIdentifier(
            a ->
                a.region(text(c.get("AlarmIdentifier"), "Region"))
                    .name(text(c.get("AlarmIdentifier"), "Name")));
      }
      String hc =
          route53
              .createHealthCheck(r -> r.callerReference(STACK + "-" + id).healthCheckConfig(config.build()))
              .healthCheck()
              .id();
      List<Tag> tags = new ArrayList<>();
      for (JsonNode t : p.path("HealthCheckTags")) {
        tags.add(Tag.builder().key(text(t, "Key")).value(text(t, "Value")).build());
      }
      if (!tags.isEmpty()) {
        route53.changeTagsForResource(
            r -> r.resourceType(TagResourceType.HEALTHCHECK).resourceId(hc).addTags(tags));
      }
      bind(id, hc);
    }
  }

  private void createHostedZones() {
    for (String id : template.resources("AWS::Route53::HostedZone").keySet()) {
      JsonNode p = template.properties(id);
      requireOnly(id, p, Set.of("Name", "HostedZoneConfig", "VPCs"));
      JsonNode vpc = p.path("VPCs").path(0);
      String zone =
          route53
              .createHostedZone(
                  r -> {
                    r.name(text(p, "Name")).callerReference(STACK + "-" + id);
                    r.hostedZoneConfig(
                        h -> h.comment(text(p.path("HostedZoneConfig"), "Comment")).privateZone(!vpc.isMissingNode()));
                    if (!vpc.isMissingNode()) {
                      r.vpc(v -> v.vpcId(text(vpc, "VPCId")).vpcRegion(text(vpc, "VPCRegion")));
                    }
                  })
              .hostedZone()
              .id()
              .replace("/hostedzone/", "");
      bind(id, zone);
    }
  }

  private void createRecords() {
    Map<String, List<Change>> byZone = new LinkedHashMap<>();
    for (String id : template.resources("AWS::Route53::RecordSet").keySet()) {
      JsonNode p = template.properties(id);
      requireOnly(
          id,
          p,
          Set.of(
              "HostedZoneId", "Name", "Type", "SetIdentifier", "Failover", "HealthCheckId", "TTL",
              "ResourceRecords", "AliasTarget"));
      ResourceRecordSet.Builder set =
          ResourceRecordSet.builder()
              .name(text(p, "Name"))
              .type(text(p, "Type"))
              .setIdentifier(text(p, "SetIdentifier"))
              .failover(text(p, "Failover"))
              .healthCheckId(text(p, "HealthCheckId"))
              .ttl(p.has("TTL") ? Long.valueOf(text(p, "TTL")) : null);
      if (p.has("ResourceRecords")) {
        set.resourceRecords(texts(p.get("ResourceRecords")).stream().map(v -> rr(v)).toList());
      }
      if (p.has("AliasTarget")) {
        JsonNode a = p.get("AliasTarget");
        set.aliasTarget(
            AliasTarget.builder()
                .dnsName(text(a, "DNSName"))
                .hostedZoneId(text(a, "HostedZoneId"))
                .evaluateTargetHealth(Boolean.valueOf(text(a, "EvaluateTargetHealth")))
                .build());
      }
      byZone
          .computeIfAbsent(text(p, "HostedZoneId"), z -> new ArrayList<>())
          .add(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(set.build()).build());
      created.put(id, text(p, "Name") + " " + text(p, "Failover"));
    }
    byZone.forEach(
        (zone, changes) ->
            route53.changeResourceRecordSets(
                r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(changes))));
  }

  private static software.amazon.awssdk.services.route53.model.ResourceRecord rr(String value) {
    return software.amazon.awssdk.services.route53.model.ResourceRecord.builder().value(value).build();
  }

  private void bind(String logicalId, String physical) {
    template.bind(logicalId, physical);
    created.put(logicalId, physical);
  }

  private String text(JsonNode properties, String name) {
    JsonNode v = properties.get(name);
    return v == null || v.isNull() ? null : template.resolve(v);
  }

  private Integer integer(JsonNode properties, String name) {
    String v = text(properties, name);
    return v == null ? null : Integer.valueOf(v);
  }

  private List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(template.resolve(n)));
    return out;
  }

  private static void requireOnly(String resource, JsonNode properties, Set<String> known) {
    properties
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new IllegalStateException(
                    "template.yaml: "
                        + resource
                        + " has property "
                        + name
                        + ", which the drill's moto setup does not create; extend DrillStack");
              }
            });
  }

  @Override
  public void close() {
    cloudWatch.close();
    route53.close();
    sns.close();
    sqs.close();
  }
}
