package io.route53failover.packaging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.failover.FailoverReport;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.healthcheck.HealthCheckReport;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Runs in a child JVM whose class path is only this class and {@code route53-failover-lambda.jar}
 * ({@link LambdaJarIT}): constructs both handlers as the Lambda runtime does (public no-argument
 * constructor, configuration from the environment) and invokes each once. Prints one line per
 * invoke to stdout; the handlers log to stderr. One class, no nested classes, so that copying its
 * class file is all it takes.
 *
 * <p>Arguments: the JSON of an {@code OK} alarm notification and of an {@code ALARM} one.
 */
public final class LambdaJarProbe {
  private LambdaJarProbe() {}

  public static void main(String[] args) {
    HealthCheckReport hc =
        new HealthCheckFunction()
            .handleRequest(
                new ScheduledEvent(), context(HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS));
    System.out.println(
        "healthcheck total=" + hc.total() + " healthy=" + hc.healthy() + " unhealthy="
            + hc.unhealthy() + " putMetricDataCalls=" + hc.putMetricDataCalls());

    FailoverFunction failover = new FailoverFunction();
    Context context = context(FailoverFunction.DEFAULT_TIMEOUT_SECONDS);
    FailoverReport ok = failover.handleRequest(event(args[0]), context);
    System.out.println("failover-ok skipped=" + ok.skipped() + " locked=" + ok.locked()
        + " action=" + ok.records().get(0).getAction());
    FailoverReport alarm = failover.handleRequest(event(args[1]), context);
    System.out.println("failover-alarm locked=" + alarm.locked() + " action="
        + alarm.records().get(0).getAction() + " newValue=" + alarm.records().get(0).newValue());
  }

  /** An invocation's context with the whole of the function's default timeout left. */
  private static Context context(int timeoutSeconds) {
    return (Context)
        Proxy.newProxyInstance(
            LambdaJarProbe.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, a) ->
                switch (method.getName()) {
                  case "getRemainingTimeInMillis" -> timeoutSeconds * 1000;
                  case "getFunctionName" -> "lambda-jar-probe";
                  case "getMemoryLimitInMB" -> 512;
                  case "toString" -> "LambdaJarProbe context";
                  case "hashCode" -> 0;
                  case "equals" -> proxy == a[0];
                  default -> null;
                });
  }

  private static SNSEvent event(String message) {
    return new SNSEvent()
        .withRecords(
            List.of(
                new SNSEvent.SNSRecord()
                    .withEventSource("aws:sns")
                    .withSns(
                        new SNSEvent.SNS()
                            .withMessageId("lambda-jar-probe")
                            .withType("Notification")
                            .withMessage(message))));
  }
}
