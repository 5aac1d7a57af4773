package io.route53failover.healthcheck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where connect hangs: a listener with backlog 1 that never accepts, whose accept
 * queue is filled by extra client connections, so the kernel drops further SYNs.
 */
final class BlackHolePort implements AutoCloseable {

  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();

  BlackHolePort() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    for (int i = 0; i < 32; i++) {
      Socket filler = new Socket();
      try {
        filler.connect(listener.getLocalSocketAddress(), 200);
        fillers.add(filler);
      } catch (SocketTimeoutException e) {
        filler.close();
        return; // the queue is full: from now on connect hangs
      }
    }
    close();
    throw new IllegalStateException("the accept queue never filled up");
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : fillers) {
      filler.close();
    }
    listener.close();
  }
}
