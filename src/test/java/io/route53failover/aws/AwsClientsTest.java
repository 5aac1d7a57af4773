package io.route53failover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.failover.Route53Clients;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.route53.Route53Client;

class AwsClientsTest {

  @Test
  void cloudWatchClientTakesRegionAndEndpointFromTheGivenEnvironment() {
    try (CloudWatchClient cw =
        AwsClients.newCloudWatchClient(
            Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:5000"))) {
      var config = cw.serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:5000"));
      assertThat(config.overrideConfiguration().apiCallTimeout()).contains(AwsClients.API_CALL_TIMEOUT);
      assertThat(config.overrideConfiguration().apiCallAttemptTimeout())
          .contains(AwsClients.API_CALL_ATTEMPT_TIMEOUT);
      assertThat(config.overrideConfiguration().retryStrategy()).isPresent();
      assertThat(config.overrideConfiguration().retryStrategy().get().maxAttempts()).isEqualTo(3);
    }
  }

  @Test
  void serviceSpecificEndpointWinsOverTheGlobalOne() {
    Map<String, String> env =
        Map.of(
            "AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
            "AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:5001",
            "AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:5002");
    try (CloudWatchClient cw = AwsClients.newCloudWatchClient(env);
        Route53Client r53 = Route53Clients.create(env)) {
      assertThat(cw.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:5001"));
      assertThat(r53.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:5002"));
    }
  }

  @Test
  void route53IsGlobalWithRaisedAttempts() {
    try (Route53Client r53 = Route53Clients.create(Map.of("AWS_REGION", "eu-west-1"))) {
      var config = r53.serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.AWS_GLOBAL);
      assertThat(config.overrideConfiguration().apiCallTimeout()).contains(Route53Clients.API_CALL_TIMEOUT);
      assertThat(config.overrideConfiguration().retryStrategy().get().maxAttempts())
          .isEqualTo(Route53Clients.MAX_ATTEMPTS);
    }
  }

  @Test
  void route53SharesTheHttpClientSetupAndKeepsItsOwnTimeouts() {
    try (Route53Client r53 = Route53Clients.create(Map.of())) {
      var config = r53.serviceClientConfiguration().overrideConfiguration();
      assertThat(config.apiCallAttemptTimeout()).contains(Route53Clients.API_CALL_ATTEMPT_TIMEOUT);
      assertThat(config.apiCallTimeout()).contains(Route53Clients.API_CALL_TIMEOUT);
    }
  }

  @Test
  void configureAppliesTheGivenSettings() {
    var settings =
        new AwsClients.ClientSettings(
            Duration.ofMillis(1500),
            Duration.ofSeconds(7),
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(4).build());
    try (CloudWatchClient cw =
        AwsClients.configure(CloudWatchClient.builder(), settings).region(Region.US_EAST_1).build()) {
      var config = cw.serviceClientConfiguration().overrideConfiguration();
      assertThat(config.apiCallAttemptTimeout()).contains(Duration.ofMillis(1500));
      assertThat(config.apiCallTimeout()).contains(Duration.ofSeconds(7));
      assertThat(config.retryStrategy().get().maxAttempts()).isEqualTo(4);
    }
  }

  @Test
  void defaultRegionIsTheFallback() {
    assertThat(AwsClients.region(Map.of("AWS_DEFAULT_REGION", "ap-southeast-2"))).isEqualTo(Region.AP_SOUTHEAST_2);
    assertThat(AwsClients.region(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "ap-southeast-2")))
        .isEqualTo(Region.US_WEST_2);
    assertThat(AwsClients.region(Map.of("AWS_REGION", " "))).isNull();
  }

  @Test
  void noEndpointWhenUnsetOrIgnored() {
    assertThat(AwsClients.endpoint(Map.of(), AwsClients.AWS_ENDPOINT_URL_CLOUDWATCH)).isNull();
    assertThat(
            AwsClients.endpoint(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                AwsClients.AWS_ENDPOINT_URL_CLOUDWATCH))
        .isNull();
  }

  @Test
  void badEndpointNamesTheVariable() {
    assertThatThrownBy(
            () -> AwsClients.endpoint(Map.of("AWS_ENDPOINT_URL", "127.0.0.1:5000"), AwsClients.AWS_ENDPOINT_URL_CLOUDWATCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL")
        .hasMessageContaining("127.0.0.1:5000");
    assertThatThrownBy(
            () -> AwsClients.endpoint(Map.of("AWS_ENDPOINT_URL_CLOUDWATCH", "not a url"), AwsClients.AWS_ENDPOINT_URL_CLOUDWATCH))
        .hasMessageStartingWith("AWS_ENDPOINT_URL_CLOUDWATCH: ");
  }
}
