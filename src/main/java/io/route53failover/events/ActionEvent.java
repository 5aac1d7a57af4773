package io.route53failover.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One action on a health check, as published on the account's default EventBridge bus (see {@link
 * EventBridgeEventPublisher}): {@code source} {@value #SOURCE}, {@code detail-type} {@link
 * Action#detailType()}, and {@link #detailJson()} as {@code detail}, for example:
 *
 * <pre>{@code
 * {"action":"locked","healthCheckId":"9f0c…","node":"node1","mechanism":"health-threshold",
 *  "oldValue":"1","newValue":"2","alarm":"stack-node1-availability",
 *  "reason":"ALARM at 2026-12-03T12:00:00Z","actor":"arn:aws:sts::123456789012:assumed-role/…",
 *  "time":"2026-12-03T12:00:04.120Z"}
 * }</pre>
 *
 * <p>Every field but {@code action} and {@code time} may be {@code null}, and is then left out of
 * the detail.
 *
 * @param action what happened
 * @param healthCheckId the Route 53 health check acted on; {@code null} when none (for example
 *     {@link Action#TARGETS_REJECTED})
 * @param node the protected node's name (the gate's {@code route53-failover:node} tag)
 * @param mechanism how the check is locked, or {@code null} when not known
 * @param oldValue the locked field's value before the action ({@code ResourcePath}, or {@code
 *     HealthThreshold} as decimal text)
 * @param newValue the locked field's value after the action (the same as {@code oldValue} when
 *     nothing changed)
 * @param alarm the CloudWatch alarm name that triggered or guards the action
 * @param reason why: the operator's {@code --reason}, the refusal or error message, ...
 * @param actor who: the caller's ARN (STS GetCallerIdentity) for CLI actions, the function's name
 *     for FailoverFunction
 * @param time when the action happened
 */
public record ActionEvent(
    Action action,
    String healthCheckId,
    String node,
    Mechanism mechanism,
    String oldValue,
    String newValue,
    String alarm,
    String reason,
    String actor,
    Instant time) {

  /** The {@code source} of every event this project publishes. */
  public static final String SOURCE = "route53-failover";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws NullPointerException when {@code action} or {@code time} is null
   */
  public ActionEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(time, "time");
  }

  /** A builder for an event of {@code action} at {@code time}; every other field starts null. */
  public static Builder builder(Action action, Instant time) {
    return new Builder(action, time);
  }

  /** The EventBridge {@code detail-type}: {@link Action#detailType()}. */
  public String detailType() {
    return action.detailType();
  }

  /**
   * The EventBridge {@code detail}: a JSON object with {@code action} ({@link Action#label()}),
   * the non-null fields under their record names, {@code mechanism} as {@link Mechanism#label()}
   * and {@code time} in ISO-8601 UTC.
   */
  public String detailJson() {
    ObjectNode detail = JSON.createObjectNode();
    detail.put("action", action.label());
    put(detail, "healthCheckId", healthCheckId);
    put(detail, "node", node);
    put(detail, "mechanism", mechanism == null ? null : mechanism.label());
    put(detail, "oldValue", oldValue);
    put(detail, "newValue", newValue);
    put(detail, "alarm", alarm);
    put(detail, "reason", reason);
    put(detail, "actor", actor);
    detail.put("time", time.toString());
    return detail.toString();
  }

  private static void put(ObjectNode detail, String field, String value) {
    if (value != null) {
      detail.put(field, value);
    }
  }

  /** Builds an {@link ActionEvent} field by field. */
  public static final class Builder {
    private final Action action;
    private final Instant time;
    private String healthCheckId;
    private String node;
    private Mechanism mechanism;
    private String oldValue;
    private String newValue;
    private String alarm;
    private String reason;
    private String actor;

    private Builder(Action action, Instant time) {
      this.action = action;
      this.time = time;
    }

    public Builder healthCheckId(String value) {
      healthCheckId = value;
      return this;
    }

    public Builder node(String value) {
      node = value;
      return this;
    }

    public Builder mechanism(Mechanism value) {
      mechanism = value;
      return this;
    }

    public Builder oldValue(String value) {
      oldValue = value;
      return this;
    }

    public Builder newValue(String value) {
      newValue = value;
      return this;
    }

    public Builder alarm(String value) {
      alarm = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder actor(String value) {
      actor = value;
      return this;
    }

    public ActionEvent build() {
      return new ActionEvent(
          action, healthCheckId, node, mechanism, oldValue, newValue, alarm, reason, actor, time);
    }
  }
}
