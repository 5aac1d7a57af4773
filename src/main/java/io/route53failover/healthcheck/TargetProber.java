package io.route53failover.healthcheck;

import java.time.Duration;
import java.util.function.Supplier;

/** Probes any {@link Target} with the prober for its type. */
final class TargetProber implements Prober {

  private final Prober tcp;
  private final Prober http;
  private final Prober dns;

  /**
   * Production probers resolving through {@code resolver}, with the platform's trust roots and, for
   * {@code caBundle} targets, {@code caBundle}'s CAs. The HTTP(S) prober is built when the first
   * HTTP(S) target is probed, so a run with TCP targets only never loads OkHttp, Okio and Kotlin
   * (about 250 classes fewer, measured).
   */
  TargetProber(HostResolver resolver, CaBundle caBundle) {
    this(
        new TcpProber(resolver),
        new OnFirstUse(() -> new HttpProber(resolver, caBundle)),
        new OnFirstUse(DnsProber::new));
  }

  TargetProber(Prober tcp, Prober http, Prober dns) {
    this.tcp = tcp;
    this.http = http;
    this.dns = dns;
  }

  /**
   * Probes {@code target}; a result that passed but took longer than the target's {@code
   * maxLatencyMs} becomes unhealthy with reason {@code slow}, keeping its latency.
   */
  @Override
  public ProbeResult probe(Target target, Duration timeout) {
    ProbeResult result =
        switch (target) {
          case TcpTarget t -> tcp.probe(t, timeout);
          case HttpTarget h -> http.probe(h, timeout);
          case DnsTarget d -> dns.probe(d, timeout);
        };
    Integer max = target.maxLatencyMs();
    if (max != null && result.healthy() && result.latencyMs() != null && result.latencyMs() > max) {
      return result.failing("slow");
    }
    return result;
  }

  /**
   * A prober built by {@code factory} on first use, once, and shared by every later probe. If
   * building fails, that probe fails with the exception (the runner reports the target unhealthy
   * with its class name) and the next probe tries again.
   */
  static final class OnFirstUse implements Prober {
    private final Supplier<Prober> factory;
    private volatile Prober prober;

    OnFirstUse(Supplier<Prober> factory) {
      this.factory = factory;
    }

    @Override
    public ProbeResult probe(Target target, Duration timeout) {
      return get().probe(target, timeout);
    }

    private Prober get() {
      Prober p = prober;
      if (p == null) {
        synchronized (this) {
          p = prober;
          if (p == null) {
            p = factory.get();
            prober = p;
          }
        }
      }
      return p;
    }
  }
}
