package io.route53failover.healthcheck;

/**
 * CloudWatch's rules for namespaces and metric names, checked at start-up so that a bad name fails
 * the configuration instead of every PutMetricData call. Sources: CloudWatch API reference,
 * PutMetricData ({@code Namespace}: 1-255 characters, pattern {@code [^:].*}, ASCII without control
 * characters, not beginning with {@code AWS/}) and MetricDatum ({@code MetricName}: 1-255
 * characters; printable ASCII with at least one non-whitespace character).
 */
final class CloudWatchNames {

  /** Longest namespace or metric name CloudWatch accepts, in characters. */
  static final int MAX_LENGTH = 255;

  private CloudWatchNames() {}

  /** What is wrong with {@code namespace}, or {@code null} when CloudWatch accepts it. */
  static String namespaceProblem(String namespace) {
    String problem = nameProblem(namespace);
    if (problem != null) {
      return problem;
    }
    if (namespace.startsWith(":")) {
      return "must not start with ':'";
    }
    if (namespace.startsWith("AWS/")) {
      return "must not start with 'AWS/' (reserved for AWS services)";
    }
    return null;
  }

  /** What is wrong with {@code metricName}, or {@code null} when CloudWatch accepts it. */
  static String metricNameProblem(String metricName) {
    return nameProblem(metricName);
  }

  private static String nameProblem(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return "must be 1-" + MAX_LENGTH + " characters long, was " + name.length();
    }
    boolean visible = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return String.format(
            "must contain only printable ASCII characters, found U+%04X at position %d",
            (int) c, i);
      }
      visible |= c != ' ';
    }
    return visible ? null : "must contain at least one non-whitespace character";
  }
}
