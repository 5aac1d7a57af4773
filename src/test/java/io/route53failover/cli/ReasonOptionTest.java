package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;

/** {@code lock} and {@code disarm} share {@code --reason} through {@link ReasonOption}. */
class ReasonOptionTest {

  private static void requiredAndParsed(Supplier<Object> command, String... other) {
    Object missing = command.get();
    assertThatThrownBy(() -> new CommandLine(missing).parseArgs(other))
        .isInstanceOf(MissingParameterException.class)
        .hasMessageContaining("--reason=TEXT");

    Object given = command.get();
    String[] args = new String[other.length + 2];
    System.arraycopy(other, 0, args, 0, other.length);
    args[other.length] = "--reason";
    args[other.length + 1] = "planned restart";
    new CommandLine(given).parseArgs(args);
    ReasonOption option =
        given instanceof LockCommand l ? l.reasonOption : ((DisarmCommand) given).reasonOption;
    assertThat(option.reason).isEqualTo("planned restart");
    assertThat(new CommandLine(given).getUsageMessage())
        .contains("--reason=TEXT")
        .contains("Why (recorded in a tag and in the event");
  }

  @Test
  void lockRequiresAndKeepsTheReason() {
    requiredAndParsed(LockCommand::new, "--health-check-id", "abc");
  }

  @Test
  void disarmRequiresAndKeepsTheReason() {
    requiredAndParsed(DisarmCommand::new, "--health-check-id", "abc", "--for", "10m");
  }
}
