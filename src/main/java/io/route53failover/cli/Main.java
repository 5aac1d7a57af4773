package io.route53failover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code route53-failover} command line: {@code java -jar target/route53-failover.jar
 * <command>}. Exit code 0 on success, 1 when the command failed, 2 for a usage error.
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
    CommandLine cl = new CommandLine(new Main());
    // subcommands are registered here, one line each
    cl.addSubcommand(new InvokeCommand());
    cl.addSubcommand(new StatusCommand());
    cl.addSubcommand(new FailbackCommand());
    cl.addSubcommand(new DrillCommand());
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
