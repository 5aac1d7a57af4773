package io.route53failover.bench.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One trial of the private chain and of Route 53's native endpoint check, in seconds on the
 * trial's clock. See {@link AlarmStep} and {@code bench/detection.md} for the model.
 */
final class ChainModel {

  /**
   * Absolute times of one trial of the chain.
   *
   * @param death the target dies
   * @param firstZero the first PutMetricData carrying a 0 for it returns
   * @param alarm the availability alarm goes to ALARM
   * @param route53 Route 53 treats the record's health check as unhealthy, by reading the alarm's
   *     data (no lock: {@code LockPrivateChain} false, or the gate disarmed)
   * @param client a JVM client on the default DNS cache resolves the secondary, after {@code
   *     route53}
   * @param lockDirect the lock is in place, availability alarm wired to the topic
   * @param lockStatus the lock is in place, through the template's HealthCheckStatus alarm
   * @param gated Route 53 treats the PRIMARY record's armed gate as unhealthy: whichever comes
   *     first of its child turning unhealthy ({@code route53}) and the lock's UpdateHealthCheck
   *     ({@code lockDirect}) taking effect
   * @param gatedClient a JVM client resolves the secondary, after {@code gated}
   */
  record Outcome(
      double death,
      double firstZero,
      double alarm,
      double route53,
      double client,
      double lockDirect,
      double lockStatus,
      double gated,
      double gatedClient) {}

  private ChainModel() {}

  static double runStart(World w, ModelParameters p, int minute) {
    return p.perFiringJitter()
        ? 60.0 * minute + 60.0 * w.runJitter[minute]
        : 60.0 * minute + 60.0 * w.rulePhase + p.fixedPhaseDelayMax() * w.runJitter[minute];
  }

  /** Every datum of the trial's timeline, in order of run. */
  static List<Sample> samples(World w, ModelParameters p, SamplingSchedule schedule) {
    List<Sample> out = new ArrayList<>();
    for (int m = 0; m < World.MINUTES; m++) {
      List<Double> times = schedule.times(runStart(w, p, m));
      for (int i = 0; i < times.size(); i++) {
        double ts = times.get(i);
        boolean dead = ts >= w.death;
        double published =
            ts
                + (dead ? p.deadProbe() : p.healthyProbe())
                + p.putMin()
                + (p.putMax() - p.putMin()) * w.put[m][i];
        out.add(new Sample(ts, dead ? 0 : 1, published + p.ingestMax() * w.ingest[m][i]));
      }
    }
    return out;
  }

  static Outcome run(World w, ModelParameters p, SamplingSchedule schedule, AlarmRule rule) {
    List<Sample> samples = samples(w, p, schedule);
    double firstZero = Double.NaN;
    for (int m = 0; m < World.MINUTES && Double.isNaN(firstZero); m++) {
      List<Double> times = schedule.times(runStart(w, p, m));
      for (int i = 0; i < times.size(); i++) {
        double ts = times.get(i);
        if (ts >= w.death) {
          firstZero =
              ts + p.deadProbe() + p.putMin() + (p.putMax() - p.putMin()) * w.put[m][i];
          break;
        }
      }
    }
    double alarm =
        AlarmStep.firstAlarm(
                samples,
                rule,
                p.evalPhaseMax() * w.evalPhase,
                World.DEATH_MINUTE - 1,
                World.MINUTES - 1)
            .orElseThrow(() -> new IllegalStateException("no ALARM within the timeline"));
    if (alarm < w.death) {
      throw new IllegalStateException("ALARM at " + alarm + " before the death at " + w.death);
    }
    double route53 =
        nextTick(alarm, p.route53Cadence(), p.route53Cadence() * w.route53Phase)
            + p.route53Apply();
    double lockDirect = alarm + lockPath(w, p);
    double gated = Math.min(route53, lockDirect + p.route53Apply());
    return new Outcome(
        w.death,
        firstZero,
        alarm,
        route53,
        jvmClient(w, p, route53),
        lockDirect,
        statusAlarm(w, p, route53) + lockPath(w, p),
        gated,
        jvmClient(w, p, gated));
  }

  /** SNS delivery plus FailoverFunction's run to UpdateHealthCheck. */
  static double lockPath(World w, ModelParameters p) {
    return p.snsMin()
        + (p.snsMax() - p.snsMin()) * w.sns
        + p.lockMin()
        + (p.lockMax() - p.lockMin()) * w.lock;
  }

  /**
   * When the lock alarm on {@code AWS/Route53 HealthCheckStatus} (Minimum &lt; 1, 1 of 1) fires
   * after the health check turned unhealthy at {@code unhealthy}: the status datum of each minute
   * from then on is 0, visible after the same kind of ingestion delay as ours, evaluated once a
   * minute after the minute closes.
   */
  static double statusAlarm(World w, ModelParameters p, double unhealthy) {
    long first = (long) Math.floor(unhealthy / 60.0);
    double phase = p.evalPhaseMax() * w.statusEvalPhase;
    double ingest = p.ingestMax() * w.statusIngest;
    for (long j = first + 1; ; j++) {
      double at = 60.0 * j + phase;
      double ts = Math.max(unhealthy, 60.0 * (j - 1));
      if (ts + ingest <= at) {
        return at;
      }
    }
  }

  /**
   * When a JVM client on the default DNS cache gets the secondary: its resolver's cached primary
   * answer expires uniformly within the TTL after Route 53 switched; the JVM asks the resolver
   * again every {@code jvmCache} seconds, at a uniform phase, and keeps whatever it gets.
   */
  static double jvmClient(World w, ModelParameters p, double switched) {
    double resolverFresh = switched + p.ttl() * w.resolverExpiry;
    double ask = switched + p.jvmCache() * w.jvmPhase;
    while (ask < resolverFresh) {
      ask += p.jvmCache();
    }
    return ask;
  }

  /** The first {@code phase + k · cadence} at or after {@code t}. */
  static double nextTick(double t, double cadence, double phase) {
    double k = Math.ceil((t - phase) / cadence);
    return phase + k * cadence;
  }

  /**
   * When Route 53's native endpoint check turns unhealthy: each checker sends its first request
   * after the death at a uniform phase of its healthy cycle (interval plus a healthy response),
   * then fails every request after {@code connectTimeout}, waiting the interval between; it
   * reports unhealthy after {@code failureThreshold} failures in a row. The check is unhealthy
   * once no more than 18% of checkers report healthy, and Route 53 answers accordingly {@code
   * route53Apply} later (as on the chain's paths).
   */
  static double nativeUnhealthy(World w, ModelParameters p, int interval, int failureThreshold) {
    int c = p.checkers();
    double[] t = new double[c];
    double cycle = interval + p.healthyResponse();
    for (int i = 0; i < c; i++) {
      t[i] =
          w.death
              + cycle * w.checkerPhase[i]
              + failureThreshold * p.connectTimeout()
              + (failureThreshold - 1) * interval;
    }
    Arrays.sort(t);
    int mayStayHealthy = (int) Math.floor(0.18 * c);
    return t[c - mayStayHealthy - 1] + p.route53Apply();
  }
}
