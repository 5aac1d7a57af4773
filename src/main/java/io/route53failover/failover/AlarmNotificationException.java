package io.route53failover.failover;

/**
 * An SNS message cannot be acted on: its {@code Message} is empty, is not JSON, is not a CloudWatch
 * alarm notification, lacks {@code NewStateValue}, or names no health check. The message names the
 * SNS {@code MessageId} and the field, for example: {@code SNS message 5f1c…: field
 * "NewStateValue": missing}.
 */
public class AlarmNotificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String messageId;
  private final String field;

  /**
   * @param messageId the SNS {@code MessageId}, may be {@code null} when the record has none
   * @param field the field at fault, for example {@code Sns.Message} or {@code NewStateValue}
   * @param problem what was wrong
   * @param cause the parser's error, or {@code null}
   */
  public AlarmNotificationException(
      String messageId, String field, String problem, Throwable cause) {
    super("SNS message " + messageId + ": field \"" + field + "\": " + problem, cause);
    this.messageId = messageId;
    this.field = field;
  }

  /** The SNS {@code MessageId} of the message at fault. */
  public String messageId() {
    return messageId;
  }

  /** The field at fault. */
  public String field() {
    return field;
  }
}
