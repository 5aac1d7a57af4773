package io.route53failover.bench.detection;

import java.util.SplittableRandom;

/**
 * Every random draw of one trial, made up front in a fixed order, so that all scenarios of a run
 * see the same failure instant, the same schedule jitter and the same delays (common random
 * numbers: the differences between rows come from the settings, not from the dice). Each field is
 * uniform on [0, 1); {@link ChainModel} scales it by {@link ModelParameters}.
 */
final class World {

  /** Minutes on the trial's timeline; the target dies in minute {@link #DEATH_MINUTE}. */
  static final int MINUTES = 30;

  static final int DEATH_MINUTE = 8;

  /** Most samples a run takes (SAMPLE_INTERVAL_SECONDS 10). */
  static final int MAX_SAMPLES = 6;

  final double death;
  final double[] runJitter = new double[MINUTES];
  final double rulePhase;
  final double[][] put = new double[MINUTES][MAX_SAMPLES];
  final double[][] ingest = new double[MINUTES][MAX_SAMPLES];
  final double evalPhase;
  final double route53Phase;
  final double resolverExpiry;
  final double jvmPhase;
  final double sns;
  final double lock;
  final double statusEvalPhase;
  final double statusIngest;
  final double[] checkerPhase;

  World(SplittableRandom random, int checkers) {
    death = DEATH_MINUTE * 60 + 60 * random.nextDouble();
    for (int m = 0; m < MINUTES; m++) {
      runJitter[m] = random.nextDouble();
    }
    rulePhase = random.nextDouble();
    for (int m = 0; m < MINUTES; m++) {
      for (int s = 0; s < MAX_SAMPLES; s++) {
        put[m][s] = random.nextDouble();
        ingest[m][s] = random.nextDouble();
      }
    }
    evalPhase = random.nextDouble();
    route53Phase = random.nextDouble();
    resolverExpiry = random.nextDouble();
    jvmPhase = random.nextDouble();
    sns = random.nextDouble();
    lock = random.nextDouble();
    statusEvalPhase = random.nextDouble();
    statusIngest = random.nextDouble();
    checkerPhase = new double[checkers];
    for (int c = 0; c < checkers; c++) {
      checkerPhase[c] = random.nextDouble();
    }
  }
}
