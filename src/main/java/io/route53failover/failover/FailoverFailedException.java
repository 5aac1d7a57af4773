package io.route53failover.failover;

import java.util.stream.Collectors;

/**
 * At least one SNS record could not be handled. Thrown after every record of the event was tried,
 * so that Lambda's asynchronous retries and the on-failure destination keep the event. The message
 * names the failing SNS {@code MessageId}s and their errors; {@link #report()} has every record.
 */
public class FailoverFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FailoverReport report;

  public FailoverFailedException(FailoverReport report) {
    super(message(report));
    this.report = report;
  }

  /** The report of the whole event. */
  public FailoverReport report() {
    return report;
  }

  private static String message(FailoverReport report) {
    String failures =
        report.records().stream()
            .filter(r -> r.action() == FailoverAction.FAILED)
            .map(r -> "[MessageId " + r.messageId() + "] " + r.error())
            .collect(Collectors.joining("; "));
    return report.failed()
        + " of "
        + report.records().size()
        + " SNS record(s) could not be handled: "
        + failures;
  }
}
