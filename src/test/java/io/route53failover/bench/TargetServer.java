package io.route53failover.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Benchmark targets on 127.0.0.1, in a process of their own so that the probing process's file
 * descriptors and memory are its own.
 *
 * <p>{@code TargetServer ACCEPTING REFUSED BLACKHOLED HTTP}: opens {@code ACCEPTING} TCP listeners
 * that accept and close at once, finds {@code REFUSED} loopback ports nothing listens on, opens
 * {@code BLACKHOLED} listeners whose accept queue is full (backlog 1, never accepted, filled with
 * connections of this process) so that a further connect hangs until its timeout, and {@code HTTP}
 * HTTP servers answering 200 with {@link #PAGE}. Prints one line
 * {@code accepting=p,p,... refused=... blackholed=... http=...} on stdout, then serves until stdin
 * closes.
 */
public final class TargetServer {
  static final String PAGE = "route53-failover bench page";

  private TargetServer() {}

  public static void main(String[] args) throws Exception {
    int accepting = Integer.parseInt(args[0]);
    int refused = Integer.parseInt(args[1]);
    int blackholed = Integer.parseInt(args[2]);
    int http = Integer.parseInt(args[3]);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    List<ServerSocket> keep = new ArrayList<>();
    List<Integer> acceptingPorts = new ArrayList<>();
    for (int i = 0; i < accepting; i++) {
      ServerSocket s = new ServerSocket(0, 512, loopback);
      keep.add(s);
      acceptingPorts.add(s.getLocalPort());
      threads.execute(() -> acceptAndClose(s));
    }

    List<Integer> blackholedPorts = new ArrayList<>();
    List<ServerSocket> holes = new ArrayList<>();
    for (int i = 0; i < blackholed; i++) {
      ServerSocket s = new ServerSocket(0, 1, loopback);
      holes.add(s);
      blackholedPorts.add(s.getLocalPort());
    }
    List<Future<List<Socket>>> fills = new ArrayList<>();
    for (ServerSocket hole : holes) {
      fills.add(threads.submit(() -> fill(loopback, hole.getLocalPort())));
    }
    List<Socket> fillers = new ArrayList<>();
    for (Future<List<Socket>> f : fills) {
      fillers.addAll(f.get());
    }

    // Ports nothing listens on: bound once, then closed; all distinct from the ports above.
    List<Integer> refusedPorts = new ArrayList<>();
    List<ServerSocket> probes = new ArrayList<>();
    for (int i = 0; i < refused; i++) {
      probes.add(new ServerSocket(0, 1, loopback));
    }
    for (ServerSocket s : probes) {
      refusedPorts.add(s.getLocalPort());
      s.close();
    }

    List<Integer> httpPorts = new ArrayList<>();
    List<HttpServer> servers = new ArrayList<>();
    for (int i = 0; i < http; i++) {
      HttpServer server = pageServer(PAGE, threads);
      servers.add(server);
      httpPorts.add(server.getAddress().getPort());
    }

    PrintStream out = System.out;
    out.println(
        "accepting=" + join(acceptingPorts)
            + " refused=" + join(refusedPorts)
            + " blackholed=" + join(blackholedPorts)
            + " http=" + join(httpPorts));
    out.flush();
    while (System.in.read() != -1) {
      // serve until the parent closes our stdin (or dies)
    }
    servers.forEach(s -> s.stop(0));
    for (Socket s : fillers) {
      s.close();
    }
    for (ServerSocket s : keep) {
      s.close();
    }
    for (ServerSocket s : holes) {
      s.close();
    }
    threads.shutdownNow();
  }

  /** A started HTTP server on 127.0.0.1 answering every request with 200 and {@code page}. */
  static HttpServer pageServer(String page, Executor executor) throws IOException {
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, bytes.length);
            out.write(bytes);
          }
        });
    server.setExecutor(executor);
    server.start();
    return server;
  }

  private static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static void acceptAndClose(ServerSocket s) {
    while (!s.isClosed()) {
      try (Socket c = s.accept()) {
        // connected: all a TCP probe checks
      } catch (IOException e) {
        if (s.isClosed()) {
          return;
        }
      }
    }
  }

  /**
   * Connects to a never-accepting listener until a connect hangs, so its accept queue is full and
   * every later SYN is dropped. Returns the connections that got in (they must stay open).
   */
  private static List<Socket> fill(InetAddress loopback, int port) throws IOException {
    List<Socket> in = new ArrayList<>();
    for (int attempt = 0; attempt < 16; attempt++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(loopback, port), 300);
        in.add(s);
      } catch (SocketTimeoutException full) {
        s.close();
        return in;
      }
    }
    throw new IOException("accept queue of port " + port + " did not fill after 16 connections");
  }
}
