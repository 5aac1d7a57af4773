package io.route53failover.bench.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * When one scheduled run of HealthCheckFunction probes, as the model assumes for {@code
 * SAMPLE_INTERVAL_SECONDS}: at offsets 0, I, 2I, ... seconds after the run starts, every offset
 * below 60 s, so a run never reaches into the next scheduled minute. At I = 15 that is 0, 15, 30
 * and 45 s; at I = 60, the single probe of today's behaviour.
 *
 * @param intervalSeconds {@code SAMPLE_INTERVAL_SECONDS}: 10, 15, 20, 30 or 60 (issue 18)
 */
public record SamplingSchedule(int intervalSeconds) {

  /** The values issue 18 allows. */
  public static final Set<Integer> ALLOWED = Set.of(10, 15, 20, 30, 60);

  /** The schedule period: EventBridge's {@code rate(1 minute)}, the fastest it allows. */
  public static final int SCHEDULE_SECONDS = 60;

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

  /** Offsets in seconds from the run's start, ascending: {@code [0, 15, 30, 45]} at I = 15. */
  public List<Integer> offsets() {
    List<Integer> offsets = new ArrayList<>();
    for (int t = 0; t < SCHEDULE_SECONDS; t += intervalSeconds) {
      offsets.add(t);
    }
    return Collections.unmodifiableList(offsets);
  }

  /**
   * The latest a run can end, in seconds after its start: its last sample's offset plus one probe
   * timeout and the time to publish. It must stay below 60 s, or runs overlap.
   *
   * @param probeTimeoutSeconds the largest target {@code timeoutMs}, in seconds
   * @param publishSeconds the time one PutMetricData call may take
   */
  public double lastEnd(double probeTimeoutSeconds, double publishSeconds) {
    return offsets().get(offsets().size() - 1) + probeTimeoutSeconds + publishSeconds;
  }
}
