package io.route53failover.logging;

import org.apache.logging.log4j.message.MapMessage;

/**
 * A structured log event: a short human-readable text plus typed fields.
 *
 * <p>With the project's {@code log-event.json} template, each event becomes one JSON line on
 * stderr: {@code {"timestamp":…,"level":…,"message":"<text>","<field>":<value>,…}}. Field values
 * keep their JSON types (numbers, booleans, strings, lists).
 *
 * <pre>{@code
 * LOG.info(LogEvent.of("probe finished").with("target", "web-1").with("healthy", true));
 * }</pre>
 */
public final class LogEvent extends MapMessage<LogEvent, Object> {
  private static final long serialVersionUID = 1L;
  private final String text;

  private LogEvent(String text) {
    this.text = text;
  }

  /** Starts an event whose {@code message} field is {@code text}. */
  public static LogEvent of(String text) {
    return new LogEvent(text);
  }

  /** Adds a field; a {@code null} value leaves the field out. */
  @Override
  public LogEvent with(String key, Object value) {
    return value == null ? this : super.with(key, value);
  }

  /** Adds a text field; a {@code null} value leaves the field out. */
  @Override
  public LogEvent with(String key, String value) {
    return value == null ? this : super.with(key, value);
  }

  @Override
  public String getFormattedMessage() {
    return text;
  }

  @Override
  public void formatTo(StringBuilder buffer) {
    buffer.append(text);
  }

  @Override
  public String getFormat() {
    return text;
  }

  @Override
  public LogEvent newInstance(java.util.Map<String, Object> map) {
    LogEvent copy = new LogEvent(text);
    map.forEach(copy::with);
    return copy;
  }
}
