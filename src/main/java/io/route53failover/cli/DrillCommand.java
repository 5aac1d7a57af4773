package io.route53failover.cli;

import io.route53failover.aws.AwsClients;
import io.route53failover.drill.AlarmState;
import io.route53failover.drill.Alarms;
import io.route53failover.drill.AlarmsException;
import io.route53failover.drill.CloudWatchAlarms;
import io.route53failover.drill.Drill;
import io.route53failover.drill.DrillResult;
import io.route53failover.operator.Ticker;
import io.route53failover.failover.AlarmNotification;
import io.route53failover.failover.HealthCheckLock;
import io.route53failover.failover.HealthCheckStore;
import io.route53failover.failover.LockStatus;
import io.route53failover.failover.Route53Clients;
import io.route53failover.failover.Route53HealthCheckStore;
import io.route53failover.operator.FailoverRecordValues;
import io.route53failover.operator.RecordAnswer;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * {@code drill --alarm-name NAME --health-check-id ID [--timeout 300s] [--poll-interval 5s]
 * [--failback] [--verify-dns NAME ...] [--region R] [--endpoint-url URL] [--yes]}: a failover
 * drill against a real stack (see {@link Drill}). Prints the preconditions, one progress line per
 * poll, and a timeline ({@code alarm set → lock seen: 12.3 s}; with {@code --verify-dns} ({@link
 * DnsVerifyOptions}), {@code lock seen → dns answers secondary (192.0.2.20): 12.4 s} and, with
 * {@code --failback}, {@code failback done → dns answers primary (...)}).
 *
 * <p>Exit codes: 0 when the lock was seen (and, with {@code --failback}, the path restored and the
 * alarm OK again); 1 when a precondition fails (nothing changed), the operator declines, a wait
 * times out, or AWS answers with an error; 2 for usage errors, including no terminal to confirm
 * on and no {@code --yes}.
 */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = {
      "Failover drill on a real stack: force the lock alarm to ALARM with SetAlarmState and time"
          + " how long FailoverFunction takes to lock the health check; optionally fail back.",
      "It REALLY FAILS OVER PRODUCTION TRAFFIC: Route 53 answers with SECONDARY until the lock"
          + " is lifted (--failback, or the failback command). Run it in a maintenance window and"
          + " tell the on-call first.",
      "Checked first, changing nothing: the alarm exists, is OK and has actions; the health check"
          + " has a ResourcePath or is a CALCULATED gate, is not locked and has no stale"
          + " original-value tag.",
      "Private chain: --alarm-name <stack>-<node>-availability --health-check-id <the node's"
          + " gate> (tags route53-failover:node, route53-failover:alarm-name).",
      "It measures the lock path (alarm actions, SNS, FailoverFunction, UpdateHealthCheck)."
          + " SetAlarmState cannot move a CLOUDWATCH_METRIC health check, so detection is not"
          + " exercised (see docs/detection-time.md). With --verify-dns NAME it also waits, up to"
          + " --timeout, for the failover record to answer the secondary after the lock and the"
          + " primary after --failback, and times both.",
      "Exit codes: 0 lock seen (and failed back, with --failback; and the record moved, with"
          + " --verify-dns); 1 precondition failed, declined, timeout or AWS error; 2 usage"
          + " error, or no terminal and no --yes."
    })
public final class DrillCommand extends HealthCheckCommand {
  @Option(
      names = "--alarm-name",
      required = true,
      paramLabel = "NAME",
      description =
          "The alarm whose actions notify FailoverFunction: a node's availability alarm"
              + " (<stack>-<node>-availability, with its gate as --health-check-id), or the"
              + " public chain's <stack>-primary-health-check.")
  String alarmName;

  @Option(
      names = "--timeout",
      defaultValue = "300s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Limit of each wait (for the lock; with --failback, for the alarm's return to OK):"
              + " 300s, 5m or PT5M (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--poll-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Time between two polls (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--failback",
      description =
          "Once the lock is seen, restore the recorded ResourcePath or HealthThreshold (as the"
              + " failback command does) and wait for CloudWatch to return the alarm to OK. The drill never forces"
              + " OK: CloudWatch does it on healthy data, which proves the primary recovered.")
  boolean failback;

