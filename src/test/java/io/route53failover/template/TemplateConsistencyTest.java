package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.Route53Clients;
import io.route53failover.healthcheck.HealthCheckConfig;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.Target;
import io.route53failover.healthcheck.TargetConfigException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml agrees with the code: handlers exist, the environment set is the environment read,
 * alarms watch the metric names HealthCheckFunction publishes, and the timeout fits the probes.
 * Each check is a function returning problems, and each is also shown to report a broken input.
 */
class TemplateConsistencyTest {

  /** Variables a function may set that are read by the JVM rather than by our configuration. */
  static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  /**
   * Variables the template already sets for code that does not read them yet (none today). {@link
   * #pendingVariablesAreStillUnread} fails once the code reads one, so the entry cannot outlive
   * its reason.
   */
  static final Map<String, Set<String>> PENDING_BY_HANDLER =
      Map.of();

  /** What each handler class reads from its environment (its config's ENVIRONMENT_VARIABLES). */
  static final Map<String, List<String>> VARIABLES_READ_BY_HANDLER =
      Map.of(
          "io.route53failover.healthcheck.HealthCheckFunction", HealthCheckConfig.ENVIRONMENT_VARIABLES,
          "io.route53failover.failover.FailoverFunction", FailoverConfig.ENVIRONMENT_VARIABLES);

  /**
   * Time HealthCheckFunction keeps for publishing after probing ({@code
   * HealthCheckFunction#publishReserve(int)} for one target, read from the code). The template's HealthCheckTimeout
   * description states it in seconds.
   */
  static final int PUBLISH_RESERVE_MS = publishReserveMs();

  /** Node-name parameters; each has an availability alarm. */
  static final List<String> NODE_PARAMETERS =
      List.of("PrimaryNodeName", "SecondaryNodeName", "TertiaryNodeName");

  private static JsonNode template;
  private static String fixtureTargets;

  @BeforeAll
  static void load() throws Exception {
    template = CfnYaml.read(TemplateTools.template());
    fixtureTargets =
        Files.readString(Path.of(TemplateTools.class.getResource("/template/targets.json").toURI()));
  }

  // ---------------------------------------------------------------- handlers

  @Test
  void everyHandlerNamesALambdaHandlerClassAndMethod() {
    Map<String, String> handlers = handlers(template);
    assertThat(handlers).containsOnlyKeys("HealthCheckFunction", "FailoverFunction");

    handlers.forEach(
        (function, handler) -> assertThat(handlerProblems(handler)).as(function).isEmpty());
  }

  @Test
  void handlerCheckReportsAMissingClassAMissingMethodAndANonHandler() {
    assertThat(handlerProblems("io.route53failover.healthcheck.NoSuchFunction::handleRequest"))
        .singleElement()
        .asString()
        .contains("class not found");
    assertThat(handlerProblems("io.route53failover.failover.FailoverFunction::handle"))
        .singleElement()
        .asString()
        .contains("no public method handle");
    assertThat(handlerProblems("io.route53failover.healthcheck.HealthCheckConfig::fromEnvironment"))
        .anySatisfy(p -> assertThat(p).contains("does not implement RequestHandler"));
  }

  // ---------------------------------------------------------------- environment

  @Test
  void everyVariableSetIsReadAndEveryVariableReadIsSet() {
    for (var function : serverlessFunctions(template).entrySet()) {
      String handlerClass = handlerClass(function.getValue().at("/Properties/Handler").asText());
      List<String> read = VARIABLES_READ_BY_HANDLER.get(handlerClass);
      assertThat(read).as("variables read by %s are known to this test", handlerClass).isNotNull();

      Set<String> set = new TreeSet<>(environmentSet(template, function.getValue()));
      set.removeAll(PENDING_BY_HANDLER.getOrDefault(handlerClass, Set.of()));

      assertThat(environmentProblems(set, read)).as(function.getKey()).isEmpty();
    }
  }

  @Test
  void pendingVariablesAreStillUnread() {
    PENDING_BY_HANDLER.forEach(
        (handlerClass, pending) ->
            assertThat(VARIABLES_READ_BY_HANDLER.get(handlerClass))
                .as("%s now reads these; remove them from PENDING_BY_HANDLER", handlerClass)
                .doesNotContainAnyElementsOf(pending));
  }

