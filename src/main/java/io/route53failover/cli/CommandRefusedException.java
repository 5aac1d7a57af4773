package io.route53failover.cli;

/**
 * A command refused to act and changed nothing, for example {@code arm} while the node alarm is in
 * ALARM. {@link Main} prints the message and exits with 1.
 */
final class CommandRefusedException extends RuntimeException {
  CommandRefusedException(String message) {
    super(message);
  }
}
