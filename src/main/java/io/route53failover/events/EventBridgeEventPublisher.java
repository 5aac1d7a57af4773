package io.route53failover.events;

import io.route53failover.aws.AwsErrors;
import io.route53failover.logging.LogEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@link EventPublisher} on EventBridge: one PutEvents call with one entry on the account's
 * default event bus (no {@code EventBusName}), {@code Source} {@value ActionEvent#SOURCE}, {@code
 * DetailType} {@link ActionEvent#detailType()}, {@code Detail} {@link ActionEvent#detailJson()}, and
 * {@code Time} the event's time.
 *
 * <p>Never throws. A rejected entry ({@code FailedEntryCount} > 0, with the entry's {@code
 * ErrorCode} and {@code ErrorMessage}) or any exception (an SDK error after the client's retries,
 * a timeout) is logged as one JSON line at ERROR, {@code "message":"event not published"}, with
 * the event's {@code detailType}, {@code action}, {@code healthCheckId} and the {@code error}.
 * A published event is logged at DEBUG with its {@code eventId}.
 *
 * <p>The caller needs {@code events:PutEvents} on {@code
 * arn:<partition>:events:<region>:<account>:event-bus/default}.
 */
public final class EventBridgeEventPublisher implements EventPublisher {
  private static final Logger LOG = LogManager.getLogger(EventBridgeEventPublisher.class);

  private final Supplier<EventBridgeClient> eventBridge;
  private EventBridgeClient client;

  /**
   * @param eventBridge a client in the region whose default bus receives the events; not closed by
   *     this publisher
   */
  public EventBridgeEventPublisher(EventBridgeClient eventBridge) {
    this(() -> eventBridge);
  }

  /**
   * @param eventBridge builds the client on the first event (for example {@code
   *     io.route53failover.aws.AwsClients::eventBridge}); a client that cannot be built (no region
   *     known, say) makes that event "not published", logged like any other failure, and the next
   *     event tries again
   */
  public EventBridgeEventPublisher(Supplier<EventBridgeClient> eventBridge) {
    this.eventBridge = eventBridge;
  }

  private synchronized EventBridgeClient client() {
    if (client == null) {
      client = eventBridge.get();
    }
    return client;
  }

  @Override
  public void publish(ActionEvent event) {
    try {
      PutEventsResponse response =
          client().putEvents(
              r ->
                  r.entries(
                      PutEventsRequestEntry.builder()
                          .source(ActionEvent.SOURCE)
                          .detailType(event.detailType())
                          .detail(event.detailJson())
                          .time(event.time())
                          .build()));
      PutEventsResultEntry entry =
          response.hasEntries() && !response.entries().isEmpty() ? response.entries().get(0) : null;
      Integer failed = response.failedEntryCount();
      if ((failed != null && failed > 0) || entry == null || entry.errorCode() != null) {
        notPublished(
            event,
            entry == null
                ? "EventBridge PutEvents answered no entry (FailedEntryCount " + failed + ")"
                : "EventBridge PutEvents rejected the entry: "
                    + entry.errorCode()
                    + ": "
                    + entry.errorMessage());
        return;
      }
      LOG.debug(
          LogEvent.of("event published")
              .with("detailType", event.detailType())
              .with("action", event.action().label())
              .with("healthCheckId", event.healthCheckId())
              .with("eventId", entry.eventId()));
    } catch (RuntimeException e) {
      notPublished(event, AwsErrors.describe("EventBridge PutEvents", e));
    }
  }

  private static void notPublished(ActionEvent event, String error) {
    LOG.error(
        LogEvent.of("event not published")
            .with("detailType", event.detailType())
            .with("action", event.action().label())
            .with("healthCheckId", event.healthCheckId())
            .with("error", error));
  }
}
