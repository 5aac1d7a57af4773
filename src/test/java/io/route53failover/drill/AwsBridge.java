package io.route53failover.drill;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.FailoverReport;
import io.route53failover.failover.MotoHealthChecks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Plays, in a background thread, what AWS does around the {@code drill} command and moto does not:
 *
 * <ol>
 *   <li>when the alarm goes OK → ALARM (the drill's SetAlarmState), CloudWatch notifies the alarm's
 *       SNS actions: the bridge publishes that notification ({@link SnsToLambda}), takes it from
 *       the SQS subscription, wraps it as Lambda does and invokes FailoverFunction;
 *   <li>when the health check is no longer locked ({@code ResourcePath} no longer the failed-over
 *       path, or a gate's {@code HealthThreshold} restored: the drill's failback), Route 53 would see the primary healthy again and CloudWatch would
 *       evaluate the alarm to OK: the bridge sets OK, after {@code okDelay}.
 * </ol>
 *
 * <p>Everything it did is in {@link #events()}; a failure stops it and is rethrown by {@link
 * #close()}.
 */
final class AwsBridge implements AutoCloseable {
  private final DrillStack stack;
  private final String alarmName;
  private final String healthCheckId;
  private final String failedOverPath;
  private final FailoverFunction failoverFunction;
  private final Duration okDelay;
  private final io.route53failover.failover.HealthCheckLock lock;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<FailoverReport> reports = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable failure;

  AwsBridge(
      DrillStack stack,
      String alarmName,
      String healthCheckId,
      String failedOverPath,
      FailoverFunction failoverFunction,
      Duration okDelay) {
    this.stack = stack;
    this.alarmName = alarmName;
    this.healthCheckId = healthCheckId;
    this.failedOverPath = failedOverPath;
    this.failoverFunction = failoverFunction;
    this.okDelay = okDelay;
    this.lock =
        new io.route53failover.failover.HealthCheckLock(
            new io.route53failover.failover.Route53HealthCheckStore(stack.route53), failedOverPath);
    this.thread = Thread.ofPlatform().daemon().name("aws-bridge").start(this::run);
  }

  private void run() {
    try {
      String previous = stack.alarm(alarmName).stateValueAsString();
      boolean notified = false;
      boolean locked = false;
      while (!stopped) {
        MetricAlarm alarm = stack.alarm(alarmName);
        if (!notified && alarm.stateValue() == StateValue.ALARM) {
          notified = true;
          // the drill may fail back before this thread reads the path again (the function still
          // publishes its event after the lock), so the lock is also known from the report
          locked = deliver(alarm, previous).locked() > 0;
        }
        previous = alarm.stateValueAsString();
        io.route53failover.failover.LockStatus status = lock.status(healthCheckId);
        String path = status.currentValue();
        if (status.locked()) {
          locked = true;
        } else if (locked) {
          Thread.sleep(okDelay);
          stack.cloudWatch.setAlarmState(
              r ->
                  r.alarmName(alarmName)
                      .stateValue(StateValue.OK)
                      .stateReason(
                          "drill bridge: health check "
                              + healthCheckId
                              + " "
                              + status.field()
                              + " restored to "
                              + path
                              + "; CloudWatch would evaluate healthy data"));
          events.add(
              "bridge: " + status.field() + " " + path + " restored; set " + alarmName + " to OK");
          return;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
    }
  }

  private FailoverReport deliver(MetricAlarm alarm, String oldState) {
    SnsToLambda subscription = stack.lambdaSubscription();
    List<String> ids = subscription.notifyAlarmActions(alarm, oldState);
    events.add(
        "bridge: "
            + alarmName
            + " "
            + oldState
            + " → ALARM (\""
            + alarm.stateReason()
            + "\"); published CloudWatch's notification "
            + ids);
    SNSEvent event = subscription.receive(Duration.ofSeconds(10));
    FailoverReport report = failoverFunction.handleRequest(event, null);
    reports.add(report);
    events.add(
        "bridge: FailoverFunction "
            + report.records().get(0).action()
            + " health check "
            + report.records().get(0).healthCheckId());
    return report;
  }

  List<String> events() {
    return List.copyOf(events);
  }

  List<FailoverReport> reports() {
    return List.copyOf(reports);
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(Duration.ofSeconds(30));
    if (failure != null) {
      throw new AssertionError("the AWS bridge failed", failure);
    }
  }
}
