package io.route53failover.healthcheck;

import java.util.Objects;

/**
 * The value of one request header of an {@link HttpTarget}: a literal string, or {@code
 * {"fromParameter": "/ssm/name"}}, an SSM parameter read (decrypted) when the target list is
 * loaded and again at every refresh ({@link HeaderParameters}).
 *
 * <p>The value is never shown: {@link #toString()} prints {@code "***"} for a literal and {@code
 * {fromParameter=/ssm/name}} for a parameter, so a target logged or printed whole keeps its
 * tokens.
 */
public final class HeaderValue {
  private final String parameter;
  private final String value;

  private HeaderValue(String parameter, String value) {
    this.parameter = parameter;
    this.value = value;
  }

  /** A literal value. */
  public static HeaderValue literal(String value) {
    return new HeaderValue(null, Objects.requireNonNull(value, "value"));
  }

  /** A value to read from the SSM parameter {@code name}; not read yet. */
  public static HeaderValue fromParameter(String name) {
    return new HeaderValue(Objects.requireNonNull(name, "name"), null);
  }

  /** The SSM parameter's name, or null for a literal value. */
  public String parameter() {
    return parameter;
  }

  /** Whether the value is known: a literal, or a parameter already read. */
  public boolean isResolved() {
    return value != null;
  }

  /**
   * The value to send.
   *
   * @throws IllegalStateException for a parameter not read yet (the message names the parameter)
   */
  public String value() {
    if (value == null) {
      throw new IllegalStateException("SSM parameter " + parameter + " has not been read");
    }
    return value;
  }

  /** This parameter value with {@code read} as its value; a literal is returned as it is. */
  HeaderValue resolved(String read) {
    return parameter == null ? this : new HeaderValue(parameter, Objects.requireNonNull(read, "read"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderValue h
        && Objects.equals(parameter, h.parameter)
        && Objects.equals(value, h.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parameter, value);
  }

  @Override
  public String toString() {
    return parameter == null ? "***" : "{fromParameter=" + parameter + "}";
  }
}
