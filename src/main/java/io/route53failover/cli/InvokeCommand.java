package io.route53failover.cli;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.route53failover.cli.EnvVarsFile.EnvVarsFileException;
import io.route53failover.failover.FailoverFunction;
import io.route53failover.healthcheck.HealthCheckFunction;
import io.route53failover.logging.LogEvent;
import io.route53failover.metrics.DryRunMetricPublisher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code invoke <FunctionName> -e event.json [--env-vars FILE] [--dry-run]}: runs a function's
 * handler in this process the way {@code sam local invoke} runs it in a container, without Docker.
 *
 * <p>The event is read and the response written by the Lambda runtime's own serialization library
 * (aws-lambda-java-serialization: {@code LambdaEventSerializers} for events, {@code
 * JacksonFactory} for responses), which is on the CLI's classpath, not in the Lambda jar; {@code
 * --env-vars} takes SAM's file format and is merged over the process environment; the handler's
 * JSON response goes to stdout and logs to stderr. When the handler fails (or times out), stdout
 * gets the error as Lambda reports it ({@code errorMessage}, {@code errorType}, {@code
 * stackTrace}) and the exit code is 1. Usage errors (unknown function, unreadable event or
 * env-vars file) exit with 2 (see {@link Main}).
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Invokes a function locally, like `sam local invoke` but without Docker.",
      "The response goes to stdout, logs to stderr; exit code 1 when the function fails."
    })
public final class InvokeCommand implements Callable<Integer> {
  static final String HEALTH_CHECK_FUNCTION = "HealthCheckFunction";
  static final String FAILOVER_FUNCTION = "FailoverFunction";

  /**
   * A function the CLI can invoke: its event type, how to build its handler from the merged
   * environment and the dry-run output (null without {@code --dry-run}), and its timeout when
   * {@code --timeout-seconds} is not given (the one template.yaml gives it by default).
   */
  record LocalFunction(
      Class<?> eventType,
      BiFunction<Map<String, String>, PrintStream, FunctionHandler> factory,
      boolean supportsDryRun,
      Duration defaultTimeout) {}

  /** A handler with its event type erased. */
  @FunctionalInterface
  interface FunctionHandler {
    Object handle(Object event, Context context);
  }