  @Test
  void environmentCheckReportsUnreadUnsetAndEndpointVariables() {
    Set<String> set =
        Set.of(
            "TARGETS",
            "TARGETS_PARAMETER",
            "TARGETS_S3_URI",
            "TARGETS_REFRESH_SECONDS",
            "METRIC_STORAGE_RESOLUTION",
            "MAX_CONCURRENT_PROBES",
            "SAMPLE_INTERVAL_SECONDS",
            "CA_BUNDLE_PARAMETER",
            "FOO",
            "AWS_ENDPOINT_URL");

    assertThat(environmentProblems(set, HealthCheckConfig.ENVIRONMENT_VARIABLES))
        .containsExactlyInAnyOrder(
            "FOO is set but never read",
            "AWS_ENDPOINT_URL must not be set in the template (it would send real traffic elsewhere)",
            "METRIC_NAMESPACE is read but not set");
  }

  // ---------------------------------------------------------------- metric names

  @Test
  void nodeAlarmsWatchMetricsThatHealthCheckFunctionPublishes() {
    Map<String, String> parameters = parameterValues(template, Map.of("Targets", fixtureTargets));

    List<String> problems = alarmMetricProblems(template, parameters);

    assertThat(problems).isEmpty();
    assertThat(nodeAlarms(template)).hasSize(NODE_PARAMETERS.size());
  }

  @Test
  void metricCheckReportsANodeWhoseTargetRenamedItsMetric() throws Exception {
    // node1 overrides its metric name, so nothing publishes node1_availability any more.
    String renamed =
        fixtureTargets.replace(
            "\"name\": \"node1\",", "\"name\": \"node1\", \"metricName\": \"web_up\",");
    assertThat(renamed).isNotEqualTo(fixtureTargets);
    Map<String, String> parameters = parameterValues(template, Map.of("Targets", renamed));

    assertThat(alarmMetricProblems(template, parameters))
        .singleElement()
        .asString()
        .contains("PrimaryNodeAlarm")
        .contains("node1_availability")
        .contains("web_up");
  }

  @Test
  void namespacePatternAcceptsExactlyTheNamespacesTheCodeAccepts() {
    // CloudFormation evaluates AllowedPattern as a Java regular expression.
    Pattern allowed = Pattern.compile(template.at("/Parameters/MetricNamespace/AllowedPattern").asText());
    List<String> namespaces =
        List.of(
            "LambdaCustomHC", "My App/Health", "a:b", "team#1.svc-a_b", "aws/lower", "AWSx", "AWS",
            ":leading-colon", "AWS/EC2", "", " ", "   ", " padded ", "tab\tinside", "caf\u00e9",
            "x".repeat(255), "x".repeat(256));
    Map<String, String> parameters = parameterValues(template, Map.of("Targets", fixtureTargets));

    for (String namespace : namespaces) {
      parameters.put("MetricNamespace", namespace);
      boolean codeAccepts;
      try {
        deployedConfig(template, parameters);
        codeAccepts = true;
      } catch (TargetConfigException e) {
        assertThat(e.getMessage()).startsWith("METRIC_NAMESPACE");
        codeAccepts = false;
      }
      assertThat(allowed.matcher(namespace).matches())
          .as("template pattern on \"%s\" (code accepts: %s)", namespace, codeAccepts)
          .isEqualTo(codeAccepts);
    }
    assertThat(allowed.matcher(template.at("/Parameters/MetricNamespace/Default").asText()).matches()).isTrue();
  }

  @Test
  void metricsAreStandardResolutionAsRoute53HealthChecksRequire() {
    HealthCheckConfig config = deployedConfig(template, parameterValues(template, Map.of("Targets", fixtureTargets)));

    assertThat(config.storageResolution()).isEqualTo(60);
    for (JsonNode alarm : nodeAlarms(template).values()) {
      assertThat(alarm.at("/Properties/Period").asInt()).isEqualTo(60);
    }
  }

  // ---------------------------------------------------------------- timeout

  @Test
  void timeoutLeavesRoomForTheSlowestProbeAndPublishingWithinOneSchedulePeriod() {
    JsonNode timeout = template.at("/Parameters/HealthCheckTimeout");
    HealthCheckConfig config = deployedConfig(template, parameterValues(template, Map.of("Targets", fixtureTargets)));
    int slowestProbeMs = config.targets().stream().mapToInt(Target::timeoutMs).max().orElseThrow();

    assertThat(timeout.get("Default").asLong() * 1000)
        .as("default Timeout vs slowest probe %d ms + publishing %d ms", slowestProbeMs, PUBLISH_RESERVE_MS)
        .isGreaterThan(slowestProbeMs + PUBLISH_RESERVE_MS);
    // node3 in the fixture sets no timeoutMs, so the parser's default applies to it.
    int defaultProbeMs =
        config.targets().stream().filter(t -> t.name().equals("node3")).findFirst().orElseThrow().timeoutMs();
    assertThat(timeout.get("MinValue").asLong() * 1000)
        .as("the smallest allowed Timeout fits a default-timeout probe (%d ms) and publishing", defaultProbeMs)
        .isGreaterThanOrEqualTo(defaultProbeMs + PUBLISH_RESERVE_MS);
    assertThat(timeout.get("MaxValue").asInt())
        .as("a run must end before the next rate(1 minute) run starts")
        .isLessThanOrEqualTo(60);
  }

