package io.route53failover.failover;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.Map;

/**
 * Locks the primary's Route 53 health check when its CloudWatch alarm goes to ALARM.
 *
 * <p>Placeholder: not yet written.
 */
public final class FailoverFunction implements RequestHandler<SNSEvent, Object> {

  /** For Lambda: configuration from {@link System#getenv()}. */
  public FailoverFunction() {
    throw new UnsupportedOperationException("not yet written");
  }

  /** For the CLI's {@code invoke}: configuration from {@code env} (which may set AWS_ENDPOINT_URL). */
  public static FailoverFunction create(Map<String, String> env) {
    throw new UnsupportedOperationException("not yet written");
  }

  @Override
  public Object handleRequest(SNSEvent event, Context context) {
    throw new UnsupportedOperationException("not yet written");
  }
}
