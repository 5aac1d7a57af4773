package io.route53failover.healthcheck;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The outcome of one probe of one target; also one entry of {@link HealthCheckReport#targets()},
 * where a null {@code latencyMs} is left out of the JSON (as the Lambda runtime's serializer leaves
 * out nulls).
 *
 * @param name the target's name
 * @param healthy whether the target passed
 * @param latencyMs time to the decisive answer in milliseconds, or {@code null} when the target
 *     never answered (refused, timeout, DNS failure, deadline)
 * @param reason {@code "ok"} when healthy; otherwise a short named cause: {@code refused}, {@code
 *     timeout}, {@code dns}, {@code no route}, {@code reset}, {@code closed} (connection ended
 *     before a response), {@code protocol} (the answer was not HTTP), {@code tls: <detail>} (for
 *     example {@code tls: certificate expired}, {@code tls: unknown CA}, {@code tls:
 *     hostname mismatch}, {@code tls: handshake failed}), {@code status 503}, {@code body
 *     mismatch}, {@code deadline} (the run's deadline came first), {@code interrupted}, or {@code
 *     error: <ExceptionClass>} as a last resort; for DNS targets {@code nxdomain}, {@code
 *     servfail}, {@code timeout}, {@code no answer}, {@code answer mismatch}; {@code slow} (healthy
 *     otherwise, but slower than {@code maxLatencyMs}); {@code body not json}, {@code json mismatch
 *     at <pointer>: <value seen>}
 * @param dnsTtl for DNS targets that got an answer: its smallest TTL in seconds, else null
 * @param certDays for HTTPS targets whose TLS handshake completed: days (a fraction) from now to
 *     the leaf certificate's notAfter, negative when past; else null
 * @param answer for DNS targets that got an answer: the values seen, comma-separated, else null
 * @param tries probes made for this result, 1 to 1 + the target's {@code retries}: the result is
 *     the first healthy try's, or the last try's when every try failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeResult(
    String name,
    boolean healthy,
    Long latencyMs,
    String reason,
    Long dnsTtl,
    Double certDays,
    String answer,
    int tries) {

  public ProbeResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1, was " + tries);
    }
  }

  /** A result of one try without DNS or certificate readings. */
  public ProbeResult(String name, boolean healthy, Long latencyMs, String reason) {
    this(name, healthy, latencyMs, reason, null, null, null);
  }

  /** A result of one try. */
  public ProbeResult(
      String name,
      boolean healthy,
      Long latencyMs,
      String reason,
      Long dnsTtl,
      Double certDays,
      String answer) {
    this(name, healthy, latencyMs, reason, dnsTtl, certDays, answer, 1);
  }

  /** This result, as reached after {@code tries} probes. */
  public ProbeResult withTries(int tries) {
    return new ProbeResult(name, healthy, latencyMs, reason, dnsTtl, certDays, answer, tries);
  }

  /** This result with {@code certDays} (days until the leaf certificate's notAfter) added. */
  public ProbeResult withCertDays(Double certDays) {
    return new ProbeResult(name, healthy, latencyMs, reason, dnsTtl, certDays, answer, tries);
  }

  /** This result, unhealthy with {@code reason}, keeping its latency and readings. */
  public ProbeResult failing(String reason) {
    return new ProbeResult(name, false, latencyMs, reason, dnsTtl, certDays, answer, tries);
  }

  public static ProbeResult healthy(String name, long latencyMs) {
    return new ProbeResult(name, true, latencyMs, "ok");
  }

  public static ProbeResult unhealthy(String name, Long latencyMs, String reason) {
    return new ProbeResult(name, false, latencyMs, reason);
  }
}
