package io.route53failover.healthcheck;

import java.time.Duration;

/** Probes any {@link Target} with the prober for its type. */
final class TargetProber implements Prober {

  private final Prober tcp;
  private final Prober http;

  /** Production probers resolving through {@code resolver}, with the platform's trust roots. */
  TargetProber(HostResolver resolver) {
    this(new TcpProber(resolver), new HttpProber(resolver));
  }

  TargetProber(Prober tcp, Prober http) {
    this.tcp = tcp;
    this.http = http;
  }

  @Override
  public ProbeResult probe(Target target, Duration timeout) {
    return switch (target) {
      case TcpTarget t -> tcp.probe(t, timeout);
      case HttpTarget h -> http.probe(h, timeout);
    };
  }
}
