package io.route53failover.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * {@code failback --wait DURATION}: runs {@link RecoveryCheck} now and then every interval until
 * it passes or the time is up. The failback itself checks once more just before it changes
 * anything ({@link RecoveryGuard}).
 */
public final class RecoveryWait {

  /** Waits between checks; {@link Thread#sleep(Duration)} outside tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** A sensible interval: the window moves once a minute, and datapoints arrive within it. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(20);

  private final RecoveryCheck check;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * @param check the check to repeat (built with the same {@code clock})
   * @param clock measures the time waited
   * @param sleeper waits between checks
   */
  public RecoveryWait(RecoveryCheck check, Clock clock, Sleeper sleeper) {
    this.check = check;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Checks until a check passes or no further check fits in {@code timeout}.
   *
   * @param timeout how long to keep checking; zero checks once
   * @param interval the wait between two checks, positive
   * @param eachCheck receives the evidence of every check, for example to print progress
   * @return the evidence of the passing check, or of the last check when none passed
   * @throws IllegalArgumentException when {@code timeout} is negative or {@code interval} is not
   *     positive (naming {@code --wait})
   * @throws RecoveryEvidenceException when a check cannot read its evidence: waiting stops
   * @throws InterruptedException when interrupted while waiting
   */
  public RecoveryEvidence await(
      String alarmName,
      int healthyMinutes,
      Duration timeout,
      Duration interval,
      Consumer<RecoveryEvidence> eachCheck)
      throws InterruptedException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("--wait: must not be negative, was " + timeout);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--wait interval: must be positive, was " + interval);
    }
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      RecoveryEvidence evidence = check.check(alarmName, healthyMinutes);
      eachCheck.accept(evidence);
      if (evidence.passed() || clock.instant().plus(interval).isAfter(deadline)) {
        return evidence;
      }
      sleeper.sleep(interval);
    }
  }
}
