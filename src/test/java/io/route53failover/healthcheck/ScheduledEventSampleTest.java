package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

/** events/scheduled-event.json is the EventBridge scheduled event as AWS sends it. */
class ScheduledEventSampleTest {
  static final Path SAMPLE =
      Path.of(System.getProperty("route53failover.basedir", "."), "events", "scheduled-event.json");

  private static void assertDocumentedFields(ScheduledEvent event) {
    assertThat(event.getVersion()).isEqualTo("0");
    assertThat(event.getId()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
    assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
    assertThat(event.getSource()).isEqualTo("aws.events");
    assertThat(event.getAccount()).isEqualTo("123456789012");
    assertThat(event.getTime()).isEqualTo(new DateTime(2015, 10, 8, 16, 53, 6, DateTimeZone.UTC));
    assertThat(event.getRegion()).isEqualTo("us-east-1");
    assertThat(event.getResources())
        .containsExactly("arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule");
    assertThat(event.getDetail()).isEqualTo(Map.of());
  }

  @Test
  void loadsWithEventLoader() {
    assertDocumentedFields(EventLoader.loadScheduledEvent(SAMPLE.toAbsolutePath().toString()));
  }

  @Test
  void loadsWithTheLambdaRuntimeSerializerTheCliUses() throws Exception {
    try (InputStream in = Files.newInputStream(SAMPLE)) {
      assertDocumentedFields(
          LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader()).fromJson(in));
    }
  }
}
