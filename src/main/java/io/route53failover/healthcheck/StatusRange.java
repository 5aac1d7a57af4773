package io.route53failover.healthcheck;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range of HTTP status codes, for example {@code 200-299}; a single code is a range of
 * one.
 *
 * @param min lowest accepted code, 100 to 599
 * @param max highest accepted code, {@code min} to 599
 */
public record StatusRange(int min, int max) {

  /** What Route 53 counts as healthy: any 2xx or 3xx. */
  public static final StatusRange DEFAULT = new StatusRange(200, 399);

  public StatusRange {
    if (min < 100 || max > 599 || min > max) {
      throw new IllegalArgumentException(
          "status codes must lie within 100-599 with min <= max, was "
              + (min == max ? Integer.toString(min) : min + "-" + max));
    }
  }

  private static final Pattern SPEC = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");

  /**
   * Parses a single code ({@code "200"}) or an inclusive range ({@code "200-299"}).
   *
   * @throws IllegalArgumentException saying what is wrong when {@code spec} is neither, or a code
   *     lies outside 100-599, or the range is reversed
   */
  public static StatusRange parse(String spec) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a status code such as \"200\" or a range such as \"200-299\"");
    }
    int min = Integer.parseInt(m.group(1));
    int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
    return new StatusRange(min, max);
  }

  /** Whether {@code status} lies in this range. */
  public boolean matches(int status) {
    return status >= min && status <= max;
  }

  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + "-" + max;
  }
}
