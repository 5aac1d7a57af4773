package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.aws.OfflineHttpClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;

class FailoverPrimingTest {

  @Test
  void locksTheSampleHealthCheckOnTheOfflineClientOnlyAndBuildsTheSharedClient() throws Exception {
    AtomicReference<Route53Client> built = new AtomicReference<>();
    OfflineHttpClient offline = new OfflineHttpClient(FailoverPriming::answer);
    try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      trap.setSoTimeout(300);

      long version =
          FailoverPriming.prime(
              () -> {
                built.set(Route53Clients.create(URI.create("http://127.0.0.1:" + trap.getLocalPort())));
                return built.get();
              },
              offline);

      assertThat(version).isEqualTo(2);
      String id = FailoverPriming.SAMPLE_ID;
      assertThat(offline.requests())
          .extracting(r -> r.method() + " " + r.path())
          .containsExactly(
              "GET /2013-04-01/healthcheck/" + id,
              "GET /2013-04-01/tags/healthcheck/" + id,
              "POST /2013-04-01/tags/healthcheck/" + id,
              "POST /2013-04-01/healthcheck/" + id);
      assertThat(offline.requests().get(2).body()).contains(OriginalPathTag.KEY);
      assertThat(offline.requests().get(3).body())
          .contains("<ResourcePath>/lb-check-failed-over</ResourcePath>")
          .contains("<HealthCheckVersion>1</HealthCheckVersion>");
      assertThat(built.get()).isNotNull();
      assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
    } finally {
      if (built.get() != null) {
        built.get().close();
      }
    }
  }
}
