package io.route53failover.healthcheck;

/**
 * The health check configuration is invalid. The message names the environment variable, the
 * target (when one is concerned), the field and what was wrong, for example: {@code TARGETS: target
 * "web-1" (index 0): field "port": must be 1-65535, was 70000}.
 */
public class TargetConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String variable;
  private final String target;
  private final String field;
  private final String problem;

  /**
   * @param variable the environment variable, for example {@code TARGETS}
   * @param target the target's name or {@code "index N"}, or {@code null} when no target is concerned
   * @param field the field, or {@code null} when the whole value is wrong
   * @param problem what was wrong
   */
  public TargetConfigException(String variable, String target, String field, String problem) {
    super(format(variable, target, field, problem));
    this.variable = variable;
    this.target = target;
    this.field = field;
    this.problem = problem;
  }

  /**
   * The same problem, reported for another source: for example {@code TARGETS_S3_URI
   * s3://bucket/targets.json} instead of {@code TARGETS} when the list was read from S3.
   */
  public TargetConfigException withVariable(String otherVariable) {
    return new TargetConfigException(otherVariable, target, field, problem);
  }

  private static String format(String variable, String target, String field, String problem) {
    StringBuilder b = new StringBuilder(variable).append(": ");
    if (target != null) {
      b.append("target ").append(target).append(": ");
    }
    if (field != null) {
      b.append("field \"").append(field).append("\": ");
    }
    return b.append(problem).toString();
  }

  /** The environment variable at fault. */
  public String variable() {
    return variable;
  }

  /** The target at fault, or {@code null}. */
  public String target() {
    return target;
  }

  /** The field at fault, or {@code null}. */
  public String field() {
    return field;
  }

  /** What was wrong, without the variable, target and field. */
  public String problem() {
    return problem;
  }
}
