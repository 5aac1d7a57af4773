package io.route53failover.bench.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs every scenario of {@code bench/detection.md} over the same random trials (one {@link World}
 * per trial, drawn from one seeded generator), so that one seed always gives the same figures.
 */
final class DetectionSimulator {

  /** The sampling intervals of the main table. */
  static final int[] INTERVALS = {60, 30, 15, 10};

  /**
   * A row of a table.
   *
   * @param label what the row models
   * @param alarmRule the alarm, or a description for rows without one
   * @param firstZero death → first 0 published; {@code null} where it does not apply
   * @param alarm death → ALARM; {@code null} where it does not apply
   * @param route53 death → Route 53 treats the record as unhealthy
   * @param client death → a JVM client on the default DNS cache resolves the secondary
   */
  record Row(
      String label,
      String alarmRule,
      Percentiles firstZero,
      Percentiles alarm,
      Percentiles route53,
      Percentiles client) {}

  /**
   * A row of the lock table.
   *
   * @param label the chain's setting
   * @param direct death → lock in place, availability alarm → SNS → FailoverFunction
   * @param status death → lock in place, through the HealthCheckStatus lock alarm
   */
  record LockRow(String label, Percentiles direct, Percentiles status) {}

  /**
   * How many samples a minute's period holds, in the healthy steady state.
   *
   * @param interval SAMPLE_INTERVAL_SECONDS
   * @param jitter which schedule model
   * @param expected 60 / interval
   * @param min fewest seen
   * @param max most seen
   * @param offShare share of periods that do not hold exactly {@code expected}
   */
  record BucketRow(String jitter, int interval, int expected, int min, int max, double offShare) {}

  /**
   * A row of the Route 53 sensitivity table: SAMPLE_INTERVAL_SECONDS 15, FailedSamplesToAlarm 1,
   * with Route 53's two undocumented terms set.
   *
   * @param cadence W_r: Route 53 reads the alarm's data every this many seconds
   * @param apply d: Route 53 answers by a status this long after it has what decides it, on every
   *     path (native included)
   * @param readPath death → unhealthy, by reading the alarm (no lock)
   * @param gated death → unhealthy, armed gate (lock or read, whichever is first)
   * @param native30 death → unhealthy, native 30 s × 3 check
   * @param native10 death → unhealthy, native 10 s × 3 check
   */
  record Route53Row(
      double cadence,
      double apply,
      Percentiles readPath,
      Percentiles gated,
      Percentiles native30,
      Percentiles native10) {}

  /** Everything one run produces. */
  record Result(
      long seed,
      int trials,
      List<Row> chain,
      List<Row> nativeChecks,
      List<LockRow> locks,
      List<Row> sensitivity,
      List<BucketRow> buckets,
      List<Row> gated,
      List<Route53Row> route53,
      List<Percentiles> sensitivityGated) {}

  /** (W_r, d) of the Route 53 sensitivity table; the first is the main tables' setting. */
  static final double[][] ROUTE53_TERMS = {{60, 0}, {30, 0}, {10, 0}, {60, 10}, {60, 30}, {60, 60}};

  private DetectionSimulator() {}

  private record Variant(String label, ModelParameters p, int interval, int failedSamples) {}

  static Result run(long seed, int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1: " + trials);
    }
    ModelParameters std = ModelParameters.standard();
    List<Variant> chain = new ArrayList<>();
    for (int i : INTERVALS) {
      chain.add(new Variant("SAMPLE_INTERVAL_SECONDS " + i, std, i, 1));
      chain.add(new Variant("SAMPLE_INTERVAL_SECONDS " + i + ", FailedSamplesToAlarm 2", std, i, 2));
    }
    List<Variant> sensitivity = new ArrayList<>();
    for (int i : new int[] {60, 15}) {
      sensitivity.add(
          new Variant(
              "SAMPLE_INTERVAL_SECONDS " + i + ", rule keeps its phase (+0–5 s per firing)",
              std.withFixedPhase(), i, 1));
      sensitivity.add(
          new Variant(
              "SAMPLE_INTERVAL_SECONDS " + i + ", evaluation at any second of the minute",
              std.withEvalPhaseMax(60), i, 1));
    }
    int[][] natives = {{30, 3}, {10, 3}};

    double[][][] chainT = new double[chain.size()][4][trials];
    double[][][] sensT = new double[sensitivity.size()][4][trials];
    double[][] sensGatedT = new double[sensitivity.size()][trials];
    double[][][] nativeT = new double[natives.length][2][trials];
    double[][][] lockT = new double[chain.size()][2][trials];
    double[][][] gatedT = new double[chain.size()][2][trials];
    double[][][] r53T = new double[ROUTE53_TERMS.length][4][trials];
    Variant at15 = new Variant("SAMPLE_INTERVAL_SECONDS 15", std, 15, 1);

