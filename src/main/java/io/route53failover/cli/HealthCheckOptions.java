package io.route53failover.cli;

import io.route53failover.failover.FailoverConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Mixin: which health check a command works on, and what "locked" means for it. Used by {@code
 * status}, {@code failback} and {@code drill}.
 */
final class HealthCheckOptions {

  @Option(
      names = "--health-check-id",
      required = true,
      paramLabel = "ID",
      description = "The Route 53 health check id.")
  String healthCheckId;

  @Option(
      names = "--failed-over-path",
      paramLabel = "PATH",
      description =
          "The ResourcePath that means locked (default: FAILED_OVER_PATH, else "
              + FailoverConfig.DEFAULT_FAILED_OVER_PATH
              + ").")
  String failedOverPath;

  /**
   * {@code --failed-over-path}, else {@code FAILED_OVER_PATH} from {@code env}, else the default,
   * validated as FailoverFunction validates it.
   *
   * @throws io.route53failover.failover.FailoverConfigException naming {@code FAILED_OVER_PATH}
   *     when the path is invalid
   */
  String failedOverPath(Map<String, String> env) {
    String path = failedOverPath != null ? failedOverPath : env.get(FailoverConfig.FAILED_OVER_PATH);
    return FailoverConfig.fromEnvironment(
            path == null ? Map.of() : Map.of(FailoverConfig.FAILED_OVER_PATH, path))
        .failedOverPath();
  }
}
