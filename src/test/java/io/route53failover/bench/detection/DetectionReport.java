package io.route53failover.bench.detection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code bench/detection.md}: the detection-time simulator's tables, the terms it assumes
 * and the issue-18 budget verdicts. Run it with {@code bench/detection}.
 *
 * <pre>
 * DetectionReport --out FILE --date YYYY-MM-DD [--seed 18] [--trials 20000]
 * </pre>
 *
 * <p>The output depends only on the seed, the number of trials and the date given: the same
 * arguments always give the same bytes.
 */
public final class DetectionReport {

  /** The seed {@code bench/detection} uses. */
  public static final long DEFAULT_SEED = 18;

  public static final int DEFAULT_TRIALS = 20_000;

  /** Issue 18: p95 death → ALARM at SAMPLE_INTERVAL_SECONDS 15, seconds. */
  static final double ALARM_BUDGET = 75;

  private DetectionReport() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length || !args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    String out = required(opts, "out");
    String date = required(opts, "date");
    long seed = Long.parseLong(opts.getOrDefault("seed", Long.toString(DEFAULT_SEED)));
    int trials = Integer.parseInt(opts.getOrDefault("trials", Integer.toString(DEFAULT_TRIALS)));
    DetectionSimulator.Result result = DetectionSimulator.run(seed, trials);
    Files.writeString(Path.of(out), render(result, date), StandardCharsets.UTF_8);
    for (String[] budget : budgets(result)) {
      System.out.println(budget[2] + ": " + budget[0] + " (" + budget[1] + ")");
    }
    System.err.println("wrote " + out);
  }

  private static String required(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  static String render(DetectionSimulator.Result r, String date) {
    StringBuilder b = new StringBuilder();
    b.append("# Detection time, simulated\n\n");
    b.append("Written by `bench/detection` on ")
        .append(date)
        .append(" (seed ")
        .append(r.seed())
        .append(", ")
        .append(String.format(Locale.ROOT, "%,d", r.trials()))
        .append(" failure instants per row).\nEvery figure here is **computed** by a model, not")
        .append(" measured on AWS: it is as good as the terms\nbelow, and each term says whether")
        .append(" AWS documents it or we assume it. The same seed and date always\ngive this file")
        .append(" byte for byte. The model and its formula are explained in")
        .append("\n[docs/detection-time.md](../docs/detection-time.md); the code is in\n")
        .append("`src/test/java/io/route53failover/bench/detection/`.\n\n");
    b.append(
        "Each trial draws a failure instant uniformly within a minute, then follows one target through\n"
            + "the chain: EventBridge fires HealthCheckFunction once a minute; each run samples where\n"
            + "`SampleSchedule` puts the samples (I = `SAMPLE_INTERVAL_SECONDS`: the first at the run's start,\n"
            + "the others one interval apart, one per I-second clock slot); a sample of the dead target decides 0\n"
            + "after the probe timeout and is published with its own timestamp; CloudWatch puts it in its\n"
            + "clock minute, evaluates the alarm once a minute, Route 53 reads the alarm (or, with the gate\n"
            + "armed, FailoverFunction locks the gate), and a JVM client's caches expire. All rows share the\n"
            + "same random draws (common random numbers).\n\n");
    b.append("Figures are **p50 / p95 / max in seconds** after the target dies.\n\n");

    b.append("## Budgets (issue 18)\n\n");
    b.append("| Budget | Simulated | Verdict |\n|---|---|---|\n");
    for (String[] v : budgets(r)) {
      b.append("| ").append(v[0]).append(" | ").append(v[1]).append(" | **").append(v[2]);
      b.append("** |\n");
    }
    b.append("\n");

    b.append("## Per sampling interval, and Route 53's native checks\n\n");
    b.append(
        "| Setting | Alarm | → first 0 published | → alarm ALARM | → Route 53 unhealthy | → JVM client resolves the secondary |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (DetectionSimulator.Row row : r.chain()) {
      appendRow(b, row);
    }
    for (DetectionSimulator.Row row : r.nativeChecks()) {
      appendRow(b, row);
    }
    b.append(
        "\n`FailedSamplesToAlarm` 2 is the alarm of the second column: `Average < 1 − (2 − 0.5)/n` with"
            + " n = 60/I\nsamples a minute. At I = 60 a minute holds one sample, so two failed samples"
            + " are two failed\nminutes (`Minimum < 1`, 2 of 2). Native rows have no metric and no alarm of"
            + " ours; their clock\nstarts at the same death and ends when Route 53 treats the check as"
            + " unhealthy.\n\n");

    b.append("## With the gate armed: the lock as a path to Route 53\n\n");
    b.append(
        "With `LockPrivateChain` \"true\" (the default) and the stack armed, the PRIMARY record looks at\n"
            + "a CALCULATED gate whose only child is the metric check. The availability alarm notifies\n"
            + "FailoverTopic, and FailoverFunction sets the gate's `HealthThreshold` to 2, which Route 53\n"
            + "documents as \"always ... unhealthy\". The record therefore turns unhealthy at whichever comes\n"
            + "first: Route 53 reading the alarm (the table above) or the lock's UpdateHealthCheck taking\n"
            + "effect. The lock does not wait for Route 53's read of the alarm (W_r); both paths, and the\n"
            + "native checks, get the same time d for Route 53 to answer by a status it has (0 here, see\n"
            + "the sensitivity below). First 0 and ALARM are as above. No Lambda errors or retries are\n"
            + "modelled: a failed FailoverFunction retries a minute later, and the read path still applies.\n\n");
    b.append(
        "| Setting | Alarm | → first 0 published | → alarm ALARM | → Route 53 unhealthy (gate armed) | → JVM client resolves the secondary |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (DetectionSimulator.Row row : r.gated()) {
      appendRow(b, row);
    }
    for (DetectionSimulator.Row row : r.nativeChecks()) {
      appendRow(b, row);
    }
    b.append("\n");

    b.append("## Route 53's undocumented terms: W_r and d\n\n");
    b.append(
        "`SAMPLE_INTERVAL_SECONDS` 15, `FailedSamplesToAlarm` 1, p95 death → Route 53 unhealthy (s).\n"
            + "*W_r*: Route 53 reads a CLOUDWATCH_METRIC check's alarm data every W_r seconds (phase uniform\n"
            + "per trial). *d*: Route 53 answers by a status d seconds after it has what decides it (checker\n"
            + "reports, a read of the alarm, an UpdateHealthCheck that returned), on every path, native\n"
            + "included. AWS documents neither (see Terms).\n\n");
    b.append(
        "| W_r (s) | d (s) | read path (no lock) | gate armed | native 30 s × 3 | native 10 s × 3 | read path beats 30 s × 3 | gate beats 30 s × 3 |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    for (DetectionSimulator.Route53Row row : r.route53()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %s |%n",
              row.cadence(),
              row.apply(),
              row.readPath().p95(),
              row.gated().p95(),
              row.native30().p95(),
              row.native10().p95(),
              row.readPath().p95() < row.native30().p95() ? "yes" : "no",
              row.gated().p95() < row.native30().p95() ? "yes" : "no"));
    }
    b.append("\n");

    b.append("## The lock path: death → lock in place\n\n");
    b.append(
        "Time until FailoverFunction's UpdateHealthCheck has locked the primary, two ways of wiring it:\n"
            + "*direct*: the availability alarm notifies the SNS topic (the function falls back to\n"
            + "`PRIMARY_HEALTH_CHECK_ID`); *HealthCheckStatus*: the template's lock alarm on `AWS/Route53`\n"
            + "`HealthCheckStatus` of the primary's health check (Minimum < 1, 1 of 1), which fires after\n"
            + "Route 53 has turned the check unhealthy. No Lambda errors or retries are modelled.\n\n");
    b.append("| Chain setting | direct | HealthCheckStatus |\n|---|---|---|\n");
    for (DetectionSimulator.LockRow row : r.locks()) {
      b.append("| ")
          .append(row.label())
          .append(" | ")
          .append(row.direct().format())
          .append(" | ")
          .append(row.status().format())
          .append(" |\n");
    }
    b.append(
        "\nAWS's own framing of the second wiring: \"several minutes might elapse between the time that a\n"
            + "health check fails and the time that you receive the associated SNS notification\" (Route 53\n"
            + "monitoring). The model's figure for it is therefore a lower bound.\n\n");

    b.append("## Sensitivity: the two assumptions that move the figures most\n\n");
    b.append(
        "The same trials with one term changed. *Rule keeps its phase*: EventBridge starts every run of\n"
            + "a rule at the same second of the minute (uniform per trial), plus 0–5 s per firing, instead of\n"
            + "anywhere in the minute. *Evaluation at any second*: CloudWatch evaluates the alarm at a phase\n"
            + "uniform over the whole minute instead of within 10 s after the minute closes.\n\n");
    b.append(
        "| Setting | Alarm | → first 0 published | → alarm ALARM | → Route 53 unhealthy | → JVM client resolves the secondary |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (DetectionSimulator.Row row : r.sensitivity()) {
      appendRow(b, row);
    }
    b.append("\n");

    b.append("## Samples per minute as CloudWatch sees them\n\n");
    b.append(
        "A datum counts in the clock minute of its own timestamp. When each run starts anywhere in its\n"
            + "minute, a run's samples spill into the next minute, so a minute's period holds more or fewer\n"
            + "than 60/I samples. The `Average` threshold of `FailedSamplesToAlarm` assumes n = 60/I: a period\n"
            + "with fewer samples can breach on fewer than k failed samples (a period holding one sample, a 0,\n"
            + "averages 0), one with more needs more. Healthy steady state, "
            + String.format(Locale.ROOT, "%,d", Math.min(r.trials(), 2000))
            + " trials × 26 minutes:\n\n");
    b.append("| Schedule model | I (s) | expected n | fewest | most | periods with ≠ n samples |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (DetectionSimulator.BucketRow row : r.buckets()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %.1f %% |%n",
              row.jitter(),
              row.interval(),
              row.expected(),
              row.min(),
              row.max(),
              100 * row.offShare()));
    }
    b.append("\n");

    b.append("## Terms of the model\n\n");
    b.append("| Term | Value in the model | Status | Source, or why |\n|---|---|---|---|\n");
    for (String[] t : TERMS) {
      b.append("| ")
          .append(t[0])
          .append(" | ")
          .append(t[1])
          .append(" | ")
          .append(t[2])
          .append(" | ")
          .append(t[3])
          .append(" |\n");
    }
    b.append("\nNot modelled: Lambda throttling, errors and retries; cold starts of HealthCheckFunction;\n")
        .append("CloudWatch or Route 53 brownouts; clients that hold pooled connections (they never resolve\n")
        .append("again); a probe that is already running when the target dies (it is counted healthy).\n");
    return b.toString();
  }

  private static void appendRow(StringBuilder b, DetectionSimulator.Row row) {
    b.append("| ")
        .append(row.label())
        .append(" | ")
        .append(row.alarmRule().equals("—") ? "—" : "`" + row.alarmRule() + "`")
        .append(" | ")
        .append(row.firstZero() == null ? "n/a" : row.firstZero().format())
        .append(" | ")
        .append(row.alarm() == null ? "n/a" : row.alarm().format())
        .append(" | ")
        .append(row.route53().format())
        .append(" | ")
        .append(row.client().format())
        .append(" |\n");
  }

  /** {budget, simulated figures, MET or NOT MET}. */
  static List<String[]> budgets(DetectionSimulator.Result r) {
    DetectionSimulator.Row at15 = find(r.chain(), "SAMPLE_INTERVAL_SECONDS 15");
    DetectionSimulator.Row gated15 = find(r.gated(), "SAMPLE_INTERVAL_SECONDS 15");
    DetectionSimulator.Row native30 = r.nativeChecks().get(0);
    double alarm95 = at15.alarm().p95();
    double r53 = at15.route53().p95();
    double gated = gated15.route53().p95();
    double nat = native30.route53().p95();
    double worstGate = 0;
    double worstNative = 0;
    boolean gateAlways = true;
    for (DetectionSimulator.Route53Row row : r.route53()) {
      gateAlways &= row.gated().p95() < row.native30().p95();
      if (row.gated().p95() - row.native30().p95() > worstGate - worstNative) {
        worstGate = row.gated().p95();
        worstNative = row.native30().p95();
      }
    }
    return List.of(
        new String[] {
          "SAMPLE_INTERVAL_SECONDS 15: p95 target death → alarm ALARM ≤ 75 s",
          String.format(Locale.ROOT, "p95 %.0f s (p50 %.0f, max %.0f)", alarm95, at15.alarm().p50(),
              at15.alarm().max()),
          alarm95 <= ALARM_BUDGET ? "MET" : "NOT MET"
        },
        new String[] {
          "SAMPLE_INTERVAL_SECONDS 15: p95 target death → Route 53 unhealthy beats the native 30 s × 3"
              + " check (same run), without the lock (`LockPrivateChain` false, or disarmed)",
          String.format(Locale.ROOT, "chain p95 %.0f s; native 30 s × 3 p95 %.0f s", r53, nat),
          r53 < nat ? "MET" : "NOT MET"
        },
        new String[] {
          "The same, with the gate armed (`LockPrivateChain` true, the default, after `arm`)",
          String.format(
              Locale.ROOT,
              "chain p95 %.0f s; native 30 s × 3 p95 %.0f s; over every W_r and d below: %s",
              gated,
              nat,
              gateAlways
                  ? "always ahead"
                  : String.format(Locale.ROOT, "behind at worst by %.0f s", worstGate - worstNative)),
          gated < nat && gateAlways ? "MET" : "NOT MET"
        },
        sensitivityBudget(r, "SAMPLE_INTERVAL_SECONDS 15, rule keeps its phase (+0–5 s per firing)"),
        sensitivityBudget(r, "SAMPLE_INTERVAL_SECONDS 15, evaluation at any second of the minute"));
  }

  private static String[] sensitivityBudget(DetectionSimulator.Result r, String label) {
    int at = -1;
    for (int i = 0; i < r.sensitivity().size(); i++) {
      if (r.sensitivity().get(i).label().equals(label)) {
        at = i;
      }
    }
    if (at < 0) {
      throw new IllegalStateException("no row " + label);
    }
    DetectionSimulator.Row row = r.sensitivity().get(at);
    double gated = r.sensitivityGated().get(at).p95();
    double nat = r.nativeChecks().get(0).route53().p95();
    boolean alarmOk = row.alarm().p95() <= ALARM_BUDGET;
    boolean r53Ok = row.route53().p95() < nat;
    boolean gateOk = gated < nat;
    return new String[] {
      "The three, under the sensitivity assumption \"" + label.replaceFirst("^[^,]*, ", "") + "\"",
      String.format(
          Locale.ROOT,
          "ALARM p95 %.0f s; Route 53 p95 %.0f s without the lock, %.0f s with the gate armed, vs"
              + " native %.0f s",
          row.alarm().p95(),
          row.route53().p95(),
          gated,
          nat),
      (alarmOk ? "MET" : "NOT MET")
          + " / "
          + (r53Ok ? "MET" : "NOT MET")
          + " / "
          + (gateOk ? "MET" : "NOT MET")
    };
  }

  private static DetectionSimulator.Row find(List<DetectionSimulator.Row> rows, String label) {
    return rows.stream()
        .filter(x -> x.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no row " + label));
  }

  private static final String EB = "[EventBridge](https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html)";
  private static final String R53_HEALTH = "[Route 53](https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html)";
  private static final String R53_VALUES = "[values](https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html)";

  /** {term, value, status, source or reason}. */
  static final List<String[]> TERMS =
      List.of(
          new String[] {
            "Schedule jitter",
            "each run starts uniformly anywhere in its minute, independently (sensitivity: fixed phase + 0–5 s)",
            "range documented, distribution **assumed**",
            EB + ": a scheduled rule \"runs within that minute but not on the precise 0th second\". How a"
                + " rule's start moves from minute to minute is not documented; independent and uniform is the"
                + " literal, pessimistic reading (docs/detection-time.md uses the same J up to 60 s)."
          },
          new String[] {
            "Sampling within a run",
            "the first sample at the run's start, the others one interval apart (`start + j · I`, j = 1 …"
                + " 60/I − 1), each moved earlier only as far as needed to start 1 s before its I-second"
                + " wall-clock slot ends, or 3 s before probing ends (55 s after the start); each stamped"
                + " with its start",
            "ours (HealthCheckFunction's `SampleSchedule`)",
            "`SamplingScheduleTest` checks the model's instants against `SampleSchedule.plan` with the"
                + " template's sampling timeout (70 s) for random starts. A late sleeper (milliseconds)"
                + " is not modelled."
          },
          new String[] {
            "Probe time, dead target",
            "3 s (`timeoutMs` default); healthy 0.03 s",
            "ours; the failure mode is **assumed**",
            "a black-holed target takes the whole `timeoutMs` (our code publishes 0 then); a refused port"
                + " decides in milliseconds. Healthy: bench/results.md, warm invoke of 10 targets (≈ 30 ms)."
          },
          new String[] {
            "PutMetricData call",
            "0.05–0.5 s, uniform",
            "**assumed**",
            "one call per sample, with the sample's own timestamp; CloudWatch's answer time is not"
                + " documented."
          },
          new String[] {
            "Ingestion (datum visible to the alarm)",
            "0–5 s after the call, uniform",
            "**assumed**",
            "[Knowledge Center](https://repost.aws/knowledge-center/cloudwatch-trigger-metric): alarms"
                + " \"evaluate metrics based on the datapoints that are immediately available\"; the delay"
                + " itself is not documented."
          },
          new String[] {
            "Bucket (period)",
            "the datum's clock minute, `floor(timestamp / 60)`",
            "documented",
            "standard resolution only: " + R53_VALUES + " \"High-resolution metrics aren't supported\" for"
                + " CLOUDWATCH_METRIC checks; periods are 60 s."
          },
          new String[] {
            "Evaluation",
            "once a minute, 0–10 s after the minute closes (uniform per alarm; sensitivity: 0–60 s); only"
                + " closed minutes are evaluated",
            "cadence documented, phase and \"closed minutes\" **assumed**",
            "[Knowledge Center](https://aws.amazon.com/premiumsupport/knowledge-center/cloudwatch-trigger-metric/):"
                + " \"Standard resolution alarm (evaluates the metric every minute)\". When in the minute is not"
                + " documented."
          },
          new String[] {
            "Evaluation range, missing data",
            "the newest N periods with data among the newest N + 2; fewer than N: the rest are missing"
                + " (`breaching`)",
            "documented rule, range length **assumed**",
            "[missing data](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html):"
                + " CloudWatch \"attempts to retrieve a higher number of data points than the number specified"
                + " as Evaluation Periods\"; its worked example uses 5 for 3."
          },
          new String[] {
            "M of N; statistic and threshold",
            "1 of 1, `Minimum < 1`; FailedSamplesToAlarm k: `Average < 1 − (k − 0.5)/n`",
            "documented rule; mapping is ours",
            "[alarm evaluation](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html):"
                + " Datapoints to Alarm is \"the number of data points within the Evaluation Periods that must"
                + " be breaching\". The step is checked against the drill's `AlarmOracle`."
          },
          new String[] {
            "Route 53 reads the alarm (W_r)",
            "once a minute at a phase uniform per trial: unhealthy at the first read after ALARM"
                + " (sensitivity: every 30 s, every 10 s)",
            "**assumed**",
            R53_HEALTH + ": it \"monitors the data stream for the corresponding alarm instead of monitoring"
                + " the alarm state\"; how often is not documented (as in docs/detection-time.md, W_r)."
          },
          new String[] {
            "Route 53 answers by a status it has (d)",
            "0 s on every path: native checks, the read of the alarm, the gate's UpdateHealthCheck and"
                + " a CALCULATED gate following its child (sensitivity: 10, 30, 60 s, on every path)",
            "**assumed**",
            "How long Route 53 takes from a status decision, or an accepted UpdateHealthCheck, to its"
                + " DNS answers is not documented for any check type; the UpdateHealthCheck reference"
                + " documents only the effect of `HealthThreshold` (\"If you specify a number greater than"
                + " the number of child health checks, Route 53 always considers this health check to be"
                + " unhealthy\"), not its delay. One common d keeps the comparison fair."
          },
          new String[] {
            "Record TTL",
            "60 s: the resolver's cached primary answer expires uniformly within it",
            "template default; uniform age **assumed**",
            "[failover records](https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover.html):"
                + " \"we recommend that you specify a TTL of 60 seconds or less\"."
          },
          new String[] {
            "JVM DNS cache",
            "30 s, regardless of TTL; the JVM re-asks the resolver every 30 s at a uniform phase",
            "documented",
            "OpenJDK `conf/security/java.security`, `networkaddress.cache.ttl`: \"The default behavior in"
                + " this implementation is to cache for 30 seconds\" (no security manager)."
          },
          new String[] {
            "Lock path (gate armed)",
            "SNS → Lambda 0.1–1 s; FailoverFunction to UpdateHealthCheck done 0.05–2.5 s; no errors",
            "**assumed**",
            "[Lambda with SNS](https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html): asynchronous;"
                + " delivery latency not documented. 0.05 s: bench/results.md warm FailoverFunction"
                + " (≈ 41 ms); 2.5 s: a cold start (bench/results.md cold run ≈ 1.9 s, plus the Route 53"
                + " calls)."
          },
          new String[] {
            "HealthCheckStatus (lock alarm)",
            "0 from the minute Route 53 turned unhealthy, visible 0–5 s later, evaluated like ours",
            "**assumed**",
            "[Route 53 monitoring](https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html):"
                + " status in \"one-minute intervals\"; publication delay not documented."
          },
          new String[] {
            "Native checks: interval, threshold",
            "R = 30 s or 10 s; 3 failures in a row per checker",
            "documented",
            R53_HEALTH + ": \"every 10 seconds or every 30 seconds\";"
                + " [HealthCheckConfig](https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html):"
                + " FailureThreshold default \"three\"; RequestInterval is the time between a response and the"
                + " next request."
          },
          new String[] {
            "Native checks: checkers and the 18 % rule",
            "15 checkers, unsynchronized (uniform phase); unhealthy when ≤ 18 % (2 of 15) still report"
                + " healthy",
            "rule documented; 15 **assumed**",
            R53_HEALTH + ": \"If more than 18% of health checkers report that an endpoint is healthy, Route 53"
                + " considers it healthy\"; checkers \"don't coordinate with one another\". The API lists"
                + " 8 checker regions (HealthCheckConfig `Regions`); the number of checkers per check is not"
                + " documented; secondary sources say about 15."
          },
          new String[] {
            "Native checks: a dead endpoint",
            "an HTTP(S) check: each failed request takes 4 s (connect timeout), then the interval runs"
                + " until the next request; Route 53 answers by the status after d",
            "timeout documented; the interval after a timed-out request, and d, **assumed**",
            R53_HEALTH + ": for HTTP and HTTPS checks Route 53 must establish a TCP connection \"within four"
                + " seconds\" (a TCP check allows ten, so it is slower on a black-holed endpoint); the interval is"
                + " documented from a response to the next request, so counting it from a timeout is ours."
                + " A refused port fails at once and would make the native check about 12 s faster. The"
                + " time to aggregate checker reports is not documented: it is d, as on our paths."
          });
}
