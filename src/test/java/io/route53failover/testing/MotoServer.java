package io.route53failover.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A real moto_server on 127.0.0.1 and a free port, started before the test class and stopped
 * after it.
 *
 * <pre>{@code
 * @RegisterExtension static final MotoServer MOTO = new MotoServer();
 * }</pre>
 *
 * <p>Skipped with a message when moto_server is not installed, or is installed but exits at once
 * (a broken installation); fails under {@code CI=true}. Uses dummy credentials only.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

  /** Dummy credentials for the emulator; moto accepts any. */
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  public static final Region REGION = Region.US_EAST_1;

  /** The system properties the SDK's default credential chain reads first. */
  private static final List<String> CREDENTIAL_PROPERTIES =
      List.of("aws.accessKeyId", "aws.secretAccessKey");

  private static final String INSTALL_HINT = "pip install \"moto[server]\"";

  private final Supplier<Path> program;
  private final boolean ci;
  private Process process;
  private int port;
  private Path log;
  private final Map<String, String> savedProperties = new HashMap<>();

  /** moto_server from PATH; a missing or broken one fails the build only under {@code CI=true}. */
  public MotoServer() {
    this(() -> ExternalTools.require("moto_server", INSTALL_HINT), ExternalTools.inCi());
  }

  /**
   * @param program finds the moto_server program (skipping or failing the test when missing)
   * @param ci whether a moto_server that does not start fails the test rather than skipping it
   */
  MotoServer(Supplier<Path> program, boolean ci) {
    this.program = program;
    this.ci = ci;
  }

  /**
   * Starts moto_server, and sets the dummy credentials as the system properties the SDK's default
   * chain reads first, so clients built by the code under test (for example from {@code
   * AWS_ENDPOINT_URL}) never look for real credentials. {@link #afterAll} restores them.
   */
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path moto = program.get();
    for (String p : CREDENTIAL_PROPERTIES) {
      savedProperties.put(p, System.getProperty(p));
      System.setProperty(p, "testing");
    }
    port = FreePorts.closedLoopbackPort();
    log = Files.createTempFile("moto-", ".log");
    try {
      process =
          new ProcessBuilder(moto.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      ExternalTools.unavailable(
          moto + " cannot be started (" + e.getMessage() + "); reinstall it with: " + INSTALL_HINT,
          ci);
    }
    awaitReady(Duration.ofSeconds(30));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    savedProperties.forEach(
        (p, value) -> {
          if (value == null) {
            System.clearProperty(p);
          } else {
            System.setProperty(p, value);
          }
        });
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** The emulator's endpoint, for example {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Clears all emulated state (moto's reset API), for tests that need a clean account. */
  public void reset() throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
    c.setRequestMethod("POST");
    c.setConnectTimeout(2000);
    c.setReadTimeout(10000);
    if (c.getResponseCode() != 200) {
      throw new IOException("moto reset answered " + c.getResponseCode());
    }
  }

  /** A CloudWatch client for the emulator. */
  public CloudWatchClient cloudWatch() {
    return client(CloudWatchClient.builder(), REGION);
  }

  /** A Route 53 client for the emulator (global region). */
  public Route53Client route53() {
    return client(Route53Client.builder(), Region.AWS_GLOBAL);
  }

  /** An SNS client for the emulator. */
  public SnsClient sns() {
    return client(SnsClient.builder(), REGION);
  }

  /** An SQS client for the emulator. */
  public SqsClient sqs() {
    return client(SqsClient.builder(), REGION);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, Region region) {
    return builder
        .endpointOverride(endpoint())
        .region(region)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private void awaitReady(Duration timeout) throws Exception {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        ExternalTools.unavailable(
            "moto_server exited early (exit code "
                + process.exitValue()
                + "), so it is installed but does not start; reinstall it with: "
                + INSTALL_HINT
                + "; its output: "
                + Files.readString(log).strip(),
            ci);
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("moto_server not ready after " + timeout + ": " + Files.readString(log));
  }
}
