package io.route53failover.healthcheck;

import java.net.URI;
import java.util.Objects;

/**
 * An HTTP or HTTPS target: healthy when a GET to {@code url} answers with a status in {@code
 * expectedStatus} and, when {@code expectedBody} is set, that substring occurs in the first 5,120
 * bytes of the body (as Route 53 string matching does). Redirects are not followed.
 *
 * @param name unique target name
 * @param url absolute {@code http} or {@code https} URL
 * @param timeoutMs bound on connect plus the full response, in milliseconds
 * @param expectedStatus accepted status codes; default 200-399
 * @param expectedBody substring to find in the first 5,120 bytes, or {@code null} for none
 * @param tlsVerify whether HTTPS certificates and host names are verified (default true)
 * @param metricName availability metric name
 */
public record HttpTarget(
    String name,
    URI url,
    int timeoutMs,
    StatusRange expectedStatus,
    String expectedBody,
    boolean tlsVerify,
    String metricName)
    implements Target {

  /** Bytes of the body searched for {@code expectedBody}, as Route 53 does. */
  public static final int BODY_SEARCH_LIMIT_BYTES = 5_120;

  public HttpTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(expectedStatus, "expectedStatus");
    Objects.requireNonNull(metricName, "metricName");
  }

  @Override
  public String type() {
    return url.getScheme();
  }
}
