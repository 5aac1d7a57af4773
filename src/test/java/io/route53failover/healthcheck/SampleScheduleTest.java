package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleScheduleTest {

  /** A minute boundary. */
  private static final Instant MINUTE = Instant.parse("2026-12-03T10:00:00Z");

  private static final Duration RESERVE = Duration.ofSeconds(12);
  private static final Duration WINDOW = Duration.ofSeconds(3);

  private static SampleSchedule plan(Instant start, int interval, int remainingSeconds) {
    return SampleSchedule.plan(
        start, interval, Duration.ofSeconds(remainingSeconds), RESERVE, WINDOW);
  }

  private static Instant at(double secondsAfterMinute) {
    return MINUTE.plusMillis(Math.round(secondsAfterMinute * 1000));
  }

  @Test
  void aLaterSampleMissesItsSlotOnlyOnceTheSlotHasEnded() {
    SampleSchedule schedule = plan(at(14.5), 15, 70);

    assertThat(schedule.slots()).containsExactly(at(14.5), at(29), at(44), at(59));
    assertThat(schedule.missedSlot(0, at(40))).as("the first sample never misses").isFalse();
    assertThat(schedule.missedSlot(1, at(29))).isFalse();
    assertThat(schedule.missedSlot(1, at(29.999))).isFalse();
    assertThat(schedule.missedSlot(1, at(30))).as("its slot is [15 s, 30 s)").isTrue();
    assertThat(schedule.missedSlot(3, at(59.999))).isFalse();
    assertThat(schedule.missedSlot(3, at(60))).isTrue();
  }

  @Test
  void at15TheRunTakesItsFirstSampleAtOnceAndTheOthersOneIntervalApart() {
    SampleSchedule schedule = plan(at(0.4), 15, 70);

    assertThat(schedule.slots()).containsExactly(at(0.4), at(15.4), at(30.4), at(45.4));
    assertThat(schedule.samplesPerMinute()).isEqualTo(4);
  }

  @Test
  void aRunStartedLateInItsSlotKeepsItsOffsetSoTheNextRunFollowsOneIntervalLater() {
    SampleSchedule schedule = plan(at(7), 15, 70);

    // the run at :07 stands for slot :00 and samples slots :15, :30, :45 at :22, :37, :52; slot :60
    // is the next run's, taken when it starts at about :67, one interval after :52
    assertThat(schedule.slots()).containsExactly(at(7), at(22), at(37), at(52));
    assertThat(schedule.probeEnd()).isEqualTo(at(7 + 55));
  }

  @Test
  void aLaterSampleStartsAtLeastTheMarginBeforeItsSlotEnds() {
    // started 14.6 s into slot :00: the later samples start at :29, :44, :59, 1 s before their
    // slots end, so a late wake-up still stamps them in their own slot
    SampleSchedule schedule = plan(at(14.6), 15, 70);

    assertThat(schedule.slots()).containsExactly(at(14.6), at(29), at(44), at(59));
    assertThat(SampleSchedule.SLOT_MARGIN).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aSampleMovesEarlierWithinItsSlotToKeepItsMinimumWindow() {
    // I = 10, started at :08: the last sample would be at :58, but probing ends at :63 and a
    // sample needs 8 s, so it starts at :55, still in slot :50
    SampleSchedule schedule =
        SampleSchedule.plan(at(8), 10, Duration.ofSeconds(70), RESERVE, Duration.ofSeconds(8));

    assertThat(schedule.slots())
        .containsExactly(at(8), at(18), at(28), at(38), at(48), at(55));
    // started at :01, slot :50 itself leaves less than 8 s before :56: not planned
    assertThat(
            SampleSchedule.plan(at(1), 10, Duration.ofSeconds(70), RESERVE, Duration.ofSeconds(8))
                .slots())
        .containsExactly(at(1), at(11), at(21), at(31), at(41));
  }

  @Test
  void overlapGuardEndsProbingFiveSecondsBeforeTheNextScheduledRun() {
    SampleSchedule schedule = plan(at(2), 10, 900);

    assertThat(schedule.probeEnd()).isEqualTo(at(2 + 60 - 5));
    assertThat(schedule.slots()).hasSize(6).last().isEqualTo(at(52));
    assertThat(schedule.deadline(at(52))).isEqualTo(at(57));
    assertThat(schedule.deadline(at(20.3))).isEqualTo(at(30.3));
  }

  @Test
  void deadlineOfTheOnlySampleAt60IsTheRemainingTimeLessTheReserve() {
    SampleSchedule schedule = plan(at(0.4), 60, 30);

    assertThat(schedule.slots()).containsExactly(at(0.4));
    assertThat(schedule.deadline(at(0.4))).isEqualTo(at(0.4 + 30 - 12));
  }

  @Test
  void functionTimeoutShorterThanAMinuteLeavesOnlyTheSamplesThatFit() {
    // 30 s timeout: probing ends 18 s after the start, so slots :30 and :45 do not fit; slot :15's
    // sample starts at :16, which leaves exactly the 3 s window before :19
    SampleSchedule schedule = plan(at(1), 15, 30);

    assertThat(schedule.probeEnd()).isEqualTo(at(19));
    assertThat(schedule.slots()).containsExactly(at(1), at(16));
    assertThat(schedule.deadline(at(16))).isEqualTo(at(19));
  }

  @Test
  void aSlotWithLessThanTheMinimumWindowBeforeProbeEndIsNotPlanned() {
    // probe end at :57; slot :55 would leave 2 s, less than the 3 s window; slot :50's sample
    // starts at :52
    SampleSchedule schedule = plan(at(2), 5, 900);

    assertThat(schedule.slots()).hasSize(11).last().isEqualTo(at(52));
  }

  @Test
  void noTimeLeftStillPlansOneSampleWhoseDeadlineIsItsStart() {
    SampleSchedule schedule = plan(at(3), 15, 5);

    assertThat(schedule.probeEnd()).isEqualTo(at(3));
    assertThat(schedule.slots()).containsExactly(at(3));
    assertThat(schedule.deadline(at(3))).isEqualTo(at(3));
    assertThat(plan(at(3), 15, -1).probeEnd()).isEqualTo(at(3));
  }

  @Test
  void aSampleThatStartedLateKeepsAFullIntervalUnlessProbingEnds() {
    SampleSchedule schedule = plan(at(0), 20, 70);

    assertThat(schedule.deadline(at(24))).isEqualTo(at(44));
    assertThat(schedule.deadline(at(54))).isEqualTo(at(55));
    assertThat(schedule.deadline(at(56))).isEqualTo(at(56));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 11, 45, 59})
  void intervalsThatDoNotDivideTheMinuteAreRefused(int interval) {
    assertThatThrownBy(() -> plan(at(0), interval, 70))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must divide 60");
  }

  /**
   * Runs started once a minute at the same (random) offset: every clock minute holds exactly n
   * samples, each timestamp lies in its own slot, and no run probes past the next run's start.
   */
  @ParameterizedTest
  @ValueSource(ints = {10, 15, 20, 30, 60})
  void runsOnceAMinuteGiveEveryClockMinuteExactlyNSamples(int interval) {
    Random random = new Random(18L * interval);
    for (int trial = 0; trial < 200; trial++) {
      double offset = random.nextInt(60_000) / 1000.0;
      Map<Long, Integer> perMinute = new HashMap<>();
      List<Instant> all = new ArrayList<>();
      for (int run = 0; run < 5; run++) {
        Instant start = at(offset + 60 * run);
        SampleSchedule schedule = plan(start, interval, 70);
        assertThat(schedule.probeEnd()).isBefore(start.plusSeconds(60));
        for (Instant slot : schedule.slots()) {
          all.add(slot);
          perMinute.merge(Math.floorDiv(slot.getEpochSecond(), 60), 1, Integer::sum);
        }
      }
      // the inner minutes are covered by two runs each
      long first = Math.floorDiv(at(offset).getEpochSecond(), 60);
      for (long m = first + 1; m < first + 5; m++) {
        assertThat(perMinute.get(m))
            .as("minute %d at offset %.3f s, interval %d", m - first, offset, interval)
            .isEqualTo(60 / interval);
      }
      for (int i = 1; i < all.size(); i++) {
        long slotOfPrevious = Math.floorDiv(all.get(i - 1).toEpochMilli(), interval * 1000L);
        long slotOfThis = Math.floorDiv(all.get(i).toEpochMilli(), interval * 1000L);
        assertThat(slotOfThis).isEqualTo(slotOfPrevious + 1);
      }
    }
  }
}
