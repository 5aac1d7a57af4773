package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.failover.Interleavings.Actor;
import io.route53failover.failover.Interleavings.Execution;
import io.route53failover.testing.InMemoryHealthCheckStore.Write;
import io.route53failover.testing.InMemoryHealthCheckStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A duplicate SNS delivery (FailoverFunction locking) racing an operator's failback, through
 * every interleaving of their Route 53 calls against a store with real {@code HealthCheckVersion}
 * semantics ({@link InMemoryHealthCheckStore}, explored by {@link Interleavings}).
 *
 * <p>The invariant, checked after every interleaving once all actors finished (F is the
 * failed-over path, O the original path {@code /health}):
 *
 * <ol>
 *   <li><b>No unlock without the operator.</b> Either the check is locked (ResourcePath F), or the
 *       last successful UpdateHealthCheck was the operator's failback, and the
 *       HealthCheckVersion that update expected was a locked version: the operator's read saw the
 *       lock it lifted. No delivery ever writes anything but F.
 *   <li><b>The record matches the state.</b> Locked: the tag {@value OriginalPathTag#KEY} holds
 *       O, so a later failback without {@code --path} restores the right path. Unlocked: the tag
 *       is absent, so a later lock records the path then in place.
 *   <li><b>Every actor ends as documented.</b> A delivery reports {@code locked}, {@code
 *       already-locked} or {@code skipped-stale} (it read the check after the failback recorded
 *       its time; the sample ALARM is older) and never fails; a failback restores O or is refused (nothing changed)
 *       because it read an unlocked check.
 * </ol>
 *
 * <p>With one delivery and one failback (the case SNS's at-least-once delivery creates) all three
 * hold in every interleaving. Before the failback removed the tag ahead of its UpdateHealthCheck,
 * 2 of its 7 interleavings ended locked with no record.
 *
 * <p>With two concurrent deliveries and a failback, Route 53's tags not being covered by
 * HealthCheckVersion leaves one residue: a delivery that wrote the tag and then lost its
 * UpdateHealthCheck to the other delivery may write it after the failback removed it, so the check
 * ends unlocked with a record. That record always equals the path the failback restored, so it is
 * harmless unless the path changes before the next lock (which then logs "keeping the recorded
 * original path" with both values). For these cases point 2 is checked in that weaker form.
 */
class LockFailbackInterleavingsTest {
  private static final String ID = SampleEvents.SAMPLE_HEALTH_CHECK_ID;
  private static final String LOCKED = FailoverConfig.DEFAULT_FAILED_OVER_PATH;
  private static final String ORIGINAL = "/health";
  private static final int MAX_EXECUTIONS = 20_000;

  private static Supplier<InMemoryHealthCheckStore> unlocked() {
    return () -> new InMemoryHealthCheckStore().add(ID, "HTTPS", ORIGINAL);
  }

  /** A check locked by an earlier delivery: ResourcePath F at version 2, tag holding O. */
  private static Supplier<InMemoryHealthCheckStore> locked() {
    return () -> {
      InMemoryHealthCheckStore store = unlocked().get();
      new HealthCheckLock(store, LOCKED).lock(ID, () -> true);
      return store;
    };
  }

  /** FailoverFunction handling a redelivery of the sample ALARM event. */
  private static Actor delivery() {
    SNSEvent event = SampleEvents.load(SampleEvents.ALARM);
    return store ->
        new FailoverFunction(FailoverConfig.fromEnvironment(Map.of()), store)
            .handleRequest(event, null);
  }

  /** The operator's {@code failback --health-check-id ID}, restoring the recorded path. */
  private static Actor failback() {
    return store -> {
      try {
        return new HealthCheckLock(store, LOCKED).failback(ID, Optional.empty());
      } catch (FailbackRefusedException e) {
        return e;
      }
    };
  }

  private static Map<String, Actor> actors(Object... nameAndActor) {
    Map<String, Actor> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndActor.length; i += 2) {
      m.put((String) nameAndActor[i], (Actor) nameAndActor[i + 1]);
    }
    return m;
  }

  /**
   * The invariant's violations in one execution, each with the interleaving that caused it.
   *
   * @param strictRecord whether an unlocked check must carry no record at all, or may carry one
   *     equal to its current path
   */
  private static List<String> violations(Execution e, boolean strictRecord) {
    List<String> problems = new ArrayList<>();
    InMemoryHealthCheckStore store = e.store();
    HealthCheckState end = store.get(ID);
    boolean isLocked = LOCKED.equals(end.resourcePath());
    List<Write> writes =
        store.writes().stream().filter(w -> e.outcomes().containsKey(w.writer())).toList();

    // 1. no unlock without the operator
    for (Write w : writes) {
      if (w.writer().startsWith("delivery") && !LOCKED.equals(w.newValue())) {
        problems.add(w.writer() + " wrote " + w.newValue());
      }
    }
    if (!isLocked) {
      Write last = writes.isEmpty() ? null : writes.getLast();
      if (last == null || !last.writer().startsWith("operator")) {
        problems.add("unlocked (" + end.resourcePath() + ") but the last write was " + last);
      } else if (!LOCKED.equals(store.pathAt(ID, last.expectedVersion()))) {
        problems.add("unlocked by a failback whose read (v" + last.expectedVersion() + ") was not locked");
      }
    }
    // 2. the record matches the state
    String tag = store.tags(ID).get(OriginalPathTag.KEY);
    if (isLocked && (tag == null || !ORIGINAL.equals(OriginalPathTag.decode(tag)))) {
      problems.add("locked, but the original-path tag is " + (tag == null ? "absent" : "\"" + tag + "\""));
    }
    if (!isLocked
        && tag != null
        && (strictRecord || !Objects.equals(OriginalPathTag.decode(tag), end.resourcePath()))) {
      problems.add("unlocked, but the original-path tag is still \"" + tag + "\"");
    }
    // 3. every actor ends as documented
    e.outcomes()
        .forEach(
            (actor, outcome) -> {
              boolean documented =
                  switch (outcome) {
                    case FailoverReport r ->
                        r.failed() == 0 && r.locked() + r.alreadyLocked() + r.skippedStale() == 1;
                    case FailbackResult r -> ORIGINAL.equals(r.restoredValue()) && r.warning() == null;
                    case FailbackRefusedException r -> r.getMessage().contains("is not locked");
                    default -> false;
                  };
              if (!documented) {
                problems.add(actor + " ended with " + outcome);
              }
            });
    return problems.stream().map(p -> p + " after " + e.steps()).toList();
  }

  private static List<Execution> exploreAndCheck(
      Supplier<InMemoryHealthCheckStore> initial, Map<String, Actor> actors) {
    boolean strictRecord = actors.size() == 2;
    List<Execution> executions = Interleavings.explore(initial, actors, MAX_EXECUTIONS);
    List<String> problems =
        executions.stream().flatMap(e -> violations(e, strictRecord).stream()).toList();
    assertThat(problems).as("invariant violations in %d interleavings", executions.size()).isEmpty();
    System.out.printf("%s: %d interleavings, all satisfy the invariant%n", actors.keySet(), executions.size());
    return executions;
  }

  private static Set<String> finalPaths(List<Execution> executions) {
    return executions.stream()
        .map(e -> e.store().get(ID).resourcePath())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void duplicateDeliveryRacingTheFailbackOfALockedCheck() {
    List<Execution> executions =
        exploreAndCheck(locked(), actors("delivery", delivery(), "operator", failback()));

    // the failback always wins: a redelivery that reads the check after the failback finds the
    // last-failback tag (written before the update) and is skipped-stale
    assertThat(finalPaths(executions)).containsExactly(ORIGINAL);
    assertThat(executions)
        .anySatisfy(
            e ->
                assertThat(((FailoverReport) e.outcome("delivery")).skippedStale()).isEqualTo(1));
    assertThat(executions).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void firstDeliveryRacingAFailback() {
    List<Execution> executions =
        exploreAndCheck(unlocked(), actors("delivery", delivery(), "operator", failback()));

    assertThat(finalPaths(executions)).containsExactlyInAnyOrder(LOCKED, ORIGINAL);
    // a failback that read the check before the lock refused and changed nothing
    assertThat(executions)
        .anySatisfy(e -> assertThat(e.outcome("operator")).isInstanceOf(FailbackRefusedException.class));
  }

  @Test
  void twoDeliveriesRacingTheFailbackOfALockedCheck() {
    exploreAndCheck(
        locked(),
        actors("delivery-1", delivery(), "delivery-2", delivery(), "operator", failback()));
  }

  @Test
  void twoDeliveriesOfAnUnlockedCheckRacingAFailback() {
    List<Execution> executions =
        exploreAndCheck(
            unlocked(),
            actors("delivery-1", delivery(), "delivery-2", delivery(), "operator", failback()));

    // the version check at work: some delivery lost its UpdateHealthCheck and read again
    assertThat(executions)
        .anySatisfy(
            e ->
                assertThat(e.steps())
                    .filteredOn(s -> s.startsWith("delivery") && s.contains("UpdateHealthCheck"))
                    .hasSizeGreaterThan(1));
  }
}
