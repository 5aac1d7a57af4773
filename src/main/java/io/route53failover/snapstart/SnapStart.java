package io.route53failover.snapstart;

import io.route53failover.logging.LogEvent;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda SnapStart runtime hooks (the org.crac API). A function registers its priming once; with
 * SnapStart on, Lambda runs it after the function's initialization, just before it takes the
 * snapshot of the execution environment ({@link Resource#beforeCheckpoint}), so the classes and
 * JIT-compiled code it touched are part of the snapshot every restored environment starts from.
 * Without SnapStart (or outside Lambda) registering does nothing else and the priming never runs.
 *
 * <p>Priming must not call AWS or probe anything: it works on offline SDK clients and sample data.
 * It logs one line when it ran; if it fails, that is logged as a warning and the snapshot is taken
 * anyway (the function is then only slower to start, never wrong). After a restore one line is
 * logged.
 */
public final class SnapStart {
  private static final Logger LOG = LogManager.getLogger(SnapStart.class);

  /** Registered hooks by function name; also keeps them strongly reachable. */
  private static final Map<String, Hook> HOOKS = new ConcurrentHashMap<>();

  private SnapStart() {}

  /**
   * Registers {@code priming} for {@code function} with the global org.crac context, once per
   * function name (later calls for the same name are ignored).
   */
  public static void register(String function, Runnable priming) {
    HOOKS.computeIfAbsent(
        function,
        f -> {
          Hook hook = new Hook(f, priming);
          Core.getGlobalContext().register(hook);
          return hook;
        });
  }

  /** One function's priming as an org.crac resource. */
  public static final class Hook implements Resource {
    private final String function;
    private final Runnable priming;

    public Hook(String function, Runnable priming) {
      this.function = Objects.requireNonNull(function, "function");
      this.priming = Objects.requireNonNull(priming, "priming");
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      long start = System.nanoTime();
      try {
        priming.run();
        LOG.info(
            LogEvent.of("SnapStart priming done before the snapshot; nothing was sent or probed")
                .with("function", function)
                .with("durationMs", (System.nanoTime() - start) / 1_000_000));
      } catch (RuntimeException e) {
        LOG.warn(
            LogEvent.of("SnapStart priming failed; the snapshot is taken unprimed")
                .with("function", function)
                .with("error", e.toString()));
      }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      LOG.info(LogEvent.of("restored from a SnapStart snapshot").with("function", function));
    }
  }
}
