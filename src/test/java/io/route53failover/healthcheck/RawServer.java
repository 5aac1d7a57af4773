package io.route53failover.healthcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP server that hands each accepted connection to a handler on its own virtual thread,
 * for faults a well-behaved HTTP server cannot produce (resets, trickles, garbage).
 */
final class RawServer implements AutoCloseable {

  /** Handles one accepted connection; the server closes it afterwards. */
  interface Handler {
    void handle(Socket connection) throws Exception;
  }

  private final ServerSocket listener;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  RawServer(Handler handler) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread.ofVirtual().name("raw-server-accept").start(() -> acceptLoop(handler));
  }

  private void acceptLoop(Handler handler) {
    while (!listener.isClosed()) {
      try {
        Socket connection = listener.accept();
        connections.add(connection);
        Thread.ofVirtual()
            .start(
                () -> {
                  try (connection) {
                    handler.handle(connection);
                  } catch (Exception e) {
                    // the client went away; nothing to do
                  } finally {
                    connections.remove(connection);
                  }
                });
      } catch (IOException e) {
        return;
      }
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Reads an HTTP request's head, up to and including the blank line. */
  static String readRequestHead(Socket connection) throws IOException {
    InputStream in = connection.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