  @Test
  void belowOneSampleARunTheTimeoutFitsProbingUntilTheOverlapGuardAndPublishing() {
    JsonNode timeout =
        serverlessFunctions(template).get("HealthCheckFunction").at("/Properties/Timeout/Fn::If");
    long probingMs =
        io.route53failover.healthcheck.SampleSchedule.SCHEDULE_PERIOD
            .minus(io.route53failover.healthcheck.SampleSchedule.OVERLAP_GUARD)
            .toMillis();

    assertThat(timeout.get(0).asText()).isEqualTo("SampleOncePerRun");
    assertThat(timeout.get(1).path("Ref").asText()).isEqualTo("HealthCheckTimeout");
    assertThat(timeout.get(2).asInt()).isEqualTo(HealthCheckFunction.SAMPLING_TIMEOUT_SECONDS);
    assertThat(timeout.get(2).asLong() * 1000)
        .as("probing until the guard (%d ms) plus the publishing reserve (%d ms)", probingMs, PUBLISH_RESERVE_MS)
        .isGreaterThanOrEqualTo(probingMs + PUBLISH_RESERVE_MS);
  }

  @Test
  void localInvokeDefaultsToTheTemplateTimeouts() {
    assertThat(template.at("/Parameters/HealthCheckTimeout/Default").asInt())
        .as("HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS")
        .isEqualTo(HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS);
    assertThat(serverlessFunctions(template).get("FailoverFunction").at("/Properties/Timeout").asInt())
        .as("FailoverFunction.DEFAULT_TIMEOUT_SECONDS")
        .isEqualTo(FailoverFunction.DEFAULT_TIMEOUT_SECONDS);
  }

  @Test
  void failoverTimeoutFitsOneLockAttemptAtTheRoute53ClientsCallTimeout() {
    long timeoutMs =
        serverlessFunctions(template).get("FailoverFunction").at("/Properties/Timeout").asLong() * 1000;
    long attemptMs =
        HealthCheckLock.MAX_CALLS_PER_ATTEMPT * Route53Clients.API_CALL_TIMEOUT.toMillis();

    assertThat(FailoverFunction.LOCK_ATTEMPT_BUDGET.toMillis()).isEqualTo(attemptMs);
    assertThat(timeoutMs)
        .as(
            "FailoverFunction Timeout vs %d Route 53 calls of %s each + reserve %s",
            HealthCheckLock.MAX_CALLS_PER_ATTEMPT,
            Route53Clients.API_CALL_TIMEOUT,
            FailoverFunction.DEADLINE_RESERVE)
        .isGreaterThanOrEqualTo(attemptMs + FailoverFunction.DEADLINE_RESERVE.toMillis());
  }

  @Test
  void timeoutDescriptionStatesThePublishReserveOfTheCode() {
    assertThat(template.at("/Parameters/HealthCheckTimeout/Description").asText())
        .contains("keeps " + PUBLISH_RESERVE_MS / 1000 + " s of it for publishing");
  }

  private static int publishReserveMs() {
    return Math.toIntExact(
        io.route53failover.healthcheck.HealthCheckFunction.publishReserve(1).toMillis());
  }

  // ---------------------------------------------------------------- checks

