package io.route53failover.failover;

import io.route53failover.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * Route 53 clients for FailoverFunction and the operator commands: global region ({@code
 * aws-global}), the JDK's URLConnection HTTP client and connect timeout of {@link AwsClients}
 * ({@link AwsClients#configure}), explicit call timeouts, and the SDK's standard retry strategy
 * with {@value #MAX_ATTEMPTS} attempts, which retries {@code Throttling}, {@code
 * PriorRequestNotComplete} and 5xx answers with exponential backoff and jitter.
 *
 * <p>The SDK reads {@code AWS_ENDPOINT_URL} from the process environment by itself. When a
 * configuration map (the CLI's {@code --env-vars}) sets it, or an {@code --endpoint-url} is given,
 * it is passed as {@code endpointOverride}.
 */
public final class Route53Clients {
  /** Attempts per API call, the first included (the SDK's default for standard mode is 3). */
  public static final int MAX_ATTEMPTS = 6;

  /** Limit for one API call, all attempts and backoff included. */
  public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(25);

  /** Limit for one attempt of an API call. */
  public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  private Route53Clients() {}

  /**
   * The client shared by all invocations in this execution environment, built on first use. It
   * honours {@code AWS_ENDPOINT_URL} from the process environment.
   */
  public static Route53Client shared() {
    return Shared.CLIENT;
  }

  /**
   * A new client; {@code endpointOverride} when {@code env} sets {@code AWS_ENDPOINT_URL_ROUTE_53}
   * or {@code AWS_ENDPOINT_URL} (same rules as {@link AwsClients#endpoint}).
   *
   * @throws IllegalArgumentException naming the variable when it is not an absolute URL
   */
  public static Route53Client create(Map<String, String> env) {
    return create(AwsClients.endpoint(env, AwsClients.AWS_ENDPOINT_URL_ROUTE_53));
  }

  /**
   * A new client.
   *
   * @param endpointOverride the endpoint, or {@code null} for the SDK's choice (which honours
   *     {@code AWS_ENDPOINT_URL})
   */
  public static Route53Client create(URI endpointOverride) {
    return create(endpointOverride, null, retryStrategy());
  }

  /** The production retry strategy: standard mode, {@value #MAX_ATTEMPTS} attempts. */
  public static RetryStrategy retryStrategy() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
  }

  /**
   * @param credentials the credentials, or {@code null} for the SDK's default chain
   */
  static Route53Client create(
      URI endpointOverride, AwsCredentialsProvider credentials, RetryStrategy retryStrategy) {
    Route53ClientBuilder b =
        AwsClients.configure(
                Route53Client.builder(),
                new AwsClients.ClientSettings(
                    API_CALL_ATTEMPT_TIMEOUT, API_CALL_TIMEOUT, retryStrategy))
            .region(Region.AWS_GLOBAL);
    if (endpointOverride != null) {
      b.endpointOverride(endpointOverride);
    }
    if (credentials != null) {
      b.credentialsProvider(credentials);
    }
    return b.build();
  }

  private static final class Shared {
    static final Route53Client CLIENT = create((URI) null);
  }
}
