package io.route53failover.failover;

import io.route53failover.testing.InMemoryHealthCheckStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs several actors (a lock, a failback, ...) against one {@link InMemoryHealthCheckStore}, each
 * on its own thread, letting exactly one store call happen at a time, and enumerates every order
 * of those calls depth-first (stateless model checking: each order is replayed from a fresh store).
 *
 * <p>A store call is one Route 53 API call (GetHealthCheck, ListTagsForResource,
 * UpdateHealthCheck, ChangeTagsForResource), which Route 53 applies atomically; so the orders of
 * the calls are all the interleavings the real system can produce between these actors.
 */
final class Interleavings {

  /** One complete run: the order of the store calls, each actor's result, the final store. */
  record Execution(
      List<String> steps, Map<String, Object> outcomes, InMemoryHealthCheckStore store) {

    /** The actor's return value, or the exception it ended with. */
    Object outcome(String actor) {
      return outcomes.get(actor);
    }
  }

  /** What one actor does with the store; its thread is named after it. */
  @FunctionalInterface
  interface Actor extends Function<HealthCheckStore, Object> {}

  private static final long STEP_TIMEOUT_SECONDS = 10;

  private Interleavings() {}

  /**
   * Every interleaving of the actors' store calls.
   *
   * @param initialStore builds the store each run starts from
   * @param actors name to action, run concurrently
   * @param maxExecutions a bound, so a livelock fails the test instead of running forever
   */
  static List<Execution> explore(
      Supplier<InMemoryHealthCheckStore> initialStore,
      Map<String, Actor> actors,
      int maxExecutions) {
    List<Execution> executions = new ArrayList<>();
    List<String> prefix = List.of();
    while (prefix != null) {
      if (executions.size() >= maxExecutions) {
        throw new AssertionError("more than " + maxExecutions + " interleavings");
      }
      Replay replay = new Replay(initialStore.get(), actors, prefix);
      executions.add(replay.run());
      prefix = replay.nextPrefix();
    }
    return executions;
  }

  /** One run that follows {@code prefix}, then always picks the first waiting actor by name. */
  private static final class Replay {
    private final InMemoryHealthCheckStore store;
    private final Map<String, Actor> actors;
    private final List<String> prefix;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, String> waitingAt = new TreeMap<>();
    private final Set<String> running = new HashSet<>();
    private String granted;

    /** At each choice point: the actors that could go, and the one chosen. */
    private final List<List<String>> choices = new ArrayList<>();
    private final List<String> chosen = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();

    Replay(InMemoryHealthCheckStore store, Map<String, Actor> actors, List<String> prefix) {
      this.store = store;
      this.actors = actors;
      this.prefix = prefix;
    }

    Execution run() {
      Map<String, Object> outcomes = new LinkedHashMap<>();
      List<Thread> threads = new ArrayList<>();
      lock.lock();
      try {
        running.addAll(actors.keySet());
      } finally {
        lock.unlock();
      }
      for (Map.Entry<String, Actor> a : actors.entrySet()) {
        HealthCheckStore gated = new GatedStore(store, this::gate);
        Thread t =
            Thread.ofPlatform()
                .name(a.getKey())
                .unstarted(
                    () -> {
                      Object outcome;
                      try {
                        outcome = a.getValue().apply(gated);
                      } catch (RuntimeException | Error e) {
                        outcome = e;
                      }
                      finish(a.getKey(), outcome, outcomes);
                    });
        threads.add(t);
      }
      threads.forEach(Thread::start);
      schedule();
      for (Thread t : threads) {
        try {
          t.join(TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      synchronized (outcomes) {
        return new Execution(List.copyOf(steps), Map.copyOf(outcomes), store);
      }
    }

    private void schedule() {
      lock.lock();
      try {
        while (true) {
          long left = TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_SECONDS);
          while (!running.isEmpty()) {
            if (left <= 0) {
              throw new AssertionError("actors " + running + " neither reached a store call nor finished");
            }
            left = changed.awaitNanos(left);
          }
          if (waitingAt.isEmpty()) {
            return;
          }
          List<String> ready = List.copyOf(waitingAt.keySet());
          int point = chosen.size();
          String pick = point < prefix.size() ? prefix.get(point) : ready.getFirst();
          if (!ready.contains(pick)) {
            throw new AssertionError("replay diverged at step " + point + ": " + pick + " not in " + ready);
          }
          choices.add(ready);
          chosen.add(pick);
          steps.add(pick + ":" + waitingAt.remove(pick));
          running.add(pick);
          granted = pick;
          changed.signalAll();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } finally {
        lock.unlock();
      }
    }

    /** Called by an actor's thread before each store call: waits for its turn. */
    private void gate(String operation) {
      String actor = Thread.currentThread().getName();
      lock.lock();
      try {
        waitingAt.put(actor, operation);
        running.remove(actor);
        changed.signalAll();
        while (!actor.equals(granted)) {
          if (!changed.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(actor + " was never scheduled");
          }
        }
        granted = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } finally {
        lock.unlock();
      }
    }

    private void finish(String actor, Object outcome, Map<String, Object> outcomes) {
      synchronized (outcomes) {
        outcomes.put(actor, outcome);
      }
      lock.lock();
      try {
        running.remove(actor);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** The prefix of the next run: the last choice point with an untried actor, advanced. */
    List<String> nextPrefix() {
      for (int i = choices.size() - 1; i >= 0; i--) {
        List<String> ready = choices.get(i);
        int at = ready.indexOf(chosen.get(i));
        if (at + 1 < ready.size()) {
          List<String> next = new ArrayList<>(chosen.subList(0, i));
          next.add(ready.get(at + 1));
          return next;
        }
      }
      return null;
    }
  }

  /** Passes every call through {@code gate} first, naming the Route 53 operation. */
  private record GatedStore(HealthCheckStore store, java.util.function.Consumer<String> gate)
      implements HealthCheckStore {
    @Override
    public HealthCheckState get(String healthCheckId) {
      gate.accept("GetHealthCheck");
      return store.get(healthCheckId);
    }

    @Override
    public Map<String, String> tags(String healthCheckId) {
      gate.accept("ListTagsForResource");
      return store.tags(healthCheckId);
    }

    @Override
    public long updateResourcePath(String healthCheckId, String resourcePath, long expectedVersion) {
      gate.accept("UpdateHealthCheck(" + resourcePath + ", v" + expectedVersion + ")");
      return store.updateResourcePath(healthCheckId, resourcePath, expectedVersion);
    }

    @Override
    public long updateHealthThreshold(
        String healthCheckId, int threshold, java.util.List<String> children, long expectedVersion) {
      gate.accept("UpdateHealthCheck(HealthThreshold " + threshold + ", v" + expectedVersion + ")");
      return store.updateHealthThreshold(healthCheckId, threshold, children, expectedVersion);
    }

    @Override
    public java.util.Optional<String> lastReportedStatus(String healthCheckId) {
      gate.accept("GetHealthCheckStatus");
      return store.lastReportedStatus(healthCheckId);
    }

    @Override
    public void putTag(String healthCheckId, String key, String value) {
      gate.accept("AddTag(" + value + ")");
      store.putTag(healthCheckId, key, value);
    }

    @Override
    public void removeTag(String healthCheckId, String key) {
      gate.accept("RemoveTag");
      store.removeTag(healthCheckId, key);
    }
  }
}
