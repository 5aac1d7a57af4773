package io.route53failover.failover;

import java.util.Optional;
import java.util.Set;

/**
 * The lock of a {@code CALCULATED} health check (a <em>gate</em>): {@code HealthThreshold} → the
 * number of children + 1. "If you specify a number greater than the number of child health
 * checks, Route 53 always considers this health check to be unhealthy" (Route 53 API
 * UpdateHealthCheck), so the gate stays unhealthy whatever its children report until a failback
 * restores the original threshold, kept in the tag {@value #TAG} as a decimal number.
 *
 * <p>A gate whose threshold already is above its child count is locked (also when someone set a
 * higher threshold by hand). A gate without children is locked at threshold 1 (1 &gt; 0), and
 * unlocked at 0, which Route 53 always considers healthy. A missing {@code HealthThreshold} is
 * read as 0. The update always sends the children just read (see {@link
 * HealthCheckStore#updateHealthThreshold}).
 */
public final class HealthThresholdLock implements LockMechanism {

  /** The tag that records the gate's original {@code HealthThreshold}. */
  public static final String TAG = "route53-failover:original-health-threshold";

  /** The most children, and so the highest useful threshold, a CALCULATED check has. */
  public static final int MAX_CHILDREN = 256;

  @Override
  public Set<String> types() {
    return Set.of("CALCULATED");
  }

  @Override
  public String field() {
    return "HealthThreshold";
  }

  @Override
  public String option() {
    return "--threshold";
  }

  @Override
  public String originalTag() {
    return TAG;
  }

  @Override
  public String currentValue(HealthCheckState s) {
    return Integer.toString(threshold(s));
  }

  @Override
  public boolean isLocked(HealthCheckState s) {
    return threshold(s) > s.childHealthChecks().size();
  }

  @Override
  public String lockedValue(HealthCheckState s) {
    return Integer.toString(s.childHealthChecks().size() + 1);
  }

  @Override
  public String describeLock(HealthCheckState s) {
    int children = s.childHealthChecks().size();
    return "HealthThreshold "
        + threshold(s)
        + (isLocked(s) ? " > " : " <= ")
        + children
        + (children == 1 ? " child" : " children");
  }

  @Override
  public Optional<String> encode(String value) {
    return Optional.of(value);
  }

  @Override
  public String decode(String tagValue) {
    parse(tagValue).orElseThrow(() -> new IllegalArgumentException(notANumber(tagValue)));
    return tagValue;
  }

  @Override
  public Optional<String> restoreProblem(HealthCheckState s, String value) {
    Optional<Integer> n = parse(value);
    if (n.isEmpty()) {
      return Optional.of(notANumber(value));
    }
    int children = s.childHealthChecks().size();
    if (n.get() > children) {
      return Optional.of(
          "HealthThreshold "
              + n.get()
              + " is above the gate's "
              + children
              + (children == 1 ? " child" : " children")
              + ", which is the locked state itself");
    }
    return Optional.empty();
  }

  @Override
  public long update(HealthCheckStore store, HealthCheckState s, String value) {
    return store.updateHealthThreshold(
        s.id(), Integer.parseInt(value), s.childHealthChecks(), s.version());
  }

  private static int threshold(HealthCheckState s) {
    return s.healthThreshold() == null ? 0 : s.healthThreshold();
  }

  private static Optional<Integer> parse(String value) {
    if (value == null || value.isEmpty() || value.length() > 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int n = Integer.parseInt(value);
    return n <= MAX_CHILDREN ? Optional.of(n) : Optional.empty();
  }

  private static String notANumber(String value) {
    return "\"" + value + "\" is not a HealthThreshold (a whole number from 0 to " + MAX_CHILDREN + ")";
  }
}
