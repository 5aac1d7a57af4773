package io.route53failover.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.operator.RecordAnswer;
import io.route53failover.operator.RecordCheck;
import io.route53failover.testing.InMemoryHealthCheckStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DNS steps of {@link Drill} with a record check that fails before it answers: a failed
 * resolution is reported and retried like any failed poll, and a step that never saw an answer
 * says so.
 */
class DrillDnsStepsTest {
  private static final String ALARM = "stack-primary-health-check";
  private static final String ID = "6b1f3c2e-8a4d-4f0b-9c7e-2d5a1e9f4b30";
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;

  private final FakeTicker ticker = new FakeTicker(Instant.parse("2026-01-05T10:00:00Z"));
  private final FakeAlarms alarms = new FakeAlarms(ticker::now);
  private final InMemoryHealthCheckStore store =
      new InMemoryHealthCheckStore().add(ID, "HTTPS", "/health");
  private final HealthCheckLock lock = new HealthCheckLock(store, LOCKED);
  private final StringWriter progress = new StringWriter();

  DrillDnsStepsTest() {
    alarms.put(FakeAlarms.okAlarm(ALARM, "arn:aws:sns:us-east-1:123456789012:t", Map.of()));
    ticker.afterEachSleep(
        () -> {
          if (!LOCKED.equals(store.path(ID)) && store.tags(ID).isEmpty()) {
            lock.lock(ID, () -> true);
          }
        });
  }

  private DrillResult run(RecordCheck dns, Duration timeout) throws Exception {
    Drill drill = new Drill(alarms, lock, ticker, new PrintWriter(progress, true), dns);
    return drill.run(new Drill.Plan(ALARM, ID, timeout, Duration.ofSeconds(5), false, "alice"));
  }

  private static RecordCheck failing(int failures) {
    int[] calls = {0};
    return new RecordCheck() {
      @Override
      public String record() {
        return "app.example.test A";
      }

      @Override
      public RecordAnswer.Seen resolve() {
        if (calls[0]++ < failures) {
          throw new IllegalStateException("resolver gone");
        }
        return new RecordAnswer.Seen("secondary", List.of("192.0.2.20"), null);
      }
    };
  }

  @Test
  void aFailedResolutionIsReportedAndRetried() throws Exception {
    DrillResult r = run(failing(1), Duration.ofMinutes(1));

    assertThat(r.outcome()).isEqualTo(DrillResult.Outcome.LOCKED);
    assertThat(progress.toString())
        .contains("[   5.0 s] poll failed, trying again: resolver gone")
        .contains("[  10.0 s] dns answers secondary: app.example.test A -> 192.0.2.20 (secondary)");
    assertThat(r.dnsSecondary().after()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.timeline()).contains("  lock seen → dns answers secondary (192.0.2.20): 5.0 s");
  }

  @Test
  void aStepThatNeverResolvedSaysSo() throws Exception {
    DrillResult r = run(failing(Integer.MAX_VALUE), Duration.ofSeconds(10));

    assertThat(r.outcome()).isEqualTo(DrillResult.Outcome.DNS_TIMEOUT);
    assertThat(r.success()).isFalse();
    assertThat(r.dnsSecondary().reached()).isFalse();
    assertThat(r.dnsSecondary().last().problem()).isEqualTo("no resolution");
    assertThat(r.timeline())
        .contains("  lock seen → dns answers secondary: not within 10.0 s (still no resolution, unknown)");
    assertThat(r.message())
        .startsWith(
            "dns: app.example.test A did not answer secondary within 10.0 s; it still answers no"
                + " resolution (unknown); the lock holds");
  }

  @Test
  void withoutARecordCheckTheResultHasNoDnsSteps() throws Exception {
    DrillResult r = run(null, Duration.ofMinutes(1));

    assertThat(r.outcome()).isEqualTo(DrillResult.Outcome.LOCKED);
    assertThat(r.dnsRecord()).isNull();
    assertThat(r.dnsSecondary()).isNull();
    assertThat(r.timeline()).noneMatch(l -> l.contains("dns"));
  }
}
