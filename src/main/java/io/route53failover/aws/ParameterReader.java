package io.route53failover.aws;

/**
 * Reads one SSM parameter's value by name. The one production implementation is {@link
 * SsmParameterReader}; tests pass a map.
 *
 * <p>Values read through this interface may be secrets (tokens, keys): callers never log or print
 * them, and implementations never put them in an exception message.
 */
@FunctionalInterface
public interface ParameterReader {

  /** A reader that can read nothing: for places that have no AWS client (offline parsing). */
  ParameterReader UNAVAILABLE =
      name -> {
        throw new ParameterReadException(name, "no SSM client here to read it");
      };

  /**
   * The value of the parameter {@code name}, decrypted when it is a SecureString.
   *
   * @param name the parameter's name, for example {@code /route53-failover/token}
   * @return the value, never null
   * @throws ParameterReadException naming the parameter and what failed (never its value)
   */
  String read(String name);
}
