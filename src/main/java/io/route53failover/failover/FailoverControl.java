package io.route53failover.failover;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.EventPublisher;
import io.route53failover.events.Mechanism;
import io.route53failover.failover.FailoverReport.RecordOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What FailoverFunction asks before it locks, and tells after: whether the health check is
 * disarmed ({@link ArmState} from its tags, with an injected clock), and one {@link ActionEvent}
 * per handled record on the {@link EventPublisher}.
 *
 * <p>Events: {@code locked}, {@code already-locked}, {@code skipped-disarmed}, {@code refused}
 * (for {@code refused-not-allowed}) and {@code failed}. An alarm that went to {@code OK} or {@code
 * INSUFFICIENT_DATA} ({@code skipped-state}) is no action and publishes nothing. The publisher
 * never throws (see {@link EventPublisher}), so a lost event never undoes or blocks a lock.
 */
public final class FailoverControl {
  private final HealthCheckStore store;
  private final EventPublisher events;
  private final Clock clock;
  private final String actor;
  // node names never change for a health check id; read with the arm state, kept for the events
  private final Map<String, String> nodes = new ConcurrentHashMap<>();

  /**
   * @param store reads the health check's tags
   * @param events where the events go
   * @param clock "now" for the arm state and the events' time
   * @param actor the events' {@code actor}, e.g. the function's name
   */
  public FailoverControl(
      HealthCheckStore store, EventPublisher events, Clock clock, String actor) {
    this.store = store;
    this.events = events;
    this.clock = clock;
    this.actor = actor;
  }

  /**
   * The arm state of the health check now (one ListTagsForResource).
   *
   * @return the state; {@link ArmState#disarmedAt} with {@link #now()} says whether to skip
   */
  public ArmState armState(String healthCheckId) {
    Map<String, String> tags = store.tags(healthCheckId);
    String node = tags.get(GateTags.NODE);
    if (node != null) {
      nodes.put(healthCheckId, node);
    }
    return ArmState.fromTags(tags);
  }

  /** The clock's instant. */
  public Instant now() {
    return clock.instant();
  }

  /** Publishes the event for {@code outcome}, if it is an action (see the class comment). */
  public void publish(RecordOutcome outcome) {
    ActionEvent event = event(outcome, nodes.get(String.valueOf(outcome.healthCheckId())), actor, now());
    if (event != null) {
      events.publish(event);
    }
  }

  /** The event for {@code o}, or {@code null} for {@code skipped-state}. */
  static ActionEvent event(RecordOutcome o, String node, String actor, Instant now) {
    Action action =
        switch (o.action()) {
          case LOCKED -> Action.LOCKED;
          case ALREADY_LOCKED -> Action.ALREADY_LOCKED;
          case SKIPPED_DISARMED -> Action.SKIPPED_DISARMED;
          case SKIPPED_STALE -> Action.SKIPPED_STALE;
          case REFUSED_NOT_ALLOWED -> Action.REFUSED;
          case FAILED -> Action.FAILED;
          case SKIPPED_STATE -> null;
        };
    if (action == null) {
      return null;
    }
    return ActionEvent.builder(action, now)
        .healthCheckId(o.healthCheckId())
        .node(node)
        .mechanism(Mechanism.forField(o.field()))
        .oldValue(o.oldValue())
        .newValue(o.newValue())
        .alarm(o.alarmName())
        .reason(o.error() != null ? o.error() : o.warning())
        .actor(actor)
        .build();
  }
}
