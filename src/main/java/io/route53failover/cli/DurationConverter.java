package io.route53failover.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A positive duration from the command line: a number with a unit ({@code 500ms}, {@code 300s},
 * {@code 1.5m}, {@code 5m}, {@code 1h}) or ISO-8601 ({@code PT5M}, {@code PT1M30S}). A bare number
 * is refused: its unit would be a guess. Resolution: milliseconds.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String text = value == null ? "" : value.strip();
    Duration d;
    Matcher m = WITH_UNIT.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      BigDecimal millisPerUnit =
          switch (m.group(2)) {
            case "ms" -> BigDecimal.ONE;
            case "s" -> BigDecimal.valueOf(1_000);
            case "m" -> BigDecimal.valueOf(60_000);
            default -> BigDecimal.valueOf(3_600_000);
          };
      BigDecimal millis = new BigDecimal(m.group(1)).multiply(millisPerUnit);
      if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
        throw new TypeConversionException("\"" + value + "\" is too long a duration");
      }
      d = Duration.ofMillis(millis.longValue());
    } else if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
      try {
        d = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(usage(value));
      }
    } else {
      throw new TypeConversionException(usage(value));
    }
    try {
      d.toNanos();
    } catch (ArithmeticException e) {
      throw new TypeConversionException("\"" + value + "\" is too long a duration");
    }
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("\"" + value + "\" must be a positive duration");
    }
    return d;
  }

  private static String usage(String value) {
    return "\""
        + value
        + "\" is not a duration: write a number with a unit (500ms, 300s, 5m, 1h) or ISO-8601"
        + " (PT5M)";
  }
}
