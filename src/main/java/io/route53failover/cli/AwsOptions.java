package io.route53failover.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Mixin: where the AWS APIs are. Used by {@code status}, {@code failback} and {@code drill}. */
final class AwsOptions {

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Endpoint of the AWS APIs the command calls, e.g. a local emulator (default:"
              + " AWS_ENDPOINT_URL, else AWS).")
  URI endpointUrl;
}
