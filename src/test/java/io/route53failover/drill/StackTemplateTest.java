package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drill's view of template.yaml refuses parameter values a deployment would refuse. What the
 * template holds under which parameters is proven on the translated template (SamTranslationIT).
 */
class StackTemplateTest {
  @Test
  void refusesValuesADeploymentWouldRefuse() {
    assertThatThrownBy(() -> StackTemplate.load("s", Map.of("PrimaryHealthCheckId", "hc-1")))
        .hasMessageContaining("PrimaryHealthCheckId=\"hc-1\" does not match");
    assertThatThrownBy(() -> StackTemplate.load("s", Map.of("RecordType", "MX")))
        .hasMessageContaining("RecordType=\"MX\" is not allowed");
    assertThatThrownBy(() -> StackTemplate.load("s", Map.of("NoSuchParameter", "x")))
        .hasMessageContaining("NoSuchParameter is not a parameter");
  }
}
