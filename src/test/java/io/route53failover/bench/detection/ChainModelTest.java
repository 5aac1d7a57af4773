package io.route53failover.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChainModelTest {

  private static final ModelParameters P = ModelParameters.standard();

  private static World world(long seed) {
    return new World(new SplittableRandom(seed), P.checkers());
  }

  @Test
  void eventsFollowEachOtherInEveryTrial() {
    for (long seed = 0; seed < 300; seed++) {
      World w = world(seed);
      for (int interval : DetectionSimulator.INTERVALS) {
        SamplingSchedule s = new SamplingSchedule(interval);
        for (int k : new int[] {1, 2}) {
          ChainModel.Outcome o = ChainModel.run(w, P, s, AlarmRule.forFailedSamples(k, s.samplesPerRun()));
          assertThat(o.firstZero()).isGreaterThan(o.death());
          assertThat(o.alarm()).isGreaterThan(o.firstZero());
          assertThat(o.route53()).isGreaterThanOrEqualTo(o.alarm()).isLessThan(o.alarm() + 60);
          assertThat(o.client()).isGreaterThanOrEqualTo(o.route53()).isLessThan(o.route53() + 90);
          assertThat(o.lockDirect()).isBetween(o.alarm() + 0.15, o.alarm() + 3.5);
          assertThat(o.lockStatus()).isGreaterThan(o.route53());
          // the armed gate turns unhealthy by the lock or by the read, whichever is first
          assertThat(o.gated()).isEqualTo(Math.min(o.route53(), o.lockDirect()));
          assertThat(o.gatedClient()).isGreaterThanOrEqualTo(o.gated()).isLessThan(o.gated() + 90);
        }
      }
    }
  }

  @Test
  void theFirstZeroComesFromTheFirstSampleAfterTheDeath() {
    // a rule that keeps its phase: the first failed sample starts at most one interval (+ 5 s of
    // per-firing delay) after the death, and is published after the probe timeout and the call
    ModelParameters fixed = P.withFixedPhase();
    for (long seed = 0; seed < 300; seed++) {
      World w = world(seed);
      SamplingSchedule s = new SamplingSchedule(15);
      ChainModel.Outcome o = ChainModel.run(w, fixed, s, AlarmRule.forFailedSamples(1, 4));
      double wait = o.firstZero() - o.death();
      // the next sample comes at most 2I after the death: a run started late in its slot takes its
      // last sample at the start of its last slot, and the next run starts about 60 s after it
      assertThat(wait).isBetween(3.05, 2 * 15 + 5 + 3.5);
      List<Sample> samples = ChainModel.samples(w, fixed, s);
      Sample first = samples.stream().filter(x -> x.value() == 0).findFirst().orElseThrow();
      assertThat(first.timestamp()).isGreaterThanOrEqualTo(o.death());
      assertThat(samples.stream().filter(x -> x.timestamp() < o.death()))
          .allMatch(x -> x.value() == 1);
    }
  }

  @Test
  void nextTickAndTheJvmCache() {
    assertThat(ChainModel.nextTick(100, 60, 7)).isEqualTo(127);
    assertThat(ChainModel.nextTick(127, 60, 7)).isEqualTo(127);
    assertThat(ChainModel.nextTick(127.5, 60, 7)).isEqualTo(187);
    for (long seed = 0; seed < 200; seed++) {
      World w = world(seed);
      double c = ChainModel.jvmClient(w, P, 1000);
      double resolverFresh = 1000 + 60 * w.resolverExpiry;
      // the JVM asks on its own 30 s grid and gets the secondary at the first ask after the
      // resolver's cached answer expired
      assertThat(c).isGreaterThanOrEqualTo(resolverFresh).isLessThan(resolverFresh + 30);
      double asks = (c - 1000 - 30 * w.jvmPhase) / 30;
      assertThat(asks).isCloseTo(Math.rint(asks), within(1e-9));
    }
  }

  @Test
  void route53sApplyDelayIsAddedToEveryPath() {
    ModelParameters later = P.withRoute53(60, 30);
    for (long seed = 0; seed < 200; seed++) {
      World w = world(seed);
      SamplingSchedule s = new SamplingSchedule(15);
      AlarmRule rule = AlarmRule.forFailedSamples(1, 4);
      ChainModel.Outcome now = ChainModel.run(w, P, s, rule);
      ChainModel.Outcome then = ChainModel.run(w, later, s, rule);
      assertThat(then.alarm()).isEqualTo(now.alarm());
      assertThat(then.route53()).isCloseTo(now.route53() + 30, within(1e-9));
      assertThat(then.gated()).isCloseTo(now.gated() + 30, within(1e-9));
      assertThat(ChainModel.nativeUnhealthy(w, later, 30, 3))
          .isCloseTo(ChainModel.nativeUnhealthy(w, P, 30, 3) + 30, within(1e-9));
      // a faster read of the alarm never slows the read path
      ChainModel.Outcome fast = ChainModel.run(w, P.withRoute53(10, 0), s, rule);
      assertThat(fast.route53()).isLessThanOrEqualTo(now.route53() + 10);
      assertThat(fast.route53() - fast.alarm()).isBetween(0.0, 10.0);
    }
  }

  @Test
  void nativeCheckWaitsForThirteenOfFifteenCheckers() {
    for (long seed = 0; seed < 200; seed++) {
      World w = world(seed);
      double t = ChainModel.nativeUnhealthy(w, P, 30, 3) - w.death;
      // 3 failures of 4 s, 2 intervals of 30 s, plus the wait for the first request
      assertThat(t).isBetween(72.0, 72 + 30.05);
      double[] sorted = w.checkerPhase.clone();
      java.util.Arrays.sort(sorted);
      assertThat(t).isCloseTo(72 + 30.05 * sorted[12], within(1e-9));
    }
  }
}
