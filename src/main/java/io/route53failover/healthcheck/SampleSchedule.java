package io.route53failover.healthcheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When one scheduled run of HealthCheckFunction samples, and until when it may probe.
 *
 * <p>With {@code SAMPLE_INTERVAL_SECONDS} I, a clock minute has n = 60 / I <em>slots</em>, the
 * I-second spans that start at the wall-clock multiples of I ({@code :00, :15, :30, :45} at I =
 * 15). A run started at {@code start} takes the n slots from the one {@code start} falls in: the
 * first sample at once (it stands for that slot, which has begun), the others one interval after
 * each other ({@code start + j·I}, each in slot j after the first), so that the wait for the next
 * sample is at most one interval within a run and about one interval from a run's last sample to
 * the next run's first. Two limits move a sample earlier, never out of its slot: it starts at the
 * latest {@link #SLOT_MARGIN} before its slot ends (a late wake-up must not stamp it into the next
 * slot), and early enough to leave {@code minWindow} of probing before the probe end. A sample's
 * timestamp is the instant it started, which lies within its own slot, so each clock minute holds
 * the n samples of its n slots as long as runs start once a minute in the same slot, whatever the
 * second they start at (the slot the next run starts in is the one this run left out). At I = 60
 * this is one sample at {@code start}: the behaviour of one probe a run.
 *
 * <p>Earlier versions put samples 2 to n at the start of their slots; a run started late in its
 * slot then left up to 2·I − 1 s from its last sample to the next run's first (bench/detection.md).
 *
 * <p>Probing ends at {@link #probeEnd()}: the earlier of the function timeout less the publishing
 * reserve ({@code start + remaining - publishReserve}) and {@link #OVERLAP_GUARD} before the next
 * scheduled run ({@code start + 60 s - 5 s}), so that publishing the last sample, which usually
 * takes well under a second, ends before EventBridge starts the next run. A sample's probes get
 * until {@link #deadline(Instant)}: one interval after it actually started, but never past the
 * probe end. Samples 2 to n are planned only when their slot's start leaves them {@code minWindow}
 * of probing before the probe end (a shorter function timeout leaves fewer samples); the first is
 * always planned, as a run without probing time still publishes 0 for every target.
 *
 * <p>Not guaranteed: when EventBridge's start drifts across a slot boundary from one minute to the
 * next, one minute holds n − 1 or n + 1 samples. And when PutMetricData takes longer than the
 * guard (CloudWatch retries, up to the publishing reserve), the run lasts into the next one.
 *
 * @param interval the sampling interval
 * @param probeEnd the latest instant any probe of this run may run until
 * @param slots the planned samples' earliest start instants, ascending, at least one, each in its
 *     own I-second slot; the first is the run's start
 */
public record SampleSchedule(Duration interval, Instant probeEnd, List<Instant> slots) {

  /** The schedule period: EventBridge's {@code rate(1 minute)}. */
  public static final Duration SCHEDULE_PERIOD = Duration.ofSeconds(60);

  /**
   * How long before the next scheduled run probing stops: the time kept for publishing the last
   * sample, in the usual case (one PutMetricData attempt, {@code API_CALL_ATTEMPT_TIMEOUT} 3 s, and
   * logging).
   */
  public static final Duration OVERLAP_GUARD = Duration.ofSeconds(5);

  /**
   * A sample after the first starts at least this long before its slot ends, so that waking up a
   * little late still stamps it within its own slot.
   */
  public static final Duration SLOT_MARGIN = Duration.ofSeconds(1);

  public SampleSchedule {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(probeEnd, "probeEnd");
    slots = List.copyOf(slots);
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("a schedule has at least one sample");
    }
  }

  /**
   * Plans one run.
   *
   * @param start when the run started
   * @param intervalSeconds {@code SAMPLE_INTERVAL_SECONDS}, a divisor of 60
   * @param remaining the invocation's remaining time at {@code start} ({@code
   *     Context#getRemainingTimeInMillis()}); negative counts as zero
   * @param publishReserve time kept back from probing for publishing, before the function timeout
   * @param minWindow least probing time a sample after the first needs to be planned
   * @throws IllegalArgumentException when {@code intervalSeconds} does not divide 60
   */
  public static SampleSchedule plan(
      Instant start,
      int intervalSeconds,
      Duration remaining,
      Duration publishReserve,
      Duration minWindow) {
    if (intervalSeconds < 1 || SCHEDULE_PERIOD.getSeconds() % intervalSeconds != 0) {
      throw new IllegalArgumentException(
          "intervalSeconds must divide 60, was " + intervalSeconds);
    }
    Duration interval = Duration.ofSeconds(intervalSeconds);
    Duration left = remaining.isNegative() ? Duration.ZERO : remaining;
    Instant byTimeout = start.plus(left).minus(publishReserve);
    Instant byNextRun = start.plus(SCHEDULE_PERIOD).minus(OVERLAP_GUARD);
    Instant probeEnd = byTimeout.isBefore(byNextRun) ? byTimeout : byNextRun;
    if (probeEnd.isBefore(start)) {
      probeEnd = start;
    }

    long intervalMillis = interval.toMillis();
    long slotStart = Math.floorDiv(start.toEpochMilli(), intervalMillis) * intervalMillis;
    // where in its slot each later sample starts: where the run started in its own, so samples are
    // one interval apart, but not in the slot's last SLOT_MARGIN
    long offset =
        Math.min(start.toEpochMilli() - slotStart, intervalMillis - SLOT_MARGIN.toMillis());
    Instant latest = probeEnd.minus(minWindow);
    int n = (int) (SCHEDULE_PERIOD.getSeconds() / intervalSeconds);
    List<Instant> slots = new ArrayList<>(n);
    slots.add(start);
    for (int j = 1; j < n; j++) {
      Instant slot = Instant.ofEpochMilli(slotStart + j * intervalMillis);
      if (slot.isAfter(latest)) {
        break;
      }
      Instant evenly = slot.plusMillis(offset);
      slots.add(evenly.isAfter(latest) ? latest : evenly);
    }
    return new SampleSchedule(interval, probeEnd, slots);
  }

  /**
   * Whether sample {@code index}, actually starting at {@code actualStart}, has missed its
   * I-second slot: it starts when its slot has already ended (the sample before it, or its
   * publishing, ran late). Such a sample is skipped, so that its timestamp never puts a second
   * sample into the next slot; the first sample never misses.
   *
   * @param index the sample's position in {@link #slots()}, from 0
   * @param actualStart when it would start
   */
  public boolean missedSlot(int index, Instant actualStart) {
    if (index == 0) {
      return false;
    }
    long intervalMillis = interval.toMillis();
    long slotEnd =
        Math.floorDiv(slots.get(index).toEpochMilli(), intervalMillis) * intervalMillis
            + intervalMillis;
    return actualStart.toEpochMilli() >= slotEnd;
  }

  /** Samples a clock minute holds at this interval: 60 / I. */
  public int samplesPerMinute() {
    return (int) (SCHEDULE_PERIOD.toMillis() / interval.toMillis());
  }

  /**
   * Until when the probes of a sample that started at {@code sampleStart} may run: one interval
   * later, or the probe end if that comes first (never before {@code sampleStart}).
   */
  public Instant deadline(Instant sampleStart) {
    Instant byInterval = sampleStart.plus(interval);
    Instant deadline = byInterval.isBefore(probeEnd) ? byInterval : probeEnd;
    return deadline.isBefore(sampleStart) ? sampleStart : deadline;
  }
}
