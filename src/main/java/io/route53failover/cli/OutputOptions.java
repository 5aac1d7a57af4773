package io.route53failover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * Mixin: text or JSON on stdout. Used by {@code status}, {@code failback} and {@code drill}; with
 * {@code --json}, stdout carries only one JSON object.
 */
final class OutputOptions {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** Prints {@code value} as indented JSON. */
  static void printJson(Object value, PrintWriter out) throws JsonProcessingException {
    out.println(JSON.writeValueAsString(value));
  }
}
