package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.drill.FakeTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RecordWait} on fake time: the record's answer changes only when the wait sleeps. */
class RecordWaitTest {
  private final FakeTicker ticker = new FakeTicker(Instant.parse("2026-01-05T10:00:00Z"));
  private String answering = "secondary";
  private final List<String> progress = new ArrayList<>();

  private final RecordCheck check =
      new RecordCheck() {
        @Override
        public String record() {
          return "app.example.test A";
        }

        @Override
        public RecordAnswer.Seen resolve() {
          return new RecordAnswer.Seen(
              answering, List.of(answering.equals("primary") ? "192.0.2.10" : "192.0.2.20"), null);
        }
      };

  private RecordWait.Result await(Duration timeout, Duration interval) throws Exception {
    return new RecordWait(check, ticker)
        .await(
            "primary",
            timeout,
            interval,
            (elapsed, seen) -> progress.add(elapsed.toSeconds() + "s " + seen.node()));
  }

  @Test
  void resolvesUntilTheRecordAnswersTheNode() throws Exception {
    ticker.afterEachSleep(
        () -> {
          if (ticker.elapsed().compareTo(Duration.ofSeconds(12)) >= 0) {
            answering = "primary";
          }
        });

    RecordWait.Result r = await(Duration.ofMinutes(5), Duration.ofSeconds(5));

    assertThat(r.reached()).isTrue();
    assertThat(r.waited()).isEqualTo(Duration.ofSeconds(15));
    assertThat(r.last().values()).containsExactly("192.0.2.10");
    assertThat(progress).containsExactly("0s secondary", "5s secondary", "10s secondary", "15s primary");
  }

  @Test
  void aRecordThatNeverMovesTimesOutWithTheLastSleepCutToTheTimeout() throws Exception {
    RecordWait.Result r = await(Duration.ofSeconds(12), Duration.ofSeconds(5));

    assertThat(r.reached()).isFalse();
    assertThat(r.last().node()).isEqualTo("secondary");
    assertThat(r.waited()).isEqualTo(Duration.ofSeconds(12));
    assertThat(ticker.sleeps())
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
    assertThat(progress).hasSize(4);
  }

  @Test
  void alreadyAnsweringEndsAtOnceAndAZeroTimeoutResolvesOnce() throws Exception {
    answering = "primary";
    RecordWait.Result r = await(Duration.ZERO, Duration.ofSeconds(5));
    assertThat(r.reached()).isTrue();
    assertThat(r.waited()).isZero();

    answering = "secondary";
    RecordWait.Result once = await(Duration.ZERO, Duration.ofSeconds(5));
    assertThat(once.reached()).isFalse();
    assertThat(ticker.sleeps()).isEmpty();
    assertThat(progress).hasSize(2);
  }

  @Test
  void badDurationsAreRefused() {
    assertThatThrownBy(() -> await(Duration.ofSeconds(-1), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--dns-timeout");
    assertThatThrownBy(() -> await(Duration.ofSeconds(5), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--dns-poll-interval");
    assertThat(progress).isEmpty();
  }
}
