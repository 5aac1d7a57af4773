package io.route53failover.failover;

import java.util.List;
import java.util.Objects;

/**
 * FailoverFunction's answer: one entry per SNS record, in order, and counts per action. Any
 * Jackson-based serializer (the Lambda runtime's included) writes it as {@code
 * {"records":[{…,"action":"locked",…}],"locked":1,…}}.
 *
 * @param records one entry per SNS record
 * @param locked records whose health check this invocation locked
 * @param alreadyLocked records whose health check was already locked
 * @param skipped records whose alarm state was not {@code ALARM}
 * @param skippedStale {@code ALARM} records older than the health check's last failback
 * @param refused records naming a health check outside {@code ALLOWED_HEALTH_CHECK_IDS}
 * @param failed records that could not be handled
 */
public record FailoverReport(
    List<RecordOutcome> records,
    int locked,
    int alreadyLocked,
    int skipped,
    int skippedStale,
    int refused,
    int failed) {

  public FailoverReport {
    records = List.copyOf(records);
  }

  /**
   * What happened to one SNS record. Fields not known (for example the health check of a message
   * that could not be parsed) are {@code null}.
   *
   * @param messageId the SNS {@code MessageId}
   * @param alarmName {@code AlarmName}
   * @param newState {@code NewStateValue}
   * @param healthCheckId the health check acted on
   * @param field the field the lock sets: {@code ResourcePath} or {@code HealthThreshold}
   * @param oldValue the field's value found ({@code null} also when the check had none)
   * @param newValue the field's value after the record was handled
   * @param action what was done; in JSON its {@link FailoverAction#label()}, e.g. {@code locked}
   * @param warning a problem that did not stop the action, e.g. the original value could not be
   *     recorded
   * @param error why the record failed, was refused or was skipped as stale
   */
  public record RecordOutcome(
      String messageId,
      String alarmName,
      String newState,
      String healthCheckId,
      String field,
      String oldValue,
      String newValue,
      FailoverAction action,
      String warning,
      String error) {

    public RecordOutcome {
      Objects.requireNonNull(action, "action");
    }

    /**
     * The action's label, e.g. {@code already-locked}: the {@code action} property in the JSON. A
     * {@code getAction} getter takes precedence over the record accessor in Jackson, the Lambda
     * runtime's included, so the report's JSON carries the label, not the enum constant's name.
     */
    public String getAction() {
      return action.label();
    }
  }

  /** Counts the outcomes. */
  public static FailoverReport of(List<RecordOutcome> records) {
    return new FailoverReport(
        records,
        count(records, FailoverAction.LOCKED),
        count(records, FailoverAction.ALREADY_LOCKED),
        count(records, FailoverAction.SKIPPED_STATE),
        count(records, FailoverAction.SKIPPED_STALE),
        count(records, FailoverAction.REFUSED_NOT_ALLOWED),
        count(records, FailoverAction.FAILED));
  }

  private static int count(List<RecordOutcome> records, FailoverAction action) {
    return (int) records.stream().filter(r -> r.action() == action).count();
  }
}
