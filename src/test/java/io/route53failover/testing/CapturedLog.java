package io.route53failover.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.message.MapMessage;

/** Collects what one class logs, as field maps, while open. */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final AbstractAppender appender;
  private final List<LogEvent> events = new CopyOnWriteArrayList<>();

  public CapturedLog(Class<?> source) {
    this(source.getName());
  }

  /** Captures the logger {@code name} and every logger below it (e.g. a package). */
  public CapturedLog(String name) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    logger = ctx.getLogger(name);
    appender =
        new AbstractAppender(
            "captured-" + name, null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            events.add(event.toImmutable());
          }
        };
    appender.start();
    logger.addAppender(appender);
  }

  /** Each event's structured fields, plus {@code level} and {@code message}. */
  public List<Map<String, Object>> fields() {
    return events.stream()
        .map(
            e -> {
              Map<String, Object> m = new java.util.LinkedHashMap<>();
              m.put("level", e.getLevel().name());
              m.put("message", e.getMessage().getFormattedMessage());
              if (e.getMessage() instanceof MapMessage<?, ?> map) {
                m.putAll(map.getData());
              }
              return m;
            })
        .toList();
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    appender.stop();
  }
}
