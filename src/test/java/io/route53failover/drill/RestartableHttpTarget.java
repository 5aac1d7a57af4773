package io.route53failover.drill;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that answers 200 on every path, and can be stopped and started
 * again on the same port: a target that dies and comes back.
 */
final class RestartableHttpTarget implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final String body;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final int port;
  private HttpServer server;

  /** Starts on a free port. */
  RestartableHttpTarget(String body) throws IOException {
    this.body = body;
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  int port() {
    return port;
  }

  /** The URL a probe checks, e.g. {@code http://127.0.0.1:41234/health}. */
  String url() {
    return "http://127.0.0.1:" + port + "/health";
  }

  boolean running() {
    return server != null;
  }

  /** Stops listening: from now on connections are refused. */
  void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port; retries for a few seconds while the port is not yet free. */
  void start() throws IOException, InterruptedException {
    if (server != null) {
      return;
    }
    Instant end = Instant.now().plus(Duration.ofSeconds(5));
    while (true) {
      try {
        server = bind(port);
        return;
      } catch (BindException e) {
        if (Instant.now().isAfter(end)) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Whether a TCP connection to the port is refused right now. */
  boolean refusesConnections() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 1000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  private HttpServer bind(int onPort) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, onPort), 64);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    s.createContext(
        "/",
        exchange -> {
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            out.write(bytes);
          }
        });
    s.setExecutor(threads);
    s.start();
    return s;
  }

  @Override
  public void close() {
    stop();
    threads.shutdownNow();
  }
}
