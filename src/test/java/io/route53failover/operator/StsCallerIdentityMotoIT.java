package io.route53failover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.aws.AwsClients;
import io.route53failover.testing.FreePorts;
import io.route53failover.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.StsClient;

/** GetCallerIdentity against moto_server, with the client built from {@code AWS_ENDPOINT_URL}. */
class StsCallerIdentityMotoIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @Test
  void theCallersArnComesFromGetCallerIdentity() {
    Map<String, String> env =
        Map.of("AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", "us-east-1");
    try (StsClient sts = StsCallerIdentity.newClient(env)) {
      String arn = new StsCallerIdentity(sts).arn();

      // moto's default account; the ARN names a principal in it
      assertThat(arn).matches("arn:aws:(sts|iam)::123456789012:.+");
    }
  }

  @Test
  void anUnreachableStsIsACallerIdentityExceptionNamingTheCall() throws Exception {
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL_STS",
            "http://127.0.0.1:" + FreePorts.closedLoopbackPort(),
            "AWS_REGION",
            "us-east-1");
    try (StsClient sts = StsCallerIdentity.newClient(env)) {
      assertThatThrownBy(() -> new StsCallerIdentity(sts).arn())
          .isInstanceOf(CallerIdentityException.class)
          .hasMessageStartingWith("STS GetCallerIdentity: ");
    }
  }
}
