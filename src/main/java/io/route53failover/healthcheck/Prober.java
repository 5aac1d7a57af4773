package io.route53failover.healthcheck;

import java.time.Duration;

/** Probes one target once. Implementations never throw for a target's failure: they return it. */
public interface Prober {

  /**
   * Probes {@code target}, giving up after {@code timeout} (the smaller of the target's {@code
   * timeoutMs} and the time left in the run).
   *
   * @return the outcome; unhealthy with a named reason for every failure, including a timeout
   */
  ProbeResult probe(Target target, Duration timeout);
}
