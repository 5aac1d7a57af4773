package io.route53failover.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets the system properties the SDK's default credential chain reads first to dummy keys for a
 * test class, so in-process clients talk to loopback emulators and never find real credentials;
 * clears them afterwards. Use with {@code @ExtendWith(DummyCredentials.class)} in classes that talk
 * to WireMock; {@link MotoServer} does the same for the classes that use it.
 */
public final class DummyCredentials implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
