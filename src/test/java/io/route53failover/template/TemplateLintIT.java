package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.template.TemplateTools.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cfn-lint (with its built-in SAM transform) accepts template.yaml and rejects broken copies.
 *
 * <p>One run covers the parameter combinations: cfn-lint evaluates every scenario of the
 * template's conditions itself (LockPrivateChain on/off, two or three nodes, public primary or
 * not), as {@link #aGateUsedWhereItMayNotExistIsRejected} shows. Its {@code --parameters} option
 * does not narrow that here (checked with cfn-lint 1.51.0: even {@code RecordType=MX} passes).
 */
class TemplateLintIT {

  private static final Duration LINT_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @Test
  void templateIsClean() throws Exception {
    Path cfnLint = TemplateTools.requireCfnLint();

    Result result = lint(cfnLint, TemplateTools.template());

    assertThat(result.exitCode()).as("cfn-lint output:%n%s", result.output()).isZero();
  }

  @Test
  void unknownRuntimeIsRejected() throws Exception {
    Path cfnLint = TemplateTools.requireCfnLint();
    Path broken = brokenCopy("Runtime: java21", "Runtime: java99");

    Result result = lint(cfnLint, broken);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("E3030").contains("'java99' is not one of");
  }

  @Test
  void misspelledAlarmPropertyIsRejected() throws Exception {
    Path cfnLint = TemplateTools.requireCfnLint();
    Path broken =
        brokenCopy(
            "MetricName: !Sub ${PrimaryNodeName}_availability",
            "MetricNme: !Sub ${PrimaryNodeName}_availability");

    Result result = lint(cfnLint, broken);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("E3002").contains("Did you mean 'MetricName'?");
  }

  @Test
  void aGateUsedWhereItMayNotExistIsRejected() throws Exception {
    Path cfnLint = TemplateTools.requireCfnLint();
    // node 2's gate exists only with three nodes; the main PRIMARY record exists with two as well
    Path broken =
        brokenCopy(
            "HealthCheckId: !If [GatePrimaryNode, !Ref PrimaryNodeGate, !Ref PrimaryNodeHealthCheck]",
            "HealthCheckId: !If [GatePrimaryNode, !Ref SecondaryNodeGate, !Ref PrimaryNodeHealthCheck]");

    Result result = lint(cfnLint, broken);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
        .contains("W1001")
        .contains("'SecondaryNodeGate' that may not be available when condition 'GateSecondaryNode' is False");
  }

  /** A copy of template.yaml with exactly one occurrence of {@code from} replaced. */
  private Path brokenCopy(String from, String to) throws Exception {
    String template = Files.readString(TemplateTools.template());
    assertThat(template).as("the text to break must occur in template.yaml").contains(from);
    Path broken = tmp.resolve("broken-template.yaml");
    int at = template.indexOf(from);
    Files.writeString(broken, template.substring(0, at) + to + template.substring(at + from.length()));
    return broken;
  }

  private static Result lint(Path cfnLint, Path template) throws Exception {
    return TemplateTools.run(LINT_TIMEOUT, List.of(cfnLint.toString(), template.toString()));
  }
}