  /** Only the drill calls a regional API (CloudWatch); Route 53 is global. */
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Region of the alarm (default: AWS_REGION, else the SDK's default). Alarms on"
              + " AWS/Route53 metrics, like the template's lock alarm, exist only in us-east-1.")
  String region;

  @Mixin DnsVerifyOptions dns = new DnsVerifyOptions();

  @Option(
      names = "--yes",
      description =
          "Start without asking. Without it the drill asks on the terminal, and refuses (exit 2)"
              + " when there is none.")
  boolean yes;

  private final Function<Map<String, String>, Alarms> alarms;
  private final Ticker ticker;
  private final Terminal terminal;
  private final String operator;

  /** Production: AWS clients from the process environment, system clocks, the real terminal. */
  public DrillCommand() {
    super(System.getenv(), Route53Clients::create, Route53HealthCheckStore::new);
    this.alarms = DrillCommand::cloudWatchAlarms;
    this.ticker = Ticker.system();
    this.terminal = Terminal.system();
    this.operator = System.getProperty("user.name", "unknown");
  }

  DrillCommand(
      Map<String, String> env,
      Function<URI, Route53Client> route53,
      Function<Route53Client, HealthCheckStore> stores,
      Function<Map<String, String>, Alarms> alarms,
      Ticker ticker,
      Terminal terminal,
      String operator) {
    super(env, route53, stores);
    this.alarms = alarms;
    this.ticker = ticker;
    this.terminal = terminal;
    this.operator = operator;
  }

  private static Alarms cloudWatchAlarms(Map<String, String> env) {
    CloudWatchClient client = AwsClients.newCloudWatchClient(env);
    return new CloudWatchAlarms(client);
  }

