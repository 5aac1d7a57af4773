package io.route53failover.failover;

/**
 * FailoverFunction's configuration is invalid. The message names the environment variable and what
 * was wrong, for example: {@code FAILED_OVER_PATH: must start with '/', was "lb-check"}.
 */
public class FailoverConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String variable;

  /**
   * @param variable the environment variable at fault, for example {@code FAILED_OVER_PATH}
   * @param problem what was wrong
   */
  public FailoverConfigException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  /** The environment variable at fault. */
  public String variable() {
    return variable;
  }
}
