package io.route53failover.operator;

import io.route53failover.aws.AwsClients;
import io.route53failover.aws.AwsErrors;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@link CallerIdentity} from STS GetCallerIdentity, which needs no permission. The client is the
 * caller's (for example {@link #newClient(Map)}); it is not closed here.
 */
public final class StsCallerIdentity implements CallerIdentity {
  private final StsClient sts;

  /**
   * A new STS client configured from {@code env} (region; endpoint from {@value
   * AwsClients#AWS_ENDPOINT_URL_STS} or {@code AWS_ENDPOINT_URL}), with the timeouts and retries of
   * the other clients ({@link AwsClients}). Built here, on the operator side, so that the Lambda
   * jar does not carry the STS client. The caller owns it.
   */
  public static StsClient newClient(Map<String, String> env) {
    return AwsClients.configureFromEnvironment(
            StsClient.builder(), env, AwsClients.AWS_ENDPOINT_URL_STS)
        .build();
  }

  public StsCallerIdentity(StsClient sts) {
    this.sts = sts;
  }

  /**
   * @throws CallerIdentityException naming the STS error, e.g. {@code STS GetCallerIdentity
   *     ExpiredToken (HTTP 403): …}
   */
  @Override
  public String arn() {
    try {
      return sts.getCallerIdentity().arn();
    } catch (SdkException e) {
      throw new CallerIdentityException(
          AwsErrors.describe("STS GetCallerIdentity", e), e);
    }
  }
}
