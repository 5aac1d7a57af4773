package io.route53failover.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of moto_server that records every CloudWatch
 * PutMetricData request it forwards: when it arrived, how many metric datums it carried, and the
 * status moto answered. Counting on the wire, independently of the SDK and of the handler's own
 * report, is what makes "number of PutMetricData calls" a measurement.
 *
 * <p>The AWS Query body ({@code Action=PutMetricData&...&MetricData.member.N.MetricName=...}) is
 * read as sent; a gzip body ({@code Content-Encoding: gzip}, which the SDK may use for large
 * requests) is decompressed for counting and forwarded unchanged.
 */
final class MetricCallCounter implements AutoCloseable {

  /**
   * One PutMetricData request seen on the wire: when it arrived, its datums, its namespace, moto's
   * status and how long moto took to answer it (milliseconds, as seen from the proxy).
   */
  record Call(long epochMillis, int datums, String namespace, int status, double emulatorMs) {}

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final URI target;
  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  MetricCallCounter(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
    server.createContext("/", this::forward);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** The proxy's endpoint, for {@code AWS_ENDPOINT_URL}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** PutMetricData requests that arrived at or after {@code epochMillis}. */
  List<Call> callsSince(long epochMillis) {
    return calls.stream().filter(c -> c.epochMillis() >= epochMillis).toList();
  }

  void clear() {
    calls.clear();
  }

  private void forward(HttpExchange exchange) throws IOException {
    long arrived = System.currentTimeMillis();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
              .timeout(Duration.ofSeconds(30))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> response;
      long sent = System.nanoTime();
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      String form = formBody(body, exchange.getRequestHeaders().getFirst("Content-Encoding"));
      if (form.contains("Action=PutMetricData")) {
        calls.add(
            new Call(
                arrived,
                datums(form),
                param(form, "Namespace"),
                response.statusCode(),
                (System.nanoTime() - sent) / 1e6));
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private static String formBody(byte[] body, String encoding) throws IOException {
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Number of {@code MetricData.member.N.MetricName} parameters. */
  static int datums(String form) {
    int n = 0;
    for (String pair : form.split("&")) {
      String key = pair.split("=", 2)[0];
      if (key.startsWith("MetricData.member.") && key.endsWith(".MetricName")) {
        n++;
      }
    }
    return n;
  }

  private static String param(String form, String name) {
    List<String> values = new ArrayList<>();
    for (String pair : form.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        values.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return values.isEmpty() ? null : values.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
  }
}
