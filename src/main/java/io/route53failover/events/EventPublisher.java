package io.route53failover.events;

/**
 * Tells the world about an action. Implementations never throw and never block the action for
 * long: the action (a Route 53 change) has already happened or been decided, and a failure to tell
 * about it must not undo it. A failure is logged instead.
 */
@FunctionalInterface
public interface EventPublisher {

  /**
   * Publishes {@code event}; logs, and swallows, any failure.
   *
   * @param event the action that happened
   */
  void publish(ActionEvent event);
}
