package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmStateTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void noTagsIsArmed() {
    ArmState s = ArmState.fromTags(Map.of("Name", "gate"));
    assertThat(s.armedAt(NOW)).isTrue();
    assertThat(s.recorded()).isFalse();
    assertThat(s.describe(NOW)).isEqualTo("armed");
  }

  @Test
  void disarmedUntilTheRecordedTimeThenArmedByItself() {
    ArmState s =
        ArmState.fromTags(
            ArmState.disarmTags(NOW, Duration.ofMinutes(30), "restart node1", "arn:aws:sts::1:x"));
    assertThat(s.until()).isEqualTo(Instant.parse("2026-12-03T12:30:00Z"));
    assertThat(s.disarmedAt(NOW)).isTrue();
    assertThat(s.disarmedAt(Instant.parse("2026-12-03T12:29:59.999Z"))).isTrue();
    assertThat(s.armedAt(Instant.parse("2026-12-03T12:30:00Z"))).isTrue();
    assertThat(s.describe(NOW))
        .isEqualTo(
            "disarmed until 2026-12-03T12:30:00Z (reason: restart node1; by arn:aws:sts::1:x)");
    assertThat(s.describe(Instant.parse("2026-12-03T13:00:00Z")))
        .isEqualTo("armed (disarm expired at 2026-12-03T12:30:00Z)");
  }

  @Test
  void initialIsDisarmedWhateverTheTime() {
    ArmState s = ArmState.fromTags(Map.of(ArmState.DISARMED_UNTIL, "initial"));
    assertThat(s.initial()).isTrue();
    assertThat(s.disarmedAt(Instant.MAX)).isTrue();
    assertThat(s.describe(NOW)).startsWith("disarmed until arm (initial");
  }

  @Test
  void anUnreadableTagNeverKeepsTheLockFromFiring() {
    ArmState s = ArmState.fromTags(Map.of(ArmState.DISARMED_UNTIL, "tomorrow"));
    assertThat(s.armedAt(NOW)).isTrue();
    assertThat(s.problem()).contains("\"tomorrow\"");
    assertThat(s.describe(NOW)).startsWith("armed (tag route53-failover:disarmed-until holds");
  }

  @Test
  void disarmTakesAtMostOneDayAndAReason() {
    assertThat(ArmState.disarmTags(NOW, Duration.ofHours(24), "r", null))
        .containsEntry(ArmState.DISARMED_UNTIL, "2026-12-04T12:00:00Z")
        .containsEntry(ArmState.DISARM_REASON, "r")
        .doesNotContainKey(ArmState.DISARMED_BY);
    assertThatThrownBy(() -> ArmState.disarmTags(NOW, Duration.ofHours(24).plusSeconds(1), "r", null))
        .hasMessage("--for: at most 24 h, was PT24H1S");
    assertThatThrownBy(() -> ArmState.disarmTags(NOW, Duration.ZERO, "r", null))
        .hasMessageStartingWith("--for: must be positive");
    assertThatThrownBy(() -> ArmState.disarmTags(NOW, Duration.ofHours(1), " ", null))
        .hasMessage("--reason: must not be blank");
    assertThatThrownBy(() -> ArmState.disarmTags(NOW, Duration.ofHours(1), "x".repeat(257), null))
        .hasMessageContaining("--reason: at most 256 characters");
    assertThat(ArmState.disarmTags(NOW, Duration.ofHours(1), "x".repeat(256), "a".repeat(300)))
        .hasEntrySatisfying(ArmState.DISARMED_BY, by -> assertThat(by).hasSize(256));
  }
}
