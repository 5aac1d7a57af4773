package io.route53failover.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK clients, built once per execution environment (lazily, on first use) and shared by
 * every invocation.
 *
 * <p>The Route 53 client, which needs more attempts, is built by {@code
 * io.route53failover.failover.Route53Clients} with the same endpoint rules ({@link #endpoint}) and
 * the same HTTP client, through {@link #configure(AwsClientBuilder, ClientSettings)}.
 *
 * <p>All clients use the JDK's {@code URLConnection} HTTP client, the SDK's standard retry strategy
 * ({@link AwsRetryStrategy#standardRetryStrategy()}: 3 attempts, exponential backoff with jitter,
 * throttling-aware) and explicit timeouts sized for a function that runs every minute:
 *
 * <ul>
 *   <li>{@link #CONNECT_TIMEOUT} 2 s: a regional endpoint (or a VPC endpoint) connects in
 *       milliseconds; longer means it is unreachable and a retry is the better bet.
 *   <li>{@link #API_CALL_ATTEMPT_TIMEOUT} 3 s per attempt: PutMetricData and the Route 53 calls
 *       answer well under a second.
 *   <li>{@link #API_CALL_TIMEOUT} 10 s for a whole call with its retries: three attempts with
 *       their backoff fit, and the call still ends long before the next scheduled run one minute
 *       later. HealthCheckFunction reserves this time (plus a margin) for publishing when it
 *       computes its probing deadline.
 * </ul>
 *
 * <p>Region: {@code AWS_REGION} (set by Lambda), else {@code AWS_DEFAULT_REGION}, else the SDK's
 * default chain. Route 53 is global ({@link Region#AWS_GLOBAL}). Endpoint: the SDK itself honours
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} from the process environment;
 * when the given map sets them (for example the CLI's {@code --env-vars} file), they are passed as
 * {@code endpointOverride}, service-specific first, unless {@code
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}. Credentials come from the SDK's default chain.
 */
public final class AwsClients {

  /** Bound on establishing a TCP connection to an AWS endpoint. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Bound on one HTTP attempt of an API call. */
  public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  /** Bound on a whole API call, retries included. */
  public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

  public static final String AWS_REGION = "AWS_REGION";
  static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
  static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  public static final String AWS_ENDPOINT_URL_CLOUDWATCH = "AWS_ENDPOINT_URL_CLOUDWATCH";
  public static final String AWS_ENDPOINT_URL_ROUTE_53 = "AWS_ENDPOINT_URL_ROUTE_53";
  public static final String AWS_ENDPOINT_URL_EVENTBRIDGE = "AWS_ENDPOINT_URL_EVENTBRIDGE";
  public static final String AWS_ENDPOINT_URL_STS = "AWS_ENDPOINT_URL_STS";
  public static final String AWS_ENDPOINT_URL_SSM = "AWS_ENDPOINT_URL_SSM";
  public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
  static final String AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

  private AwsClients() {}

  /** The shared CloudWatch client of this execution environment, built on first use. */
  public static CloudWatchClient cloudWatch() {
    return CloudWatchHolder.CLIENT;
  }

  /**
   * A new CloudWatch client configured from {@code env} (region and endpoint, see the class
   * comment). The caller owns it.
   */
  public static CloudWatchClient newCloudWatchClient(Map<String, String> env) {
    return configure(CloudWatchClient.builder(), env, AWS_ENDPOINT_URL_CLOUDWATCH, region(env))
        .build();
  }

  /** The shared EventBridge client of this execution environment, built on first use. */
  public static EventBridgeClient eventBridge() {
    return EventBridgeHolder.CLIENT;
  }

  /**
   * A new EventBridge client configured from {@code env} (region and endpoint, see the class
   * comment; the same timeouts and retries as CloudWatch). The caller owns it.
   */
  public static EventBridgeClient newEventBridgeClient(Map<String, String> env) {
    return configure(EventBridgeClient.builder(), env, AWS_ENDPOINT_URL_EVENTBRIDGE, region(env))
        .build();
  }

  /** The shared SSM client of this execution environment, built on first use. */
  public static SsmClient ssm() {
    return SsmHolder.CLIENT;
  }

  /**
   * A new SSM client configured from {@code env} (region and endpoint, see the class comment; the
   * same timeouts and retries as CloudWatch). The caller owns it.
   */
  public static SsmClient newSsmClient(Map<String, String> env) {
    return configure(SsmClient.builder(), env, AWS_ENDPOINT_URL_SSM, region(env)).build();
  }

  /** The shared S3 client of this execution environment, built on first use. */
  public static S3Client s3() {
    return S3Holder.CLIENT;
  }

  /**
   * A new S3 client configured from {@code env} (region and endpoint, see the class comment; the
   * same timeouts and retries as CloudWatch). With an endpoint override (an emulator on
   * 127.0.0.1) it uses path-style addressing, since such an endpoint has no per-bucket host names.
   * The caller owns it.
   */
  public static S3Client newS3Client(Map<String, String> env) {
    return configure(S3Client.builder(), env, AWS_ENDPOINT_URL_S3, region(env))
        .forcePathStyle(endpoint(env, AWS_ENDPOINT_URL_S3) != null)
        .build();
  }

  /**
   * The timeouts and retry strategy of one client.
   *
   * @param apiCallAttemptTimeout bound on one HTTP attempt; also the socket (read) timeout
   * @param apiCallTimeout bound on a whole API call, all attempts and backoff included
   * @param retryStrategy the SDK retry strategy, e.g. {@link
   *     AwsRetryStrategy#standardRetryStrategy()}
   */
  public record ClientSettings(
      Duration apiCallAttemptTimeout, Duration apiCallTimeout, RetryStrategy retryStrategy) {}

  /** CloudWatch's settings: the timeouts above and the standard retry strategy (3 attempts). */
  static ClientSettings cloudWatchSettings() {
    return new ClientSettings(
        API_CALL_ATTEMPT_TIMEOUT, API_CALL_TIMEOUT, AwsRetryStrategy.standardRetryStrategy());
  }

  /**
   * Gives {@code builder} the JDK's {@code URLConnection} HTTP client ({@link #CONNECT_TIMEOUT},
   * socket timeout {@link ClientSettings#apiCallAttemptTimeout()}) and the call timeouts and retry
   * strategy of {@code settings}. Region, endpoint and credentials are left to the caller.
   *
   * @return {@code builder}
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, ClientSettings settings) {
    return builder
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(settings.apiCallAttemptTimeout()))
        .overrideConfiguration(
            o ->
                o.retryStrategy(settings.retryStrategy())
                    .apiCallTimeout(settings.apiCallTimeout())
                    .apiCallAttemptTimeout(settings.apiCallAttemptTimeout()));
  }

  /**
   * Gives {@code builder} CloudWatch's settings ({@link #configure(AwsClientBuilder,
   * ClientSettings)}), the region of {@code env} and its endpoint ({@code
   * serviceEndpointVariable}, else {@code AWS_ENDPOINT_URL}; see the class comment). For clients
   * built outside this class, such as the operator commands' STS client.
   *
   * @return {@code builder}
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C>
      B configureFromEnvironment(
          B builder, Map<String, String> env, String serviceEndpointVariable) {
    return configure(builder, env, serviceEndpointVariable, region(env));
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, Map<String, String> env, String serviceEndpointVariable, Region region) {
    configure(builder, cloudWatchSettings());
    if (region != null) {
      builder.region(region);
    }
    URI endpoint = endpoint(env, serviceEndpointVariable);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  /** The region from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}, or null for the SDK chain. */
  static Region region(Map<String, String> env) {
    String name = nonBlank(env.get(AWS_REGION));
    if (name == null) {
      name = nonBlank(env.get(AWS_DEFAULT_REGION));
    }
    return name == null ? null : Region.of(name);
  }

  /**
   * The endpoint {@code env} configures for a service: {@code serviceEndpointVariable} (for
   * example {@code AWS_ENDPOINT_URL_ROUTE_53}), else {@code AWS_ENDPOINT_URL}; null when none is
   * set or {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}.
   *
   * @throws IllegalArgumentException naming the variable when its value is not an absolute URL
   */
  public static URI endpoint(Map<String, String> env, String serviceEndpointVariable) {
    if ("true".equalsIgnoreCase(nonBlank(env.get(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)))) {
      return null;
    }
    String variable =
        nonBlank(env.get(serviceEndpointVariable)) != null
            ? serviceEndpointVariable
            : AWS_ENDPOINT_URL;
    String url = nonBlank(env.get(variable));
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          variable + ": must be an absolute URL such as http://127.0.0.1:5000, was \"" + url + "\"");
    }
    return uri;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static final class CloudWatchHolder {
    static final CloudWatchClient CLIENT = newCloudWatchClient(System.getenv());
  }

  private static final class SsmHolder {
    static final SsmClient CLIENT = newSsmClient(System.getenv());
  }

  private static final class S3Holder {
    static final S3Client CLIENT = newS3Client(System.getenv());
  }

  private static final class EventBridgeHolder {
    static final EventBridgeClient CLIENT = newEventBridgeClient(System.getenv());
  }
}
