package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverConfigTest {

  @Test
  void emptyEnvironmentGivesDefaults() {
    FailoverConfig c = FailoverConfig.fromEnvironment(Map.of());

    assertThat(c.primaryHealthCheckId()).isNull();
    assertThat(c.primary()).isEmpty();
    assertThat(c.allowedHealthCheckIds()).isEmpty();
    assertThat(c.allows("anything")).isTrue();
    assertThat(c.failedOverPath()).isEqualTo("/lb-check-failed-over");
  }

  @Test
  void blankVariablesCountAsUnset() {
    FailoverConfig c =
        FailoverConfig.fromEnvironment(
            Map.of(
                "PRIMARY_HEALTH_CHECK_ID",
                " ",
                "ALLOWED_HEALTH_CHECK_IDS",
                "",
                "FAILED_OVER_PATH",
                ""));

    assertThat(c).isEqualTo(FailoverConfig.fromEnvironment(Map.of()));
  }

  @Test
  void allowedIdsAreCommaSeparatedAndTrimmed() {
    FailoverConfig c =
        FailoverConfig.fromEnvironment(
            Map.of(
                "ALLOWED_HEALTH_CHECK_IDS", " a-1 ,b-2,, c-3 ", "PRIMARY_HEALTH_CHECK_ID", "b-2"));

    assertThat(c.allowedHealthCheckIds()).containsExactlyInAnyOrder("a-1", "b-2", "c-3");
    assertThat(c.allows("b-2")).isTrue();
    assertThat(c.allows("d-4")).isFalse();
    assertThat(c.primary()).contains("b-2");
  }

  @Test
  void primaryOutsideTheAllowedListIsRejected() {
    assertThatThrownBy(
            () ->
                FailoverConfig.fromEnvironment(
                    Map.of("ALLOWED_HEALTH_CHECK_IDS", "a-1", "PRIMARY_HEALTH_CHECK_ID", "z-9")))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("PRIMARY_HEALTH_CHECK_ID: ")
        .hasMessageContaining("z-9");
  }

  @Test
  void failedOverPathMustStartWithSlash() {
    assertThatThrownBy(() -> FailoverConfig.fromEnvironment(Map.of("FAILED_OVER_PATH", "locked")))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessage("FAILED_OVER_PATH: must start with '/', was \"locked\"")
        .satisfies(
            t ->
                assertThat(((FailoverConfigException) t).variable()).isEqualTo("FAILED_OVER_PATH"));
  }

  @Test
  void failedOverPathIsAtMost255Characters() {
    String ok = "/" + "a".repeat(254);
    assertThat(FailoverConfig.fromEnvironment(Map.of("FAILED_OVER_PATH", ok)).failedOverPath())
        .isEqualTo(ok);

    assertThatThrownBy(() -> FailoverConfig.fromEnvironment(Map.of("FAILED_OVER_PATH", ok + "a")))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("FAILED_OVER_PATH: must be at most 255 characters")
        .hasMessageContaining("was 256");
  }

  @Test
  void failedOverPathWithSpacesIsRejected() {
    assertThatThrownBy(() -> FailoverConfig.fromEnvironment(Map.of("FAILED_OVER_PATH", "/a b")))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("FAILED_OVER_PATH: ");
  }

  @Test
  void overlongHealthCheckIdIsRejected() {
    assertThatThrownBy(
            () -> FailoverConfig.fromEnvironment(Map.of("PRIMARY_HEALTH_CHECK_ID", "x".repeat(65))))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("PRIMARY_HEALTH_CHECK_ID: ");
    assertThatThrownBy(
            () -> FailoverConfig.fromEnvironment(Map.of("ALLOWED_HEALTH_CHECK_IDS", "a,b c")))
        .isInstanceOf(FailoverConfigException.class)
        .hasMessageStartingWith("ALLOWED_HEALTH_CHECK_IDS: ");
  }

  @Test
  void everyVariableIsListed() {
    assertThat(FailoverConfig.ENVIRONMENT_VARIABLES)
        .containsExactlyInAnyOrder(
            FailoverConfig.PRIMARY_HEALTH_CHECK_ID,
            FailoverConfig.ALLOWED_HEALTH_CHECK_IDS,
            FailoverConfig.FAILED_OVER_PATH,
            FailoverConfig.ALARM_HEALTH_CHECKS);
  }

  @Test
  void healthCheckIdOf64CharactersIsAccepted() {
    String id = "a".repeat(64);

    assertThat(FailoverConfig.fromEnvironment(Map.of("PRIMARY_HEALTH_CHECK_ID", id)).primary()).contains(id);
  }
}
