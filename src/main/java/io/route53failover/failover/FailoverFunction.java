package io.route53failover.failover;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.aws.AwsClients;
import io.route53failover.aws.AwsErrors;
import io.route53failover.failover.FailoverReport.RecordOutcome;
import io.route53failover.logging.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Locks the primary's Route 53 health check when its CloudWatch alarm goes to ALARM (see {@link
 * HealthCheckLock}). Subscribed to the alarm's SNS topic.
 *
 * <p>For each SNS record: parse {@code Sns.Message} as a CloudWatch alarm notification; skip any
 * state but {@code ALARM} ({@code skipped-state}); take the health check from {@code
 * ALARM_HEALTH_CHECKS} by {@code AlarmName}, else from the {@code HealthCheckId} dimension, else
 * {@code PRIMARY_HEALTH_CHECK_ID}; leave alone health checks outside {@code
 * ALLOWED_HEALTH_CHECK_IDS} ({@code refused-not-allowed}: logged as an error, not retried, since a
 * retry cannot make a forged or misrouted message acceptable); lock ({@code locked} or {@code
 * already-locked}), unless the alarm's {@code StateChangeTime} is not after the check's last
 * failback ({@code skipped-stale}: a late or repeated notification). Each record gets one log
 * line and one entry in the returned {@link FailoverReport}.
 *
 * <p>Records that cannot be handled (unparseable message, no health check id, wrong health check
 * type, Route 53 errors that outlast the SDK's retries) are {@code failed}. All records are tried;
 * then, if any failed, the invocation throws {@link FailoverFailedException} naming their SNS
 * {@code MessageId}s, so Lambda retries the event and finally hands it to the on-failure
 * destination.
 *
 * <p>Deadline: a lock attempt may take {@link #LOCK_ATTEMPT_BUDGET} when Route 53 is slow. Before
 * each lock attempt (the first of each record, and each retry after {@code
 * HealthCheckVersionMismatch}) the function checks that the invocation's remaining time ({@link
 * Context#getRemainingTimeInMillis()}) less {@link #DEADLINE_RESERVE} still covers one; if not, the
 * record is {@code failed} with an error starting {@code deadline:}, so its log line and its {@code
 * MessageId} in the thrown error appear before Lambda's timeout would cut the invocation short.
 * Records that need no Route 53 call are still handled. Without a context (tests) there is no
 * deadline.
 */
public final class FailoverFunction implements RequestHandler<SNSEvent, FailoverReport> {
  private static final Logger LOG = LogManager.getLogger(FailoverFunction.class);

  /**
   * Worst case of one lock attempt: {@link HealthCheckLock#MAX_CALLS_PER_ATTEMPT} Route 53 calls of
   * up to {@link Route53Clients#API_CALL_TIMEOUT} each (100 s).
   */
  public static final Duration LOCK_ATTEMPT_BUDGET =
      Route53Clients.API_CALL_TIMEOUT.multipliedBy(HealthCheckLock.MAX_CALLS_PER_ATTEMPT);

  /** Time kept back from the deadline for logging the outcomes and returning or throwing. */
  public static final Duration DEADLINE_RESERVE = Duration.ofSeconds(5);

  /**
   * The function's timeout in seconds in template.yaml; the CLI's {@code invoke} uses it unless
   * told otherwise. It must fit one lock attempt and the reserve ({@link #LOCK_ATTEMPT_BUDGET} +
   * {@link #DEADLINE_RESERVE}), or every lock would stop at the deadline check.
   */
  public static final int DEFAULT_TIMEOUT_SECONDS = 120;

  private final FailoverConfig config;
  private final HealthCheckLock lock;

  /**
   * For Lambda: configuration from {@link System#getenv()}, the shared Route 53 client. No
   * SnapStart priming: template.yaml never turns SnapStart on for this function.
   *
   * @throws FailoverConfigException naming the variable when the configuration is invalid
   */
  public FailoverFunction() {
    this(FailoverConfig.fromEnvironment(System.getenv()), Route53Clients.shared());
  }

  FailoverFunction(FailoverConfig config, Route53Client route53) {
    this(config, new Route53HealthCheckStore(route53));
  }

  FailoverFunction(FailoverConfig config, HealthCheckStore store) {
    this(config, new HealthCheckLock(store, config.failedOverPath()));
  }

  FailoverFunction(FailoverConfig config, HealthCheckLock lock) {
    this.config = config;
    this.lock = lock;
  }

  /**
   * For the CLI's {@code invoke}: configuration from {@code env}. When {@code env} sets {@code
   * AWS_ENDPOINT_URL_ROUTE_53} or {@code AWS_ENDPOINT_URL}, a new Route 53 client uses it as {@code
   * endpointOverride}; otherwise the shared client is used.
   *
   * @throws FailoverConfigException naming the variable when the configuration is invalid
   */
  public static FailoverFunction create(Map<String, String> env) {
    FailoverConfig config = FailoverConfig.fromEnvironment(env);
    Route53Client client =
        AwsClients.endpoint(env, AwsClients.AWS_ENDPOINT_URL_ROUTE_53) == null
            ? Route53Clients.shared()
            : Route53Clients.create(env);
    return new FailoverFunction(config, client);
  }

  /**
   * @param context the invocation's context, for the deadline; {@code null} for none
   * @return one entry per record, and counts
   * @throws FailoverFailedException after all records were tried, when any failed
   */
  @Override
  public FailoverReport handleRequest(SNSEvent event, Context context) {
    List<SNSEvent.SNSRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    List<RecordOutcome> outcomes = new ArrayList<>(records.size());
    Deadline deadline = new Deadline(context);
    for (int i = 0; i < records.size(); i++) {
      RecordOutcome outcome = handle(records.get(i), i, deadline);
      log(outcome);
      outcomes.add(outcome);
    }
    FailoverReport report = FailoverReport.of(outcomes);
    if (report.failed() > 0) {
      throw new FailoverFailedException(report);
    }
    return report;
  }

  private RecordOutcome handle(SNSEvent.SNSRecord record, int index, Deadline deadline) {
    SNSEvent.SNS sns = record == null ? null : record.getSNS();
    if (sns == null) {
      return new Subject(null, null, null, null).failed("record " + index + " has no Sns object");
    }
    Subject subject = new Subject(sns.getMessageId(), null, null, null);
    try {
      AlarmNotification n = AlarmNotification.parse(subject.messageId(), sns.getMessage());
      subject = new Subject(subject.messageId(), n.alarmName(), n.newStateValue(), null);
      if (!n.isAlarm()) {
        return subject.outcome(FailoverAction.SKIPPED_STATE, null);
      }
      String id =
          n.healthCheckId(subject.messageId(), config.alarmHealthChecks(), config.primary());
      subject = subject.withHealthCheckId(id);
      if (!config.allows(id)) {
        return subject.outcome(
            FailoverAction.REFUSED_NOT_ALLOWED,
            "health check "
                + id
                + " is not in "
                + FailoverConfig.ALLOWED_HEALTH_CHECK_IDS
                + "; left alone");
      }
      return subject.locked(
          lock.lock(id, n.stateChangeInstant(), deadline::fitsLockAttempt), n.stateChangeTime());
    } catch (LockDeadlineException e) {
      return subject.failed(deadline.describe(e));
    } catch (RuntimeException e) {
      return subject.failed(AwsErrors.describe(AwsErrors.ROUTE_53, e));
    }
  }

  /** What an SNS record is about, as far as known so far: the fields every outcome repeats. */
  private record Subject(
      String messageId, String alarmName, String newState, String healthCheckId) {
    Subject withHealthCheckId(String id) {
      return new Subject(messageId, alarmName, newState, id);
    }

    RecordOutcome outcome(FailoverAction action, String error) {
      return new RecordOutcome(
          messageId, alarmName, newState, healthCheckId, null, null, null, action, null, error);
    }

    RecordOutcome failed(String error) {
      return outcome(FailoverAction.FAILED, error);
    }

    RecordOutcome locked(LockResult r, String stateChangeTime) {
      FailoverAction action =
          switch (r.outcome()) {
            case LOCKED -> FailoverAction.LOCKED;
            case ALREADY_LOCKED -> FailoverAction.ALREADY_LOCKED;
            case SKIPPED_STALE -> FailoverAction.SKIPPED_STALE;
          };
      String why =
          action == FailoverAction.SKIPPED_STALE
              ? "StateChangeTime "
                  + stateChangeTime
                  + " is not after the last failback "
                  + LastFailbackTag.format(r.lastFailback())
                  + " (tag "
                  + LastFailbackTag.KEY
                  + "): a late or repeated notification; left alone"
              : null;
      return new RecordOutcome(
          messageId,
          alarmName,
          newState,
          healthCheckId,
          r.field(),
          r.oldValue(),
          r.newValue(),
          action,
          r.warning(),
          why);
    }
  }

  /** The invocation's time left, less the reserve, against one lock attempt's worst case. */
  private record Deadline(Context context) {
    long leftMillis() {
      return context == null
          ? Long.MAX_VALUE
          : context.getRemainingTimeInMillis() - DEADLINE_RESERVE.toMillis();
    }

    boolean fitsLockAttempt() {
      return leftMillis() >= LOCK_ATTEMPT_BUDGET.toMillis();
    }

    String describe(LockDeadlineException e) {
      return "deadline: "
          + Math.max(0, leftMillis())
          + " ms left before the function's timeout (less a "
          + DEADLINE_RESERVE.toMillis()
          + " ms reserve), one lock attempt may need "
          + LOCK_ATTEMPT_BUDGET.toMillis()
          + " ms; "
          + e.getMessage();
    }
  }

  private static void log(RecordOutcome o) {
    Level level =
        switch (o.action()) {
          case FAILED, REFUSED_NOT_ALLOWED -> Level.ERROR;
          case LOCKED, ALREADY_LOCKED, SKIPPED_STATE, SKIPPED_STALE ->
              o.warning() == null ? Level.INFO : Level.ERROR;
        };
    LOG.log(
        level,
        LogEvent.of("failover " + o.getAction())
            .with("action", o.getAction())
            .with("messageId", o.messageId())
            .with("alarmName", o.alarmName())
            .with("newState", o.newState())
            .with("healthCheckId", o.healthCheckId())
            .with("field", o.field())
            .with("oldValue", o.oldValue())
            .with("newValue", o.newValue())
            .with("warning", o.warning())
            .with("error", o.error()));
  }
}
