package io.route53failover.cli;

import picocli.CommandLine.Option;

/**
 * Mixin: the required {@code --reason TEXT} of {@code lock} and {@code disarm}, recorded in a
 * health check tag and in the action's event. The commands check it as a tag value (at most 256
 * characters, see {@link io.route53failover.failover.ArmState#requireTagValue}) before changing
 * anything.
 */
final class ReasonOption {

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why (recorded in a tag and in the event; at most 256 characters).")
  String reason;
}