  @Override
  int run(HealthCheckLock lock, PrintWriter out) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String healthCheckId = healthCheck.healthCheckId;
    if (!yes && !terminal.interactive()) {
      throw new ParameterException(
          spec.commandLine(),
          "drill really fails over production traffic and needs confirmation: run it on a"
              + " terminal, or pass --yes; nothing changed");
    }
    // with --json, stdout carries only the result object
    PrintWriter progress = output.json ? err : out;
    RecordAnswer record = dns.answer(route53);
    if (record != null) {
      DnsVerifyOptions.requireNodes(
          spec.commandLine(), record, FailoverRecordValues.PRIMARY, FailoverRecordValues.SECONDARY);
    }
    Alarms cloudWatch;
    try {
      cloudWatch = alarms.apply(cloudWatchEnvironment());
    } catch (SdkException e) {
      throw new AlarmsException(
          "cannot build the CloudWatch client (pass --region?): " + e.getMessage(), e);
    }
    Drill drill = new Drill(cloudWatch, lock, ticker, progress, record);
    Drill.Plan plan =
        new Drill.Plan(alarmName, healthCheckId, timeout, pollInterval, failback, operator);
    try (cloudWatch) {
      progress.printf(
          "drill: alarm %s, health check %s, timeout %s, poll every %s%s%n",
          alarmName,
          healthCheckId,
          exactSeconds(timeout),
          exactSeconds(pollInterval),
          failback ? ", then failback" : ", no failback (the lock will hold)");
      if (record != null) {
        progress.printf(
            "dns: %s, node values %s%s%n",
            record.record(),
            record.valuesByNode(),
            dns.resolver == null ? " (system resolvers)" : " (resolver " + dns.resolver + ")");
      }
      Drill.Preconditions pre = drill.check(plan);
      if (!pre.met()) {
        pre.problems().forEach(p -> err.println("precondition failed: " + p));
        err.println("error: drill not started; nothing changed");
        return ExitCode.SOFTWARE;
      }
      printPreconditions(pre, progress);
      if (record != null) {
        // the starting point, not a precondition: the record may already answer the secondary
        progress.println("dns now: " + record.resolve().describe(record.record()));
        progress.flush();
      }
      if (!yes && !confirmed(pre.status(), progress)) {
        err.println("error: drill cancelled; nothing changed");
        return ExitCode.SOFTWARE;
      }
      DrillResult result = drill.run(plan);
      if (output.json) {
        OutputOptions.printJson(fields(result), out);
      } else {
        result.timeline().forEach(out::println);
        out.println((result.success() ? "drill: " : "drill FAILED: ") + result.message());
      }
      if (!result.success()) {
        err.println("error: " + result.message());
      }
      return result.success() ? ExitCode.OK : ExitCode.SOFTWARE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(
          "error: interrupted; if the alarm was already set, check the lock with: status"
              + " --health-check-id "
              + healthCheckId);
      return ExitCode.SOFTWARE;
    }
  }

  /** The process environment with {@code --region} and {@code --endpoint-url} on top. */
  private Map<String, String> cloudWatchEnvironment() {
    Map<String, String> env = new HashMap<>(env());
    if (region != null) {
      env.put(AwsClients.AWS_REGION, region);
    }
    if (aws.endpointUrl != null) {
      env.put(AwsClients.AWS_ENDPOINT_URL_CLOUDWATCH, aws.endpointUrl.toString());
    }
    return env;
  }

  private void printPreconditions(Drill.Preconditions pre, PrintWriter progress) {
    AlarmState a = pre.alarm();
    LockStatus s = pre.status();
    progress.printf(
        "preconditions met: alarm %s is OK (%s), actions %s%n",
        a.name(), a.metric(), a.alarmActions());
    progress.printf(
        "                   health check %s is %s, %s %s, not locked (%s)%n",
        s.state().id(),
        s.state().type(),
        s.field(),
        orNone(s.currentValue()),
        s.lockDescription());
    if (!a.dimensions().containsKey(AlarmNotification.HEALTH_CHECK_ID_DIMENSION)) {
      progress.printf(
          "note: the alarm has no HealthCheckId dimension, so FailoverFunction locks the health"
              + " check ALARM_HEALTH_CHECKS maps alarm %s to, or else its PRIMARY_HEALTH_CHECK_ID;"
              + " that must be %s%n",
          a.name(), s.state().id());
    }
    progress.flush();
  }

  private boolean confirmed(LockStatus status, PrintWriter progress) {
    String healthCheckId = healthCheck.healthCheckId;
    progress.printf(
        "This drill REALLY FAILS OVER PRODUCTION TRAFFIC:%n"
            + "  - alarm %s goes to ALARM now, and its actions run (SNS → FailoverFunction);%n"
            + "  - FailoverFunction sets %s %s on health check %s: Route 53 treats the"
            + " primary as unhealthy and answers with SECONDARY;%n"
            + "  - the lock holds until failback (%s).%n",
        alarmName,
        status.field(),
        status.lockedValue(),
        healthCheckId,
        failback
            ? "--failback lifts it once the lock is seen"
            : "run: failback --health-check-id " + healthCheckId);
    progress.flush();
    String answer = terminal.ask("Type yes to start the drill: ");
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).equals("yes");
  }

  private static Map<String, Object> fields(DrillResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outcome", r.outcome().name());
    m.put("success", r.success());
    m.put("alarmName", r.alarmName());
    m.put("healthCheckId", r.healthCheckId());
    m.put("alarmSetAt", r.alarmSetAt().toString());
    m.put("alarmSetToLockSeconds", seconds(r.alarmSetToLock()));
    m.put("lockToFailbackSeconds", seconds(r.lockToFailback()));
    m.put("failbackToAlarmOkSeconds", seconds(r.failbackToAlarmOk()));
    m.put("message", r.message());
    if (r.dnsRecord() != null) {
      m.put("dnsRecord", r.dnsRecord());
      m.put(
          "lockToDnsSecondarySeconds",
          r.dnsSecondary() == null ? null : seconds(r.dnsSecondary().after()));
      m.put("dnsSecondary", dnsStep(r.dnsSecondary()));
      m.put(
          "failbackToDnsPrimarySeconds",
          r.dnsPrimary() == null ? null : seconds(r.dnsPrimary().after()));
      m.put("dnsPrimary", dnsStep(r.dnsPrimary()));
    }
    return m;
  }

  private static Map<String, Object> dnsStep(DrillResult.DnsStep step) {
    if (step == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", step.node());
    m.put("reached", step.reached());
    m.put("values", step.last().values());
    m.put("answeredNode", step.last().nodeOrUnknown());
    m.put("problem", step.last().problem());
    return m;
  }

  /** {@code 300 s}, {@code 0.25 s}: the duration as given, without rounding. */
  static String exactSeconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString()
        + " s";
  }

  private static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
