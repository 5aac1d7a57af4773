package io.route53failover.healthcheck;

import java.util.Objects;

/**
 * The outcome of one probe of one target.
 *
 * @param name the target's name
 * @param healthy whether the target passed
 * @param latencyMs time to the decisive answer in milliseconds, or {@code null} when the target
 *     never answered (refused, timeout, DNS failure, deadline)
 * @param reason {@code "ok"} when healthy; otherwise a short named cause such as {@code refused},
 *     {@code timeout}, {@code dns}, {@code tls}, {@code reset}, {@code status 503}, {@code body
 *     mismatch}, {@code deadline}
 */
public record ProbeResult(String name, boolean healthy, Long latencyMs, String reason) {

  public ProbeResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  public static ProbeResult healthy(String name, long latencyMs) {
    return new ProbeResult(name, true, latencyMs, "ok");
  }

  public static ProbeResult unhealthy(String name, Long latencyMs, String reason) {
    return new ProbeResult(name, false, latencyMs, reason);
  }
}
