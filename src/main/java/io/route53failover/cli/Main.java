package io.route53failover.cli;

import io.route53failover.aws.AwsErrors;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@code route53-failover} command line: {@code java -jar target/route53-failover.jar
 * <command>}.
 *
 * <p>Exit codes are picocli's {@link ExitCode}: {@link ExitCode#OK} (0) on success, {@link
 * ExitCode#SOFTWARE} (1) when the command failed (a refused failback, an unknown health check, an
 * AWS error, a failed invocation...), {@link ExitCode#USAGE} (2) for a usage error. Commands return
 * their result's code; an exception a command throws reaches the root command's handlers, which
 * print {@code error: <message>} on stderr ({@link #printError}) and map it to a code ({@link
 * #exitCode}): a {@link ParameterException} (picocli's parse errors, and usage errors a command
 * finds while running) is {@link ExitCode#USAGE}, anything else {@link ExitCode#SOFTWARE}.
 */
@Command(
    name = "route53-failover",
    mixinStandardHelpOptions = true,
    version = "route53-failover 0.1.0",
    description = "Route 53 failover for private subnets: local invoke and operator commands.")
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered. */
  public static CommandLine commandLine() {
    // subcommands are registered here, one argument each
    return commandLine(
        new InvokeCommand(),
        new StatusCommand(),
        new FailbackCommand(),
        new DrillCommand(),
        new ValidateCommand());
  }

  /** The root command with {@code subcommands} (tests pass theirs, built with fakes). */
  static CommandLine commandLine(Object... subcommands) {
    CommandLine cl = new CommandLine(new Main());
    for (Object subcommand : subcommands) {
      cl.addSubcommand(subcommand);
    }
    // set after the subcommands are added: picocli copies these settings down the hierarchy
    cl.setExitCodeExceptionMapper(Main::exitCode);
    cl.setExecutionExceptionHandler(Main::printError);
    return cl;
  }

  /** {@link ExitCode#USAGE} for a {@link ParameterException}, else {@link ExitCode#SOFTWARE}. */
  static int exitCode(Throwable e) {
    return e instanceof ParameterException ? ExitCode.USAGE : ExitCode.SOFTWARE;
  }

  /**
   * Prints {@code error: <message>} for an exception a command threw. The project's exceptions say
   * what happened and what to do in their message; SDK errors (the commands call Route 53
   * directly; CloudWatch errors arrive as {@code AlarmsException}) are described by {@link
   * AwsErrors}.
   */
  private static int printError(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine.getOut().flush();
    PrintWriter err = commandLine.getErr();
    err.println(
        "error: "
            + (e instanceof SdkException || e.getMessage() == null
                ? AwsErrors.describe(AwsErrors.ROUTE_53, e)
                : e.getMessage()));
    err.flush();
    return exitCode(e);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }
}
