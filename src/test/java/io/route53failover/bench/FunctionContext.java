package io.route53failover.bench;

import io.route53failover.cli.LocalContext;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.healthcheck.HealthCheckFunction;
import java.time.Duration;

/** The Lambda context the benchmark's child processes hand a function's handler. */
final class FunctionContext {
  private FunctionContext() {}

  /**
   * A context for {@code function} ({@code HealthCheckFunction} or {@code FailoverFunction}) with
   * that function's default timeout in template.yaml, in us-east-1, logging to stderr.
   */
  static LocalContext of(String function) {
    return of(
        function,
        function.equals("FailoverFunction")
            ? FailoverFunction.DEFAULT_TIMEOUT_SECONDS
            : HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS);
  }

  /** As above, with a timeout of {@code seconds}. */
  static LocalContext of(String function, int seconds) {
    return new LocalContext(
        function, "us-east-1", Duration.ofSeconds(seconds), System::nanoTime, System.err);
  }
}
