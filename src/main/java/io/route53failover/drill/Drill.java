package io.route53failover.drill;

import io.route53failover.operator.Ticker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.route53failover.aws.AwsErrors;
import io.route53failover.failover.AlarmNotification;
import io.route53failover.failover.FailbackResult;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.HealthCheckNotFoundException;
import io.route53failover.failover.LockStatus;
import io.route53failover.logging.LogEvent;
import io.route53failover.operator.FailoverRecordValues;
import io.route53failover.operator.RecordAnswer;
import io.route53failover.operator.RecordCheck;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A failover drill against a real stack: force the lock alarm to {@code ALARM} and time how long
 * the lock path (alarm actions → SNS → FailoverFunction → UpdateHealthCheck) takes to lock the
 * health check; optionally fail back and wait for the alarm to return to {@code OK}.
 *
 * <ol>
 *   <li>{@link #check}: read-only preconditions. The alarm exists, is {@code OK}, has its actions
 *       enabled and at least one {@code AlarmActions} entry, and does not name another health
 *       check in its {@code HealthCheckId} dimension. The health check exists, has a {@code
 *       ResourcePath} or is a {@code CALCULATED} gate (a {@link
 *       io.route53failover.failover.LockMechanism} locks it), is not locked, and carries no stale
 *       original-value tag (a lock would keep that stale value as the original).
 *   <li>{@link #run}: SetAlarmState {@code ALARM} (on AWS, the change of state runs the alarm's
 *       actions); poll {@link HealthCheckLock#status} every poll interval until the lock appears
 *       or the timeout passes. A poll that fails is reported and retried, never fatal: the alarm
 *       is already set, so the operator must keep seeing what happens.
 *   <li>With failback: {@link HealthCheckLock#failback} (the recorded original path), then poll
 *       DescribeAlarms until the alarm is {@code OK} again or the timeout passes. The drill never
 *       sets {@code OK} itself: CloudWatch returns the alarm to {@code OK} when it next evaluates
 *       healthy data, which also proves the primary recovered. Forcing {@code OK} while the newest
 *       datapoint still breaches (the locked minutes of {@code HealthCheckStatus}) would make the
 *       next evaluation fire the alarm again and lock the primary a second time.
 *   <li>With a {@link RecordCheck} ({@code --verify-dns}): once the lock is seen, resolve the
 *       failover record every poll interval until it answers the {@code secondary} node; after the
 *       failback, until it answers {@code primary} again (before waiting for the alarm). Each is a
 *       timeline step; one not reached within the timeout fails the drill ({@link
 *       DrillResult.Outcome#DNS_TIMEOUT}, saying what the record still answers) but does not stop
 *       it: the failback still runs, so a drill never leaves the lock behind because of DNS.
 * </ol>
 *
 * <p>Progress goes to {@code progress}, one line per poll, prefixed with the seconds since the
 * alarm was set. The alarm change, the lock seen and the outcome are also logged as JSON lines.
 */
public final class Drill {
  private static final Logger LOG = LogManager.getLogger(Drill.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to drill.
   *
   * @param alarmName the alarm whose actions notify FailoverFunction
   * @param healthCheckId the health check FailoverFunction locks
   * @param timeout the limit of each wait (for the lock; for the alarm's return to OK)
   * @param pollInterval time between two polls
   * @param failback whether to fail back once the lock is seen
   * @param operator who runs the drill, written into the alarm's {@code StateReason}
   */
  public record Plan(
      String alarmName,
      String healthCheckId,
      Duration timeout,
      Duration pollInterval,
      boolean failback,
      String operator) {
    public Plan {
      Objects.requireNonNull(alarmName, "alarmName");
      Objects.requireNonNull(healthCheckId, "healthCheckId");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
      }
    }
  }

  /**
   * The result of the read-only checks.
   *
   * @param alarm the alarm, or {@code null} when it does not exist
   * @param status the health check's lock status, or {@code null} when it does not exist
   * @param problems why the drill must not start; empty when it may
   */
  public record Preconditions(AlarmState alarm, LockStatus status, List<String> problems) {
    public Preconditions {
      problems = List.copyOf(problems);
    }

    public boolean met() {
      return problems.isEmpty();
    }
  }

  private final Alarms alarms;
  private final HealthCheckLock lock;
  private final Ticker ticker;
  private final PrintWriter progress;
  private final RecordCheck dns;

  /**
   * A drill without DNS steps.
   *
   * @param alarms the alarms, in the alarm's region
   * @param lock the lock on the health checks, with the deployed failed-over path
   * @param ticker clocks and sleeping
   * @param progress where progress lines go
   */
  public Drill(Alarms alarms, HealthCheckLock lock, Ticker ticker, PrintWriter progress) {
    this(alarms, lock, ticker, progress, null);
  }

  /**
   * A drill that, with {@code dns}, also waits for the failover record to answer the {@code
   * secondary} node once the lock is seen, and the {@code primary} node again after the failback.
   *
   * @param dns resolves the failover record; null for no DNS steps
   */
  public Drill(
      Alarms alarms, HealthCheckLock lock, Ticker ticker, PrintWriter progress, RecordCheck dns) {
    this.alarms = alarms;
    this.lock = lock;
    this.ticker = ticker;
    this.progress = progress;
    this.dns = dns;
  }

  /**
   * Checks the preconditions; changes nothing.
   *
   * @throws AlarmsException when CloudWatch cannot be read
   */
  public Preconditions check(Plan plan) {
    List<String> problems = new ArrayList<>();
    String name = plan.alarmName();
    String id = plan.healthCheckId();
    AlarmState alarm = alarms.describe(name).orElse(null);
    if (alarm == null) {
      problems.add(
          "alarm "
              + name
              + " not found: DescribeAlarms knows no metric alarm of that name in this region"
              + " (alarms on AWS/Route53 metrics exist only in us-east-1)");
    } else {
      if (!alarm.isOk()) {
        problems.add(
            "alarm "
                + name
                + " is "
                + alarm.stateValue()
                + ", not OK: the drill needs the change OK → ALARM, which is what runs the alarm"
                + " actions; find out why it is not OK before drilling");
      }
      if (!alarm.actionsEnabled()) {
        problems.add(
            "alarm "
                + name
                + " has its actions disabled: SetAlarmState would notify nobody"
                + " (EnableAlarmActions turns them on)");
      }
      if (alarm.alarmActions().isEmpty()) {
        problems.add("alarm " + name + " has no AlarmActions: nothing would notify FailoverFunction");
      }
      String watched = alarm.dimensions().get(AlarmNotification.HEALTH_CHECK_ID_DIMENSION);
      if (watched != null && !watched.equals(id)) {
        problems.add(
            "alarm "
                + name
                + " watches HealthCheckId "
                + watched
                + ", not "
                + id
                + ": FailoverFunction would lock "
                + watched);
      }
    }
    LockStatus status = null;
    try {
      status = lock.status(id);
    } catch (HealthCheckNotFoundException e) {
      problems.add(e.getMessage());
    }
    if (status != null) {
      String type = status.state().type();
      if (!status.lockable()) {
        problems.add(
            "health check "
                + id
                + " is of type "
                + type
                + ": FailoverFunction locks only HTTP, HTTPS, HTTP_STR_MATCH and HTTPS_STR_MATCH"
                + " checks (their ResourcePath) and CALCULATED gates (their HealthThreshold), so no"
                + " lock would ever appear; drill the gate in front of it");
      } else if (status.locked()) {
        problems.add(
            "health check "
                + id
                + " is already locked ("
                + status.lockDescription()
                + "): this may be a real failover; lift it with failback before drilling");
      } else if (status.tagValue() != null) {
        problems.add(
            "health check "
                + id
                + " is not locked but carries the tag "
                + status.originalTag()
                + "=\""
                + status.tagValue()
                + "\": a lock would keep that stale value as the original "
                + status.field()
                + "; remove the tag first");
      }
    }
    return new Preconditions(alarm, status, problems);
  }

  /**
   * Runs the drill; call after {@link #check} found no problem and the operator agreed.
   *
   * @throws AlarmsException when SetAlarmState fails (then nothing changed)
   * @throws InterruptedException when interrupted while waiting
   */
  public DrillResult run(Plan plan) throws InterruptedException {
    String name = plan.alarmName();
    String id = plan.healthCheckId();
    Instant setAt = ticker.now().truncatedTo(ChronoUnit.MILLIS);
    long start = ticker.nanoTime();
    alarms.setState(name, AlarmState.ALARM, reason(plan, setAt), reasonData(plan, setAt));
    LOG.warn(
        LogEvent.of("drill: alarm set to ALARM")
            .with("alarmName", name)
            .with("healthCheckId", id)
            .with("operator", plan.operator()));
    line(
        0,
        "alarm "
            + name
            + " set to ALARM (SetAlarmState); its actions now notify FailoverFunction; waiting up to "
            + DrillResult.seconds(plan.timeout())
            + " for the lock on health check "
            + id);

    Duration toLock =
        await(
            plan,
            start,
            start,
            () -> {
              LockStatus s = lock.status(id);
              if (s.locked()) {
                return Poll.done(
                    "lock seen: "
                        + s.field()
                        + " "
                        + s.currentValue()
                        + " (HealthCheckVersion "
                        + s.state().version()
                        + "), original "
                        + (s.originalRecorded()
                            ? orNone(s.recordedOriginal())
                            : "not recorded (failback will need --path or --threshold)"));
              }
              return Poll.waiting(
                  "waiting for the lock: "
                      + s.field()
                      + " "
                      + orNone(s.currentValue())
                      + " (HealthCheckVersion "
                      + s.state().version()
                      + ")");
            });
    if (toLock == null) {
      String alarmNow = alarmStateForMessage(name);
      String message =
          "lock not seen within "
              + DrillResult.seconds(plan.timeout())
              + "; "
              + alarmNow
              + ". Check FailoverFunction's logs and its dead-letter queue, and the alarm's"
              + " AlarmActions. If the lock appears later, lift it with: failback --health-check-id "
              + id;
      return finish(plan, DrillResult.Outcome.LOCK_TIMEOUT, setAt, null, null, null, null, message);
    }
    long lockSeen = start + toLock.toNanos();
    DnsSteps steps = new DnsSteps();
    if (dns != null) {
      steps.toSecondary = awaitRecord(plan, start, lockSeen, FailoverRecordValues.SECONDARY);
    }
    if (!plan.failback()) {
      if (steps.failed()) {
        return finish(
            plan,
            DrillResult.Outcome.DNS_TIMEOUT,
            setAt,
            toLock,
            null,
            null,
            steps,
            steps.problem(plan)
                + "; the lock holds: Route 53 keeps the primary unhealthy until you run: failback"
                + " --health-check-id "
                + id);
      }
      return finish(
          plan,
          DrillResult.Outcome.LOCKED,
          setAt,
          toLock,
          null,
          null,
          steps,
          "the lock holds: Route 53 keeps the primary unhealthy until you run: failback"
              + " --health-check-id "
              + id);
    }

    FailbackResult failback;
    try {
      failback = lock.failback(id, Optional.empty());
    } catch (RuntimeException e) {
      return finish(
          plan,
          DrillResult.Outcome.FAILBACK_FAILED,
          setAt,
          toLock,
          null,
          null,
          steps,
          "failback failed: "
              + describe(e)
              + "; the lock holds: run failback --health-check-id "
              + id
              + " (with --path P if no original path is recorded)");
    }
    long failedBack = ticker.nanoTime();
    line(
        failedBack - start,
        "failback: "
            + failback.field()
            + " "
            + orNone(failback.restoredValue())
            + " restored (HealthCheckVersion "
            + failback.newVersion()
            + ")"
            + (failback.warning() == null ? "" : "; warning: " + failback.warning()));
    if (dns != null) {
      steps.toPrimary = awaitRecord(plan, start, failedBack, FailoverRecordValues.PRIMARY);
    }
    // the wait for OK gets its whole timeout, even after a long wait for the DNS answer; toOk is
    // still counted from the failback
    long okWaitFrom = ticker.nanoTime();
    Duration toOk =
        await(
            plan,
            start,
            failedBack,
            okWaitFrom,
            () -> {
              AlarmState a =
                  alarms
                      .describe(name)
                      .orElseThrow(() -> new IllegalStateException("alarm " + name + " is gone"));
              return a.isOk()
                  ? Poll.done("alarm " + name + " is OK again (" + a.stateReason() + ")")
                  : Poll.waiting(
                      "waiting for CloudWatch to return alarm "
                          + name
                          + " to OK: it is "
                          + a.stateValue());
            });
    Duration toFailback = Duration.ofNanos(failedBack - lockSeen);
    if (toOk == null) {
      return finish(
          plan,
          DrillResult.Outcome.ALARM_OK_TIMEOUT,
          setAt,
          toLock,
          toFailback,
          null,
          steps,
          "the path is restored, but alarm "
              + name
              + " did not return to OK within "
              + DrillResult.seconds(plan.timeout())
              + ": check that the primary is healthy and that its metric has fresh data"
              + (steps.failed() ? "; " + steps.problem(plan) : ""));
    }
    if (steps.failed()) {
      return finish(
          plan,
          DrillResult.Outcome.DNS_TIMEOUT,
          setAt,
          toLock,
          toFailback,
          toOk,
          steps,
          steps.problem(plan)
              + "; the failback is done (not undone) and the alarm is OK again");
    }
    return finish(
        plan,
        DrillResult.Outcome.FAILED_BACK,
        setAt,
        toLock,
        toFailback,
        toOk,
        steps,
        "failed back: "
            + failback.field()
            + " "
            + orNone(failback.restoredValue())
            + " restored and the alarm is OK"
            + (failback.warning() == null ? "" : "; warning: " + failback.warning())
            + ". If Route 53 saw the primary unhealthy during the lock, its alarm can fire once"
            + " more and FailoverFunction locks again: check status --health-check-id "
            + id
            + " in a few minutes");
  }

  /** The DNS steps of one run: each null when not waited for. */
  private final class DnsSteps {
    DrillResult.DnsStep toSecondary;
    DrillResult.DnsStep toPrimary;

    boolean failed() {
      return (toSecondary != null && !toSecondary.reached())
          || (toPrimary != null && !toPrimary.reached());
    }

    /** What did not move, e.g. {@code dns: app A still answers 192.0.2.10 (primary) ...}. */
    String problem(Plan plan) {
      List<String> problems = new ArrayList<>();
      for (DrillResult.DnsStep step : new DrillResult.DnsStep[] {toSecondary, toPrimary}) {
        if (step != null && !step.reached()) {
          problems.add(
              "dns: "
                  + dns.record()
                  + " did not answer "
                  + step.node()
                  + " within "
                  + DrillResult.seconds(plan.timeout())
                  + "; it still answers "
                  + step.last().answer()
                  + " ("
                  + step.last().nodeOrUnknown()
                  + ")");
        }
      }
      return String.join("; ", problems);
    }
  }

  /** Resolves the record every poll interval until it answers {@code node} or the timeout. */
  private DrillResult.DnsStep awaitRecord(Plan plan, long start, long since, String node)
      throws InterruptedException {
    RecordAnswer.Seen[] last = {null};
    Duration after =
        await(
            plan,
            start,
            since,
            () -> {
              RecordAnswer.Seen seen = dns.resolve();
              last[0] = seen;
              String line = seen.describe(dns.record());
              return node.equals(seen.node())
                  ? Poll.done("dns answers " + node + ": " + line)
                  : Poll.waiting("waiting for dns to answer " + node + ": " + line);
            });
    return new DrillResult.DnsStep(
        node,
        after,
        last[0] == null ? new RecordAnswer.Seen(null, List.of(), "no resolution") : last[0]);
  }

  /** One poll: whether the wait is over, and the progress line to print. */
  record Poll(boolean done, String line) {
    static Poll done(String line) {
      return new Poll(true, line);
    }

    static Poll waiting(String line) {
      return new Poll(false, line);
    }
  }

  @FunctionalInterface
  interface Check {
    Poll poll();
  }

  /**
   * Polls until {@code check} is done or {@code timeout} after {@code since} has passed.
   *
   * @return the time from {@code since} to the poll that was done, or {@code null} on timeout
   */
  private Duration await(Plan plan, long start, long since, Check check)
      throws InterruptedException {
    return await(plan, start, since, since, check);
  }

  /**
   * Polls {@code check} until done, for at most the plan's timeout from {@code waitFrom}; returns
   * the time from {@code since} to done, or null on timeout.
   */
  private Duration await(Plan plan, long start, long since, long waitFrom, Check check)
      throws InterruptedException {
    long deadline = waitFrom + plan.timeout().toNanos();
    while (true) {
      Poll poll;
      try {
        poll = check.poll();
      } catch (RuntimeException e) {
        poll = Poll.waiting("poll failed, trying again: " + describe(e));
      }
      long now = ticker.nanoTime();
      line(now - start, poll.line());
      if (poll.done()) {
        return Duration.ofNanos(now - since);
      }
      long left = deadline - now;
      if (left <= 0) {
        return null;
      }
      ticker.sleep(Duration.ofNanos(Math.min(plan.pollInterval().toNanos(), left)));
    }
  }

  private DrillResult finish(
      Plan plan,
      DrillResult.Outcome outcome,
      Instant setAt,
      Duration toLock,
      Duration toFailback,
      Duration toOk,
      DnsSteps steps,
      String message) {
    DrillResult r =
        new DrillResult(
            outcome,
            plan.alarmName(),
            plan.healthCheckId(),
            setAt,
            toLock,
            toFailback,
            toOk,
            plan.timeout(),
            message,
            dns == null ? null : dns.record(),
            steps == null ? null : steps.toSecondary,
            steps == null ? null : steps.toPrimary);
    LogEvent event =
        LogEvent.of("drill finished: " + outcome.name().toLowerCase(Locale.ROOT))
            .with("outcome", outcome.name())
            .with("alarmName", plan.alarmName())
            .with("healthCheckId", plan.healthCheckId())
            .with("alarmSetToLockMs", toLock == null ? null : toLock.toMillis())
            .with("lockToFailbackMs", toFailback == null ? null : toFailback.toMillis())
            .with("failbackToAlarmOkMs", toOk == null ? null : toOk.toMillis())
            .with("dnsRecord", r.dnsRecord())
            .with("lockToDnsSecondaryMs", millis(r.dnsSecondary()))
            .with("failbackToDnsPrimaryMs", millis(r.dnsPrimary()));
    if (r.success()) {
      LOG.info(event);
    } else {
      LOG.error(event.with("problem", message));
    }
    return r;
  }

  private String alarmStateForMessage(String name) {
    try {
      return alarms
          .describe(name)
          .map(a -> "alarm " + name + " is " + a.stateValue())
          .orElse("alarm " + name + " no longer exists");
    } catch (RuntimeException e) {
      return "alarm state unknown (" + describe(e) + ")";
    }
  }

  static String reason(Plan plan, Instant at) {
    return "route53-failover drill by "
        + plan.operator()
        + " at "
        + at
        + ": ALARM forced to test the failover lock of health check "
        + plan.healthCheckId();
  }

  static String reasonData(Plan plan, Instant at) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("drill", "route53-failover");
    data.put("operator", plan.operator());
    data.put("startedAt", at.toString());
    data.put("healthCheckId", plan.healthCheckId());
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void line(long elapsedNanos, String text) {
    progress.printf(Locale.ROOT, "[%6.1f s] %s%n", elapsedNanos / 1e9, text);
    progress.flush();
  }

  private static String describe(RuntimeException e) {
    return e instanceof AlarmsException || e instanceof IllegalStateException
        ? e.getMessage()
        : AwsErrors.describe(AwsErrors.ROUTE_53, e);
  }

  private static Long millis(DrillResult.DnsStep step) {
    return step == null || step.after() == null ? null : step.after().toMillis();
  }

  private static String orNone(String path) {
    return path == null ? "(none)" : path;
  }
}
