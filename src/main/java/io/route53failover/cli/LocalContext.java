package io.route53failover.cli;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The Lambda {@link Context} for a local invoke: the remaining time counts down from the
 * function's timeout from the moment the context is created; the logger writes to stderr.
 */
public final class LocalContext implements Context {
  static final int MEMORY_LIMIT_MB = 512;

  private final String functionName;
  private final String region;
  private final long timeoutMillis;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final String requestId = UUID.randomUUID().toString();
  private final PrintStream log;

  /**
   * @param timeout the function's timeout; {@link #getRemainingTimeInMillis()} starts there
   * @param nanoTime monotonic clock in nanoseconds, usually {@link System#nanoTime()}
   */
  public LocalContext(
      String functionName, String region, Duration timeout, LongSupplier nanoTime, PrintStream log) {
    this.functionName = functionName;
    this.region = region;
    this.timeoutMillis = timeout.toMillis();
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.log = log;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long elapsedMillis = (nanoTime.getAsLong() - startNanos) / 1_000_000;
    return (int) Math.max(0, timeoutMillis - elapsedMillis);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]" + requestId.replace("-", "");
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getMemoryLimitInMB() {
    return MEMORY_LIMIT_MB;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.println(message);
      }

      @Override
      public void log(byte[] message) {
        log.println(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
