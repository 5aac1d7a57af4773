package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.events.ActionEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator dashboard's body, resolved for each layout (two or three nodes, with or without the
 * primary lock), is dashboard JSON whose widgets show exactly the metrics and alarms that layout
 * has; and the NotificationEmail resources forward the events the code publishes.
 */
class DashboardTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "eu-west-1";
  private static final String STACK = "failover-stack";
  private static final String ACCOUNT = "123456789012";

  private static JsonNode template;

  @BeforeAll
  static void load() throws Exception {
    template = CfnYaml.read(TemplateTools.template());
  }

  /** Parameter defaults, the overrides, pseudo parameters, and a value for each resource Ref. */
  private static Map<String, String> values(String tertiaryNodeName, String primaryHealthCheckId) {
    Map<String, String> v = new HashMap<>();
    template
        .get("Parameters")
        .fields()
        .forEachRemaining(e -> v.put(e.getKey(), e.getValue().path("Default").asText("")));
    v.put("Targets", "[]");
    v.put("TertiaryNodeName", tertiaryNodeName);
    v.put("PrimaryHealthCheckId", primaryHealthCheckId);
    v.put("AWS::Region", REGION);
    v.put("AWS::StackName", STACK);
    v.put("AWS::AccountId", ACCOUNT);
    v.put("AWS::Partition", "aws");
    v.put("AWS::URLSuffix", "amazonaws.com");
    for (String function : TemplateTools.resourcesOfType(template, "AWS::Serverless::Function").keySet()) {
      v.put(function, STACK + "-" + function + "-AbC123");
    }
    Map<String, String> resolved = new HashMap<>(v);
    TemplateTools.resourcesOfType(template, "AWS::CloudWatch::Alarm")
        .forEach(
            (id, alarm) -> {
              String name = Intrinsics.resolve(alarm.at("/Properties/AlarmName"), resolved);
              // Ref gives the name; no value for Fn::GetAtt Arn, which moto's CloudFormation cannot
              // resolve for the alarms it skips (TemplateMotoDeployIT)
              v.put(id, name);
            });
    return v;
  }

  private static String alarmArn(String name) {
    return "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name;
  }

  private static boolean exists(JsonNode resource, Map<String, String> values) {
    JsonNode condition = resource.get("Condition");
    return condition == null || Intrinsics.condition(condition.asText(), template, values);
  }

  private static JsonNode body(Map<String, String> values) throws Exception {
    JsonNode dashboard = template.at("/Resources/OperatorDashboard");
    assertThat(dashboard.path("Type").asText()).isEqualTo("AWS::CloudWatch::Dashboard");
    assertThat(dashboard.has("Condition")).as("the dashboard exists in every layout").isFalse();
    JsonNode chosen =
        Intrinsics.chooseBranches(dashboard.at("/Properties/DashboardBody"), template, values);
    return JSON.readTree(Intrinsics.resolve(chosen, values));
  }

  @ParameterizedTest(name = "tertiary node \"{0}\", primary lock \"{1}\"")
  @CsvSource({
    "node3, 11111111-2222-3333-4444-555555555555",
    "'',    ''",
    "node3, ''",
    "'',    11111111-2222-3333-4444-555555555555"
  })
  void widgetsShowExactlyTheLayoutsNodeMetricsAlarmsAndFunctions(
      String tertiary, String primaryHealthCheckId) throws Exception {
    Map<String, String> values = values(tertiary, primaryHealthCheckId);
    JsonNode body = body(values);

    Set<List<String>> metrics = new LinkedHashSet<>();
    Set<String> alarms = new LinkedHashSet<>();
    assertThat(body.get("widgets").isArray()).isTrue();
    for (JsonNode widget : body.get("widgets")) {
      assertThat(widget.get("width").asInt()).isBetween(1, 24);
      assertThat(widget.get("height").asInt()).isBetween(1, 1000);
      JsonNode properties = widget.get("properties");
      switch (widget.get("type").asText()) {
        case "metric" -> {
          assertThat(properties.get("region").asText()).isEqualTo(REGION);
          assertThat(properties.get("title").asText()).isNotBlank();
          for (JsonNode metric : properties.get("metrics")) {
            List<String> reference = new ArrayList<>();
            for (JsonNode part : metric) {
              if (part.isTextual()) {
                reference.add(part.asText());
              } else {
                assertThat(part.isObject()).as("rendering options, last").isTrue();
              }
            }
            metrics.add(reference);
          }
        }
        case "alarm" -> properties.get("alarms").forEach(a -> alarms.add(a.asText()));
        default -> throw new AssertionError("unexpected widget type " + widget.get("type"));
      }
    }

    Set<List<String>> expectedMetrics = new LinkedHashSet<>();
    Set<String> expectedAlarms = new LinkedHashSet<>();
    for (String node : List.of("PrimaryNodeName", "SecondaryNodeName", "TertiaryNodeName")) {
      String name = values.get(node);
      if (!name.isEmpty()) {
        // the names HealthCheckFunction publishes: Target.metricName() and latencyMetricName()
        expectedMetrics.add(List.of(values.get("MetricNamespace"), name + "_availability"));
        expectedMetrics.add(List.of(values.get("MetricNamespace"), name + "_latency"));
        // the default CertExpiryWarningDays (14) watches certificates: HttpTarget.certDaysMetricName()
        expectedMetrics.add(List.of(values.get("MetricNamespace"), name + "_cert_days"));
      }
    }
    TemplateTools.resourcesOfType(template, "AWS::CloudWatch::Alarm")
        .forEach(
            (id, alarm) -> {
              // certificate alarms only notify; the dashboard shows the failover chain
              if (exists(alarm, values) && !id.endsWith("CertAlarm")) {
                expectedAlarms.add(alarmArn(values.get(id)));
                if (alarm.at("/Properties/Namespace").isObject()) {
                  // a node alarm: the dashboard shows the metric it watches
                  assertThat(metrics)
                      .contains(
                          List.of(
                              Intrinsics.resolve(alarm.at("/Properties/Namespace"), values),
                              Intrinsics.resolve(alarm.at("/Properties/MetricName"), values)));
                }
              }
            });
    TemplateTools.resourcesOfType(template, "AWS::Serverless::Function")
        .forEach(
            (id, function) -> {
              if (exists(function, values)) {
                for (String metric : List.of("Errors", "Duration", "Throttles")) {
                  expectedMetrics.add(List.of("AWS/Lambda", metric, "FunctionName", values.get(id)));
                }
              }
            });

    assertThat(metrics).containsExactlyInAnyOrderElementsOf(expectedMetrics);
    assertThat(alarms).containsExactlyInAnyOrderElementsOf(expectedAlarms);
    assertThat(alarms.contains(alarmArn(values.get("PrimaryHealthCheckAlarm"))))
        .isEqualTo(!primaryHealthCheckId.isEmpty());
    assertThat(metrics.stream().anyMatch(m -> m.get(1).startsWith("node3_")))
        .isEqualTo(!tertiary.isEmpty());
  }

  /** The cert widgets of a body: metric name to the annotation's value. */
  private static Map<String, Double> certWidgets(JsonNode body) {
    Map<String, Double> widgets = new java.util.LinkedHashMap<>();
    for (JsonNode widget : body.get("widgets")) {
      JsonNode metrics = widget.at("/properties/metrics");
      String metric = metrics.path(0).path(1).asText();
      if (metric.endsWith("_cert_days")) {
        assertThat(metrics.size()).as("one metric per cert widget").isEqualTo(1);
        assertThat(metrics.at("/0/2/stat").asText()).isEqualTo("Minimum");
        JsonNode horizontal = widget.at("/properties/annotations/horizontal");
        assertThat(horizontal.size()).isEqualTo(1);
        widgets.put(metric, horizontal.at("/0/value").asDouble());
      }
    }
    return widgets;
  }

  @ParameterizedTest(name = "tertiary node \"{0}\", CertExpiryWarningDays {1}")
  @CsvSource({"node3, 21", "'', 21", "node3, 0", "'', 0"})
  void certWidgetsGraphEachNodesCertDaysWithALineAtTheWarningOnlyWhenCertificatesAreWatched(
      String tertiary, String warningDays) throws Exception {
    Map<String, String> values = values(tertiary, "");
    values.put("CertExpiryWarningDays", warningDays);
    Map<String, Double> widgets = certWidgets(body(values));

    Map<String, Double> expected = new java.util.LinkedHashMap<>();
    if (!warningDays.equals("0")) {
      expected.put(values.get("PrimaryNodeName") + "_cert_days", Double.parseDouble(warningDays));
      expected.put(values.get("SecondaryNodeName") + "_cert_days", Double.parseDouble(warningDays));
      if (!tertiary.isEmpty()) {
        expected.put("node3_cert_days", Double.parseDouble(warningDays));
      }
    }
    assertThat(widgets).containsExactlyEntriesOf(expected);
    // the line sits where the cert alarms fire: same metric, same threshold
    TemplateTools.resourcesOfType(template, "AWS::CloudWatch::Alarm")
        .forEach(
            (id, alarm) -> {
              if (id.endsWith("CertAlarm") && exists(alarm, values)) {
                String metric = Intrinsics.resolve(alarm.at("/Properties/MetricName"), values);
                assertThat(widgets).containsEntry(
                    metric, Double.parseDouble(Intrinsics.resolve(alarm.at("/Properties/Threshold"), values)));
              }
            });
  }

  @Test
  void theOutputIsTheDashboardsConsoleUrl() {
    Map<String, String> values = values("node3", "");
    String name =
        Intrinsics.resolve(template.at("/Resources/OperatorDashboard/Properties/DashboardName"), values);
    values.put("OperatorDashboard", name);

    assertThat(name).isEqualTo(STACK + "-" + REGION).matches("[A-Za-z0-9_-]{1,255}");
    assertThat(Intrinsics.resolve(template.at("/Outputs/DashboardUrl/Value"), values))
        .isEqualTo(
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
                + "#dashboards/dashboard/failover-stack-eu-west-1");
  }

  @Test
  void notificationEmailForwardsTheProjectsEventsFromTheDefaultBusToAnEmailTopic() {
    JsonNode resources = template.get("Resources");
    for (String id :
        List.of(
            "NotificationTopic",
            "NotificationEmailSubscription",
            "NotificationRule",
            "NotificationTopicPolicy")) {
      assertThat(resources.at("/" + id + "/Condition").asText()).as(id).isEqualTo("SendNotifications");
    }
    Map<String, String> values = values("node3", "");
    assertThat(Intrinsics.condition("SendNotifications", template, values)).isFalse();
    values.put("NotificationEmail", "oncall@example.com");
    assertThat(Intrinsics.condition("SendNotifications", template, values)).isTrue();

    JsonNode rule = resources.at("/NotificationRule/Properties");
    assertThat(rule.get("EventBusName").asText()).isEqualTo("default");
    assertThat(rule.get("EventPattern"))
        .isEqualTo(JSON.createObjectNode().set("source", JSON.createArrayNode().add(ActionEvent.SOURCE)));
    assertThat(rule.get("State").asText()).isEqualTo("ENABLED");
    assertThat(rule.at("/Targets/0/Arn")).isEqualTo(JSON.createObjectNode().put("Ref", "NotificationTopic"));

    JsonNode subscription = resources.at("/NotificationEmailSubscription/Properties");
    assertThat(subscription.get("Protocol").asText()).isEqualTo("email");
    assertThat(subscription.get("Endpoint")).isEqualTo(JSON.createObjectNode().put("Ref", "NotificationEmail"));

    JsonNode statement = resources.at("/NotificationTopicPolicy/Properties/PolicyDocument/Statement/0");
    assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(statement.get("Action").asText()).isEqualTo("sns:Publish");
    assertThat(statement.get("Resource")).isEqualTo(JSON.createObjectNode().put("Ref", "NotificationTopic"));
    assertThat(statement.at("/Condition/ArnEquals/aws:SourceArn"))
        .isEqualTo(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add("NotificationRule").add("Arn")));
  }

  @Test
  void notificationEmailTakesOneAddressOrNothing() {
    Pattern allowed =
        Pattern.compile(template.at("/Parameters/NotificationEmail/AllowedPattern").asText());

    assertThat(allowed.matcher("").matches()).isTrue();
    assertThat(allowed.matcher("oncall@example.com").matches()).isTrue();
    assertThat(allowed.matcher("oncall@example.com,dba@example.com").matches()).isFalse();
    assertThat(allowed.matcher("on call@example.com").matches()).isFalse();
    assertThat(allowed.matcher("oncall").matches()).isFalse();
  }
}