  /** The functions of this project, by logical ID (as in template.yaml). */
  static final Map<String, LocalFunction> FUNCTIONS =
      Map.of(
          HEALTH_CHECK_FUNCTION,
          new LocalFunction(
              ScheduledEvent.class,
              (env, dryRunOut) -> {
                HealthCheckFunction f =
                    HealthCheckFunction.create(
                        env, dryRunOut == null ? null : new DryRunMetricPublisher(dryRunOut));
                return (event, context) -> f.handleRequest((ScheduledEvent) event, context);
              },
              true,
              Duration.ofSeconds(HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS)),
          FAILOVER_FUNCTION,
          new LocalFunction(
              SNSEvent.class,
              (env, dryRunOut) -> {
                FailoverFunction f = FailoverFunction.create(env);
                return (event, context) -> f.handleRequest((SNSEvent) event, context);
              },
              false,
              Duration.ofSeconds(FailoverFunction.DEFAULT_TIMEOUT_SECONDS)));

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FUNCTION",
      description = "Logical ID of the function: HealthCheckFunction or FailoverFunction.")
  String functionName;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "FILE",
      description = "JSON file with the event, or - for stdin. Default: an empty event {}.")
  String eventFile;

  @Option(
      names = {"-n", "--env-vars"},
      paramLabel = "FILE",
      description =
          "JSON file with environment variables in SAM's format: {\"<FunctionName>\": {\"NAME\":"
              + " \"value\"}}; a \"Parameters\" section applies to all functions.")
  Path envVarsFile;

  @Option(
      names = "--dry-run",
      description =
          "HealthCheckFunction only: print the PutMetricData requests to stderr instead of sending"
              + " them. Needs no AWS account.")
  boolean dryRun;

  @Option(
      names = "--timeout-seconds",
      paramLabel = "SECONDS",
      description =
          "The function's timeout, 1-900. Default: template.yaml's, "
              + HealthCheckFunction.DEFAULT_TIMEOUT_SECONDS
              + " for HealthCheckFunction, "
              + FailoverFunction.DEFAULT_TIMEOUT_SECONDS
              + " for FailoverFunction.")
  Integer timeoutSeconds;

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> processEnv;
  private final Map<String, LocalFunction> functions;

  /** This project's functions; reads stdin and the process environment; writes to stdout and stderr. */
  public InvokeCommand() {
    this(System.out, System.err, System.in, System.getenv(), FUNCTIONS);
  }

  InvokeCommand(
      PrintStream out,
      PrintStream err,
      InputStream in,
      Map<String, String> processEnv,
      Map<String, LocalFunction> functions) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.processEnv = processEnv;
    this.functions = functions;
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    LocalFunction function = functions.get(functionName);
    if (function == null) {
      throw usage(
          "unknown function \"" + functionName + "\"; known functions: "
              + String.join(", ", functions.keySet().stream().sorted().toList()));
    }
    if (dryRun && !function.supportsDryRun()) {
      throw usage("--dry-run is not supported for " + functionName);
    }
    long seconds =
        timeoutSeconds == null ? function.defaultTimeout().toSeconds() : timeoutSeconds;
    if (seconds < 1 || seconds > 900) {
      throw usage("--timeout-seconds must be 1-900 (Lambda's range), was " + seconds);
    }
    Map<String, String> env = new HashMap<>(processEnv);
    Object event;
    try {
      if (envVarsFile != null) {
        env.putAll(EnvVarsFile.read(envVarsFile, functionName));
      }
      event = readEvent(function.eventType());
    } catch (EnvVarsFileException | InvalidEventException e) {
      throw usage(e.getMessage());
    }
    long eventRead = System.nanoTime();

    FunctionHandler handler;
    try {
      handler = function.factory().apply(env, dryRun ? err : null);
    } catch (RuntimeException e) {
      printError(e);
      return ExitCode.SOFTWARE;
    }
    long initialized = System.nanoTime();
    String region = env.getOrDefault("AWS_REGION", "us-east-1");
    Duration timeout = Duration.ofSeconds(seconds);
    LocalContext context = new LocalContext(functionName, region, timeout, System::nanoTime, err);
    FutureTask<Object> invocation = new FutureTask<>(() -> handler.handle(event, context));
    Thread.ofPlatform().daemon().name("invoke-" + functionName).start(invocation);
    Object response;
    try {
      response = invocation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      printError(
          String.format(Locale.ROOT, "Task timed out after %.2f seconds", (double) seconds),
          "Sandbox.Timedout",
          List.of());
      return ExitCode.SOFTWARE;
    } catch (ExecutionException e) {
      long invoked = System.nanoTime();
      printError(e.getCause());
      report("failed", start, eventRead, initialized, invoked);
      return ExitCode.SOFTWARE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      printError(e);
      return ExitCode.SOFTWARE;
    }
    long invoked = System.nanoTime();
    printResponse(response);
    report("succeeded", start, eventRead, initialized, invoked);
    return ExitCode.OK;
  }

  /**
   * Logs where the time of this invoke went, like the REPORT line Lambda writes after each
   * invocation: {@code readEventMs} (reading and deserializing the event), {@code initMs} (building
   * the handler: configuration and SDK clients), {@code durationMs} (the handler's {@code
   * handleRequest}) and {@code printMs} (serializing and printing the response or error).
   */
  private void report(String outcome, long start, long eventRead, long initialized, long invoked) {
    long printed = System.nanoTime();
    // looked up here, not in a static field, so that logging starts where the handler starts it
    LogManager.getLogger(InvokeCommand.class)
        .info(
            LogEvent.of("invoke report")
                .with("function", functionName)
                .with("outcome", outcome)
                .with("readEventMs", millis(eventRead - start))
                .with("initMs", millis(initialized - eventRead))
                .with("durationMs", millis(invoked - initialized))
                .with("printMs", millis(printed - invoked)));
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  private Object readEvent(Class<?> eventType) {
    byte[] json;
    String source = eventFile == null ? "(empty event)" : eventFile;
    try {
      if (eventFile == null) {
        json = "{}".getBytes(StandardCharsets.UTF_8);
      } else if (eventFile.equals("-")) {
        json = in.readAllBytes();
      } else {
        json = Files.readAllBytes(Path.of(eventFile));
      }
    } catch (NoSuchFileException e) {
      throw new InvalidEventException("--event " + source + ": file not found", e);
    } catch (IOException e) {
      throw new InvalidEventException("--event " + source + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return LambdaEventSerializers.serializerFor(eventType, eventType.getClassLoader())
          .fromJson(new ByteArrayInputStream(json));
    } catch (RuntimeException e) {
      throw new InvalidEventException(
          "--event " + source + ": not a valid " + eventType.getSimpleName() + " JSON: "
              + e.getMessage(),
          e);
    }
  }

  /** Writes the response as the Lambda runtime does: its Jackson settings, {@code null}s left out. */
  private void printResponse(Object response) {
    if (response == null) {
      out.println("null");
    } else {
      @SuppressWarnings("unchecked")
      PojoSerializer<Object> serializer =
          (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(response.getClass());
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      serializer.toJson(response, json);
      out.println(json.toString(StandardCharsets.UTF_8));
    }
    out.flush();
  }

  private void printError(Throwable error) {
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    List<String> stackTrace = Arrays.stream(error.getStackTrace()).map(String::valueOf).toList();
    printError(message, error.getClass().getName(), stackTrace);
  }

  /** Prints the error as Lambda reports a failed invocation. */
  private void printError(String message, String type, List<String> stackTrace) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = json.createObjectNode();
    node.put("errorMessage", message);
    node.put("errorType", type);
    stackTrace.forEach(node.putArray("stackTrace")::add);
    out.println(node.toString());
    out.flush();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The event file is missing or does not deserialize. */
  private static final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