    SplittableRandom seeds = new SplittableRandom(seed);
    for (int t = 0; t < trials; t++) {
      World w = new World(new SplittableRandom(seeds.nextLong()), std.checkers());
      for (int v = 0; v < chain.size(); v++) {
        ChainModel.Outcome o = outcome(w, chain.get(v));
        record(chainT[v], t, o);
        lockT[v][0][t] = o.lockDirect() - o.death();
        lockT[v][1][t] = o.lockStatus() - o.death();
        gatedT[v][0][t] = o.gated() - o.death();
        gatedT[v][1][t] = o.gatedClient() - o.death();
      }
      for (int k = 0; k < ROUTE53_TERMS.length; k++) {
        ModelParameters q = std.withRoute53(ROUTE53_TERMS[k][0], ROUTE53_TERMS[k][1]);
        ChainModel.Outcome o = outcome(w, new Variant(at15.label(), q, 15, 1));
        r53T[k][0][t] = o.route53() - o.death();
        r53T[k][1][t] = o.gated() - o.death();
        r53T[k][2][t] = ChainModel.nativeUnhealthy(w, q, 30, 3) - w.death;
        r53T[k][3][t] = ChainModel.nativeUnhealthy(w, q, 10, 3) - w.death;
      }
      for (int v = 0; v < sensitivity.size(); v++) {
        ChainModel.Outcome o = outcome(w, sensitivity.get(v));
        record(sensT[v], t, o);
        sensGatedT[v][t] = o.gated() - o.death();
      }
      for (int n = 0; n < natives.length; n++) {
        double unhealthy = ChainModel.nativeUnhealthy(w, std, natives[n][0], natives[n][1]);
        nativeT[n][0][t] = unhealthy - w.death;
        nativeT[n][1][t] = ChainModel.jvmClient(w, std, unhealthy) - w.death;
      }
    }

    List<Row> chainRows = new ArrayList<>();
    List<LockRow> lockRows = new ArrayList<>();
    List<Row> gatedRows = new ArrayList<>();
    for (int v = 0; v < chain.size(); v++) {
      chainRows.add(row(chain.get(v), chainT[v]));
      gatedRows.add(
          row(chain.get(v), new double[][] {chainT[v][0], chainT[v][1], gatedT[v][0], gatedT[v][1]}));
      lockRows.add(
          new LockRow(
              chain.get(v).label(), Percentiles.of(lockT[v][0]), Percentiles.of(lockT[v][1])));
    }
    List<Row> sensRows = new ArrayList<>();
    List<Percentiles> sensGated = new ArrayList<>();
    for (int v = 0; v < sensitivity.size(); v++) {
      sensRows.add(row(sensitivity.get(v), sensT[v]));
      sensGated.add(Percentiles.of(sensGatedT[v]));
    }
    List<Row> nativeRows = new ArrayList<>();
    for (int n = 0; n < natives.length; n++) {
      nativeRows.add(
          new Row(
              "Route 53 native endpoint check, " + natives[n][0] + " s × " + natives[n][1],
              "—",
              null,
              null,
              Percentiles.of(nativeT[n][0]),
              Percentiles.of(nativeT[n][1])));
    }
    List<Route53Row> r53Rows = new ArrayList<>();
    for (int k = 0; k < ROUTE53_TERMS.length; k++) {
      r53Rows.add(
          new Route53Row(
              ROUTE53_TERMS[k][0],
              ROUTE53_TERMS[k][1],
              Percentiles.of(r53T[k][0]),
              Percentiles.of(r53T[k][1]),
              Percentiles.of(r53T[k][2]),
              Percentiles.of(r53T[k][3])));
    }
    return new Result(
        seed,
        trials,
        chainRows,
        nativeRows,
        lockRows,
        sensRows,
        buckets(seed, Math.min(trials, 2000)),
        gatedRows,
        r53Rows,
        sensGated);
  }

  private static ChainModel.Outcome outcome(World w, Variant v) {
    SamplingSchedule schedule = new SamplingSchedule(v.interval());
    return ChainModel.run(
        w, v.p(), schedule, AlarmRule.forFailedSamples(v.failedSamples(), schedule.samplesPerRun()));
  }

  private static void record(double[][] into, int t, ChainModel.Outcome o) {
    into[0][t] = o.firstZero() - o.death();
    into[1][t] = o.alarm() - o.death();
    into[2][t] = o.route53() - o.death();
    into[3][t] = o.client() - o.death();
  }

  private static Row row(Variant v, double[][] t) {
    SamplingSchedule schedule = new SamplingSchedule(v.interval());
    return new Row(
        v.label(),
        AlarmRule.forFailedSamples(v.failedSamples(), schedule.samplesPerRun()).describe(),
        Percentiles.of(t[0]),
        Percentiles.of(t[1]),
        Percentiles.of(t[2]),
        Percentiles.of(t[3]));
  }

  /** Samples per period in the healthy steady state, for both schedule models. */
  static List<BucketRow> buckets(long seed, int trials) {
    List<BucketRow> rows = new ArrayList<>();
    ModelParameters std = ModelParameters.standard();
    ModelParameters[] models = {std, std.withFixedPhase()};
    String[] names = {"each firing anywhere in its minute", "rule keeps its phase, +0–5 s"};
    for (int k = 0; k < models.length; k++) {
      for (int interval : new int[] {30, 15, 10}) {
        SamplingSchedule schedule = new SamplingSchedule(interval);
        SplittableRandom seeds = new SplittableRandom(seed);
        int min = Integer.MAX_VALUE;
        int max = 0;
        long off = 0;
        long all = 0;
        for (int t = 0; t < trials; t++) {
          World w = new World(new SplittableRandom(seeds.nextLong()), std.checkers());
          int[] count = new int[World.MINUTES + 2];
          for (Sample s : ChainModel.samples(w, models[k], schedule)) {
            count[(int) s.period()]++;
          }
          for (int b = 2; b < World.MINUTES - 2; b++) {
            min = Math.min(min, count[b]);
            max = Math.max(max, count[b]);
            off += count[b] == schedule.samplesPerRun() ? 0 : 1;
            all++;
          }
        }
        rows.add(
            new BucketRow(
                names[k], interval, schedule.samplesPerRun(), min, max, (double) off / all));
      }
    }
    return rows;
  }
}
