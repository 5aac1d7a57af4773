package io.route53failover.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** One-line descriptions of AWS errors for logs and operators. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * {@code <service> <AWS error code> (HTTP <status>): <SDK message>} when {@code e} is an AWS
   * service error, for example {@code CloudWatch Throttling (HTTP 400): Rate exceeded (…)}: the
   * SDK's own message leaves the error code out. {@code null} for any other exception.
   */
  public static String serviceError(String service, Throwable e) {
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
      return service
          + " "
          + a.awsErrorDetails().errorCode()
          + " (HTTP "
          + a.statusCode()
          + "): "
          + a.getMessage();
    }
    return null;
  }
}
