package io.route53failover.operator;

/**
 * One resolution of the failover record, repeated by the waits of {@code drill} and {@code
 * failback --verify-dns}. {@link RecordAnswer} asks a DNS server; tests may answer from memory.
 */
public interface RecordCheck {

  /** The record for messages: its name and type, e.g. {@code app.example.com A}. */
  String record();

  /**
   * Resolves the record once; a DNS failure is the answer's {@code problem}, never thrown.
   *
   * @return the values seen and the node they belong to (null when none)
   */
  RecordAnswer.Seen resolve();
}
