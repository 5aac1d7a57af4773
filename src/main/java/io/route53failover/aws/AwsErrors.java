package io.route53failover.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** One-line descriptions of AWS errors for logs and operators: the one place they are worded. */
public final class AwsErrors {
  /** The service name for Route 53 errors. */
  public static final String ROUTE_53 = "Route 53";

  /** The service name for CloudWatch errors. */
  public static final String CLOUDWATCH = "CloudWatch";

  private AwsErrors() {}

  /**
   * {@code <service> <AWS error code> (HTTP <status>): <SDK message>} when {@code e} is an AWS
   * service error, for example {@code CloudWatch Throttling (HTTP 400): Rate exceeded (…)}: the
   * SDK's own message leaves the error code out. Any other exception (a client-side SDK error such
   * as a timeout, or a project exception) as {@code <simple class name>: <message>}, after {@code <service>: } when it is an SDK error.
   *
   * @param service the service called, e.g. {@link #ROUTE_53}
   */
  public static String describe(String service, Throwable e) {
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
      return service
          + " "
          + a.awsErrorDetails().errorCode()
          + " (HTTP "
          + a.statusCode()
          + "): "
          + a.getMessage();
    }
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    // a client-side SDK error (timeout, refused connection) names the call it failed
    return e instanceof SdkException ? service + ": " + text : text;
  }
}
