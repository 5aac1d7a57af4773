package io.route53failover.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds external programs that some tests need (moto_server, cfn-lint, python3 with
 * aws-sam-translator). When one is missing, the test is skipped with a message on a user's machine
 * and fails when {@code CI=true}.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** Whether we run in CI ({@code CI=true}), where a missing tool is a failure. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Looks {@code program} up on PATH. */
  public static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the path of {@code program}; when it is missing, skips the calling test (or fails it
   * under {@code CI=true}) with a message that says how to install it.
   */
  public static Path require(String program, String installHint) {
    Optional<Path> found = find(program);
    if (found.isPresent()) {
      return found.get();
    }
    unavailable(program + " not found on PATH; install it with: " + installHint, inCi());
    throw new AssertionError("unreachable");
  }

  /**
   * Stops the calling test because a tool it needs cannot be used (missing, or installed but
   * broken): skips it with {@code message}, or fails it when {@code ci} (normally {@link #inCi()}).
   * Always throws.
   */
  public static void unavailable(String message, boolean ci) {
    if (ci) {
      throw new AssertionError(message + " (CI=true: an unusable tool fails the build)");
    }
    Assumptions.abort(message + " (test skipped)");
  }
}
