package io.route53failover.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Real servers on 127.0.0.1 for end-to-end runs of the health check: a TCP listener, a port
 * nothing listens on, an HTTP server answering 200 with {@link #PAGE} and one answering 503.
 */
public final class LoopbackTargets implements AutoCloseable {
  /** The body of the 200 answer. */
  public static final String PAGE = "route53-failover test page: all good";

  private final ServerSocket tcp;
  private final int refusedPort;
  private final HttpServer ok;
  private final HttpServer unavailable;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  public LoopbackTargets() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    tcp = new ServerSocket(0, 512, loopback);
    threads.execute(this::acceptAndClose);
    refusedPort = FreePorts.closedLoopbackPort();
    ok = http(loopback, 200, PAGE);
    unavailable = http(loopback, 503, "maintenance");
  }

  private HttpServer http(InetAddress loopback, int status, String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
          }
        });
    server.setExecutor(threads);
    server.start();
    return server;
  }

  private void acceptAndClose() {
    while (!tcp.isClosed()) {
      try {
        Socket connection = tcp.accept();
        connection.close(); // connected: that is all a TCP probe checks
      } catch (IOException e) {
        if (tcp.isClosed()) {
          return;
        }
      }
    }
  }

  /** A port that accepts TCP connections. */
  public int tcpPort() {
    return tcp.getLocalPort();
  }

  /** A loopback port nothing listens on: connections are refused. */
  public int refusedPort() {
    return refusedPort;
  }

  /** URL of the server answering 200 with {@link #PAGE}. */
  public String okUrl() {
    return "http://127.0.0.1:" + ok.getAddress().getPort() + "/health";
  }

  /** URL of the server answering 503. */
  public String unavailableUrl() {
    return "http://127.0.0.1:" + unavailable.getAddress().getPort() + "/health";
  }

  /**
   * A TARGETS value with four targets: {@code tcp-up} (healthy), {@code tcp-refused}, {@code
   * http-ok} (healthy, body checked) and {@code http-503}.
   */
  public String targetsJson() {
    return "["
        + "{\"name\":\"tcp-up\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + tcpPort() + ",\"timeoutMs\":2000},"
        + "{\"name\":\"tcp-refused\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + refusedPort() + ",\"timeoutMs\":2000},"
        + "{\"name\":\"http-ok\",\"type\":\"http\",\"url\":\"" + okUrl() + "\",\"expectedBody\":\"all good\",\"timeoutMs\":2000},"
        + "{\"name\":\"http-503\",\"type\":\"http\",\"url\":\"" + unavailableUrl() + "\",\"timeoutMs\":2000}"
        + "]";
  }

  @Override
  public void close() {
    ok.stop(0);
    unavailable.stop(0);
    try {
      tcp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      threads.shutdownNow();
    }
  }
}
