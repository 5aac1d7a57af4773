package io.route53failover.aws;

/**
 * An SSM parameter could not be read. The message names the parameter and the cause (for example
 * {@code SSM parameter /app/token: SSM ParameterNotFound (HTTP 400): ...}), never a value.
 */
public class ParameterReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String problem;

  /**
   * @param parameter the parameter's name
   * @param problem what failed
   */
  public ParameterReadException(String parameter, String problem) {
    super("SSM parameter " + parameter + ": " + problem);
    this.problem = problem;
  }

  /** What failed, without the parameter's name: for messages that name it themselves. */
  public String problem() {
    return problem;
  }
}
