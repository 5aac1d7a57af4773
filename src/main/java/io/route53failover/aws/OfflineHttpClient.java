package io.route53failover.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * An SDK HTTP client that never touches the network: it answers every request with 200 and the
 * body {@code responder} gives for it, and remembers the requests. Used to prime the SDK's request
 * path (endpoint rules, signing, marshalling, unmarshalling) before a SnapStart snapshot without
 * calling AWS.
 */
public final class OfflineHttpClient implements SdkHttpClient {

  /** A request as it would have been sent: method, path and body. */
  public record SentRequest(String method, String path, String body) {}

  private final Function<SdkHttpRequest, String> responder;
  private final List<SentRequest> requests = new CopyOnWriteArrayList<>();

  /**
   * @param responder the XML body of the 200 answer to each request
   */
  public OfflineHttpClient(Function<SdkHttpRequest, String> responder) {
    this.responder = responder;
  }

  /**
   * Builds a client answered by this HTTP client: {@code region}, {@code retryStrategy}, and
   * placeholder credentials (requests are signed, and never sent).
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, Region region, RetryStrategy retryStrategy) {
    return builder
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("offline", "offline")))
        .httpClient(this)
        .overrideConfiguration(o -> o.retryStrategy(retryStrategy))
        .build();
  }

  /** The requests "sent" so far, in order. */
  public List<SentRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        String body = "";
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream in = request.contentStreamProvider().get().newStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
        SdkHttpRequest http = request.httpRequest();
        requests.add(new SentRequest(http.method().name(), http.encodedPath(), body));
        byte[] answer = responder.apply(http).getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", "text/xml")
                    .putHeader("Content-Length", String.valueOf(answer.length))
                    .putHeader("x-amzn-RequestId", "offline")
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
            .build();
      }

      @Override
      public void abort() {
        // nothing in flight
      }
    };
  }

  @Override
  public String clientName() {
    return "offline";
  }

  @Override
  public void close() {
    // nothing to release
  }
}
