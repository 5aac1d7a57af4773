package io.route53failover.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Asks the operator a question on the terminal, if there is one. */
interface Terminal {

  /** Whether an operator can answer: the process has a terminal. */
  boolean interactive();

  /** Prints {@code prompt} and reads one line; {@code null} at end of input. */
  String ask(String prompt);

  /**
   * The process's terminal: {@link System#console()} when it is one. From JDK 22 on, {@code
   * System.console()} may return a console for redirected streams, so {@code Console.isTerminal()}
   * is asked where it exists.
   */
  static Terminal system() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        Console c = System.console();
        if (c == null) {
          return false;
        }
        try {
          Method isTerminal = Console.class.getMethod("isTerminal");
          return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
          return true; // JDK 21: a non-null console is a terminal
        } catch (ReflectiveOperationException e) {
          return false;
        }
      }

      @Override
      public String ask(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readLine("%s", prompt);
      }
    };
  }
}
