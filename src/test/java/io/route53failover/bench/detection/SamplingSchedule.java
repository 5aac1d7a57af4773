package io.route53failover.bench.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * When one scheduled run of HealthCheckFunction samples, as {@code
 * io.route53failover.healthcheck.SampleSchedule} plans it for {@code SAMPLE_INTERVAL_SECONDS} I,
 * with the template's sampling timeout (70 s) and the default {@code timeoutMs} (3 s): the first
 * sample at the run's start, the others one interval after each other ({@code start + j · I}, j =
 * 1 … 60/I − 1), each moved earlier only as far as needed to start at least 1 s before its
 * I-second wall-clock slot ends, and at least 3 s before probing ends (55 s after the start). At I
 * = 15 a run started at :07 samples at :07, :22, :37 and :52; one started at :14.5 at :14.5, :29,
 * :44 and :59. At I = 60, the single probe of today's behaviour. Each sample is stamped with the
 * instant it started. {@code SamplingScheduleTest} checks these instants against SampleSchedule
 * itself.
 *
 * @param intervalSeconds {@code SAMPLE_INTERVAL_SECONDS}: 10, 15, 20, 30 or 60 (issue 18)
 */
public record SamplingSchedule(int intervalSeconds) {

  /** The values issue 18 allows. */
  public static final Set<Integer> ALLOWED = Set.of(10, 15, 20, 30, 60);

  /** The schedule period: EventBridge's {@code rate(1 minute)}, the fastest it allows. */
  public static final int SCHEDULE_SECONDS = 60;

  /** SampleSchedule's probe end after the run's start: 60 s less its 5 s overlap guard. */
  static final double PROBE_END = 55;

  /** SampleSchedule's least window before the probe end: the default {@code timeoutMs}, 3 s. */
  static final double MIN_WINDOW = 3;

  /** SampleSchedule's {@code SLOT_MARGIN}: a later sample starts at least 1 s before its slot ends. */
  static final double SLOT_MARGIN = 1;

  /**
   * @throws IllegalArgumentException when the interval is not one of {@link #ALLOWED}
   */
  public SamplingSchedule {
    if (!ALLOWED.contains(intervalSeconds)) {
      throw new IllegalArgumentException(
          "SAMPLE_INTERVAL_SECONDS must be one of 10, 15, 20, 30, 60; got " + intervalSeconds);
    }
  }

  /** Samples per scheduled run: 60 / I. */
  public int samplesPerRun() {
    return SCHEDULE_SECONDS / intervalSeconds;
  }

  /**
   * The instants (seconds on the model's clock) at which a run started at {@code runStart} takes
   * its samples, ascending: {@code runStart}, then 60/I − 1 more, one interval apart, each within
   * its own I-second slot (see the class comment).
   */
  public List<Double> times(double runStart) {
    List<Double> times = new ArrayList<>(samplesPerRun());
    times.add(runStart);
    double slotStart = Math.floor(runStart / intervalSeconds) * intervalSeconds;
    double offset = Math.max(0, Math.min(runStart - slotStart, intervalSeconds - SLOT_MARGIN));
    double latest = runStart + PROBE_END - MIN_WINDOW;
    for (int j = 1; j < samplesPerRun(); j++) {
      double slot = slotStart + (double) j * intervalSeconds;
      if (slot > latest) {
        break;
      }
      times.add(Math.min(slot + offset, latest));
    }
    return Collections.unmodifiableList(times);
  }

  /**
   * The latest a run can end, in seconds after its start: its last sample plus one probe timeout
   * and the time to publish. It stays below 60 s, so runs do not overlap.
   *
   * @param runStart when the run starts
   * @param probeTimeoutSeconds the largest target {@code timeoutMs}, in seconds
   * @param publishSeconds the time one PutMetricData call may take
   */
  public double lastEnd(double runStart, double probeTimeoutSeconds, double publishSeconds) {
    List<Double> t = times(runStart);
    return t.get(t.size() - 1) - runStart + probeTimeoutSeconds + publishSeconds;
  }
}
