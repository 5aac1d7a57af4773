package io.route53failover.operator;

import io.route53failover.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@link CallerIdentity} from STS GetCallerIdentity, which needs no permission. The client is the
 * caller's (for example {@code AwsClients.newStsClient(env)}); it is not closed here.
 */
public final class StsCallerIdentity implements CallerIdentity {
  private final StsClient sts;

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