  /** Problems with a {@code Handler} string {@code class::method}; empty when Lambda can call it. */
  static List<String> handlerProblems(String handler) {
    List<String> problems = new ArrayList<>();
    String className = handlerClass(handler);
    String methodName = handler.substring(handler.indexOf("::") + 2);
    Class<?> type;
    try {
      type = Class.forName(className, false, TemplateConsistencyTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return List.of(handler + ": class not found");
    }
    if (!RequestHandler.class.isAssignableFrom(type)) {
      problems.add(handler + ": " + className + " does not implement RequestHandler");
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      problems.add(handler + ": class is not public");
    }
    try {
      type.getConstructor();
    } catch (NoSuchMethodException e) {
      problems.add(handler + ": no public no-arg constructor for Lambda to call");
    }
    boolean callable = false;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(methodName)
          && m.getParameterCount() == 2
          && m.getParameterTypes()[1] == Context.class
          && !Modifier.isStatic(m.getModifiers())) {
        callable = true;
      }
    }
    if (!callable) {
      problems.add(handler + ": no public method " + methodName + "(event, Context)");
    }
    return problems;
  }

  /** Problems when the variables set differ from those read (plus the JVM's own). */
  static List<String> environmentProblems(Set<String> set, List<String> read) {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(set)) {
      if (name.equals("AWS_ENDPOINT_URL")) {
        problems.add(name + " must not be set in the template (it would send real traffic elsewhere)");
      } else if (!read.contains(name) && !JVM_VARIABLES.contains(name)) {
        problems.add(name + " is set but never read");
      }
    }
    for (String name : read) {
      if (!set.contains(name)) {
        problems.add(name + " is read but not set");
      }
    }
    return problems;
  }

  /**
   * Problems when a node alarm watches a namespace or metric name that HealthCheckFunction, run
   * with the template's environment under {@code parameters}, does not publish.
   */
  static List<String> alarmMetricProblems(JsonNode template, Map<String, String> parameters) {
    HealthCheckConfig config = deployedConfig(template, parameters);
    Set<String> published =
        config.targets().stream().map(Target::metricName).collect(Collectors.toCollection(TreeSet::new));
    List<String> problems = new ArrayList<>();
    nodeAlarms(template)
        .forEach(
            (name, alarm) -> {
              String namespace = Intrinsics.resolve(alarm.at("/Properties/Namespace"), parameters);
              String metric = Intrinsics.resolve(alarm.at("/Properties/MetricName"), parameters);
              if (!namespace.equals(config.namespace())) {
                problems.add(name + " watches namespace " + namespace + ", metrics go to " + config.namespace());
              }
              if (!published.contains(metric)) {
                problems.add(name + " watches " + metric + ", published are " + published);
              }
            });
    return problems;
  }

  // ---------------------------------------------------------------- template access

  static Map<String, JsonNode> serverlessFunctions(JsonNode template) {
    return resourcesOfType(template, "AWS::Serverless::Function");
  }

  static Map<String, JsonNode> resourcesOfType(JsonNode template, String type) {
    return TemplateTools.resourcesOfType(template, type);
  }

  /**
   * Availability alarms on our own metrics (not the AWS/Route53 alarm of the lock chain, nor the
   * certificate alarms, CertAlarmTemplateTest).
   */
  static Map<String, JsonNode> nodeAlarms(JsonNode template) {
    Map<String, JsonNode> alarms = resourcesOfType(template, "AWS::CloudWatch::Alarm");
    alarms.values().removeIf(a -> a.at("/Properties/Namespace").asText().startsWith("AWS/"));
    alarms.keySet().removeIf(id -> id.endsWith("CertAlarm"));
    return alarms;
  }

  static Map<String, String> handlers(JsonNode template) {
    Map<String, String> handlers = new LinkedHashMap<>();
    serverlessFunctions(template)
        .forEach((name, f) -> handlers.put(name, f.at("/Properties/Handler").asText()));
    return handlers;
  }

  private static String handlerClass(String handler) {
    int sep = handler.indexOf("::");
    return sep < 0 ? handler : handler.substring(0, sep);
  }

  /** Variable names a function sets: Globals' and its own, as SAM merges them. */
  static Set<String> environmentSet(JsonNode template, JsonNode function) {
    Set<String> names = new TreeSet<>();
    template.at("/Globals/Function/Environment/Variables").fieldNames().forEachRemaining(names::add);
    function.at("/Properties/Environment/Variables").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** HealthCheckFunction's configuration as the code reads it from the template's environment. */
  static HealthCheckConfig deployedConfig(JsonNode template, Map<String, String> parameters) {
    return HealthCheckConfig.fromEnvironment(
        environmentValues(serverlessFunctions(template).get("HealthCheckFunction"), parameters));
  }

  /** The function's environment with intrinsics resolved under {@code parameters}. */
  static Map<String, String> environmentValues(JsonNode function, Map<String, String> parameters) {
    Map<String, String> env = new HashMap<>();
    function
        .at("/Properties/Environment/Variables")
        .fields()
        .forEachRemaining(e -> env.put(e.getKey(), Intrinsics.resolve(e.getValue(), parameters)));
    return env;
  }

  /** Parameter defaults overridden by {@code overrides}, plus the pseudo parameters used. */
  static Map<String, String> parameterValues(JsonNode template, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    template
        .get("Parameters")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().has("Default")) {
                values.put(e.getKey(), e.getValue().get("Default").asText());
              }
            });
    values.put("AWS::StackName", "consistency");
    values.put("AWS::Region", "us-east-1");
    values.putAll(overrides);
    return values;
  }
}
