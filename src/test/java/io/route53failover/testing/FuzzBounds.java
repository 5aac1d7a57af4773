package io.route53failover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * The time and allocation bounds every fuzz input must respect: an input that takes longer than
 * {@link #MAX_TIME} or allocates more than {@link #maxAllocatedBytes} fails the fuzz test, so
 * quadratic blow-ups and runaway allocation show up as findings, not just slow runs. The bounds are
 * generous (the inputs are a few KB and usually take microseconds); a true hang is caught by the
 * fuzz execution's fork timeout (pom.xml, {@code forkedProcessTimeoutInSeconds}).
 */
public final class FuzzBounds {

  /** Longest time one input may take. */
  public static final Duration MAX_TIME = Duration.ofSeconds(2);

  private FuzzBounds() {}

  /** Most bytes handling one input of {@code inputBytes} may allocate: 32 MB plus 1 KB per byte. */
  public static long maxAllocatedBytes(int inputBytes) {
    return (32L << 20) + 1_024L * inputBytes;
  }

  /** Runs {@code body} on this thread and checks it stayed within both bounds. */
  public static void check(int inputBytes, Runnable body) {
    Bounded.Result<Void> r =
        Bounded.measure(
            () -> {
              body.run();
              return null;
            });
    if (r.thrown() != null) {
      throw r.thrown();
    }
    assertThat(r.took()).as("time for a %d-byte input", inputBytes).isLessThanOrEqualTo(MAX_TIME);
    assertThat(r.allocatedBytes())
        .as("bytes allocated for a %d-byte input", inputBytes)
        .isLessThanOrEqualTo(maxAllocatedBytes(inputBytes));
  }
}
