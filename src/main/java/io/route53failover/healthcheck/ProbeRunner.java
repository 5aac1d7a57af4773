package io.route53failover.healthcheck;

import java.time.Instant;
import java.util.List;

/** Probes many targets, concurrently, within one run's deadline. */
public interface ProbeRunner {

  /**
   * Probes every target and returns exactly one result per target, in the order given. A probe
   * that has not finished by {@code deadline} is reported unhealthy with reason {@code deadline}.
   */
  List<ProbeResult> probeAll(List<Target> targets, Instant deadline);
}
