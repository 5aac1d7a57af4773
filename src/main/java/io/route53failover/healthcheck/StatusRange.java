package io.route53failover.healthcheck;

/**
 * An inclusive range of HTTP status codes, for example {@code 200-299}; a single code is a range
 * of one.
 *
 * @param min lowest accepted code, 100 to 599
 * @param max highest accepted code, {@code min} to 599
 */
public record StatusRange(int min, int max) {

  /** What Route 53 counts as healthy: any 2xx or 3xx. */
  public static final StatusRange DEFAULT = new StatusRange(200, 399);

  public StatusRange {
    if (min < 100 || max > 599 || min > max) {
      throw new IllegalArgumentException("status range must lie within 100-599 with min <= max: " + min + "-" + max);
    }
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
