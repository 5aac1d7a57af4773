package io.route53failover.bench.detection;

/**
 * The values the simulator assumes for the terms AWS does not pin down, in seconds. {@link
 * #standard()} is the set every main table uses; the sensitivity rows change one field. Each
 * field's source or reason is in {@code bench/detection.md}'s "Terms" table (rendered by {@link
 * DetectionReport}).
 *
 * @param perFiringJitter true: each EventBridge firing starts anywhere in its minute, uniformly
 *     and independently (the literal reading of "runs within that minute"); false: a rule keeps
 *     one phase in the minute (uniform per trial) and each firing adds up to {@code
 *     fixedPhaseDelayMax} of delay
 * @param fixedPhaseDelayMax the per-firing delay when {@code perFiringJitter} is false
 * @param deadProbe how long the probe of a dead target takes to decide 0 (its {@code timeoutMs})
 * @param healthyProbe how long the probe of a healthy target takes
 * @param putMin shortest PutMetricData call
 * @param putMax longest PutMetricData call
 * @param ingestMax a datum becomes visible to alarm evaluation within this long after the call
 * @param evalPhaseMax CloudWatch evaluates a 60 s alarm once a minute, this long (at most) after
 *     the minute closes; uniform per alarm and trial
 * @param route53Cadence Route 53 reads the alarm's data this often, at a phase uniform per trial
 * @param ttl the failover record's TTL (a resolver's cached answer expires uniformly within it)
 * @param jvmCache the JVM's positive DNS cache ({@code networkaddress.cache.ttl} default)
 * @param snsMin SNS → Lambda delivery, shortest
 * @param snsMax SNS → Lambda delivery, longest
 * @param lockMin FailoverFunction from invoke to UpdateHealthCheck done, shortest (warm)
 * @param lockMax the same, longest (cold start)
 * @param checkers how many Route 53 health checkers watch a native endpoint check
 * @param connectTimeout a native checker's connection timeout (a black-holed endpoint)
 * @param healthyResponse a native checker's round trip to a healthy endpoint
 * @param route53Apply from the moment Route 53 has what decides a status (a native check's
 *     checker reports, a read of the alarm's data, or an UpdateHealthCheck that has returned) to
 *     its DNS answers following that status: the same for every path, so that no path is favoured
 */
public record ModelParameters(
    boolean perFiringJitter,
    double fixedPhaseDelayMax,
    double deadProbe,
    double healthyProbe,
    double putMin,
    double putMax,
    double ingestMax,
    double evalPhaseMax,
    double route53Cadence,
    double ttl,
    double jvmCache,
    double snsMin,
    double snsMax,
    double lockMin,
    double lockMax,
    int checkers,
    double connectTimeout,
    double healthyResponse,
    double route53Apply) {

  /** The values of the main tables. */
  public static ModelParameters standard() {
    return new ModelParameters(
        true, 5, 3.0, 0.03, 0.05, 0.5, 5, 10, 60, 60, 30, 0.1, 1.0, 0.05, 2.5, 15, 4, 0.05, 0);
  }

  /** The same, with a rule that keeps its phase in the minute. */
  public ModelParameters withFixedPhase() {
    return new ModelParameters(
        false, fixedPhaseDelayMax, deadProbe, healthyProbe, putMin, putMax, ingestMax,
        evalPhaseMax, route53Cadence, ttl, jvmCache, snsMin, snsMax, lockMin, lockMax, checkers,
        connectTimeout, healthyResponse, route53Apply);
  }

  /** The same, with CloudWatch evaluating at any second of the minute. */
  public ModelParameters withEvalPhaseMax(double max) {
    return new ModelParameters(
        perFiringJitter, fixedPhaseDelayMax, deadProbe, healthyProbe, putMin, putMax, ingestMax,
        max, route53Cadence, ttl, jvmCache, snsMin, snsMax, lockMin, lockMax, checkers,
        connectTimeout, healthyResponse, route53Apply);
  }

  /**
   * The same, with Route 53 reading the alarm's data every {@code cadence} seconds and applying
   * any status {@code apply} seconds after it has what decides it (on every path, native included).
   */
  public ModelParameters withRoute53(double cadence, double apply) {
    return new ModelParameters(
        perFiringJitter, fixedPhaseDelayMax, deadProbe, healthyProbe, putMin, putMax, ingestMax,
        evalPhaseMax, cadence, ttl, jvmCache, snsMin, snsMax, lockMin, lockMax, checkers,
        connectTimeout, healthyResponse, apply);
  }
}
