package io.route53failover.healthcheck;

import java.time.Instant;
import java.util.List;

/**
 * Probes targets concurrently on virtual threads, with at most 256 sockets open at once.
 *
 * <p>Placeholder: not yet written.
 */
public final class ConcurrentProbeRunner implements ProbeRunner {

  /** The production runner: TCP and HTTP(S) probers, system DNS, at most 256 open sockets. */
  public ConcurrentProbeRunner() {}

  @Override
  public List<ProbeResult> probeAll(List<Target> targets, Instant deadline) {
    throw new UnsupportedOperationException("not yet written");
  }
}
