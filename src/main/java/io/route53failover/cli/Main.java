package io.route53failover.cli;

import io.route53failover.logging.LogEvent;
import org.apache.logging.log4j.LogManager;

public final class Main {
  public static void main(String[] args) {
    LogManager.getLogger(Main.class).info(LogEvent.of("probe finished").with("target", "a").with("healthy", true).with("latencyMs", 12L).with("reason", null));
  }
}
