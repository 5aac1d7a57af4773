package io.route53failover.healthcheck;

import java.time.Duration;
import java.util.function.Supplier;

/** Probes any {@link Target} with the prober for its type. */
final class TargetProber implements Prober {

  private final Prober tcp;
  private final Prober http;

  /**
   * Production probers resolving through {@code resolver}, with the platform's trust roots. The
   * HTTP(S) prober is built when the first HTTP(S) target is probed, so a run with TCP targets only
   * never loads OkHttp, Okio and Kotlin (about 250 classes fewer, measured).
   */
  TargetProber(HostResolver resolver) {
    this(new TcpProber(resolver), new OnFirstUse(() -> new HttpProber(resolver)));
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
