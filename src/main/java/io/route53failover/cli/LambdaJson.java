package io.route53failover.cli;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.joda.time.DateTime;

/**
 * JSON as the Lambda Java runtime reads events and writes responses, for the two event types this
 * project's functions take, with the project's own Jackson instead of the runtime's serialization
 * library (aws-lambda-java-serialization 1.2.0), which on Lambda is part of the runtime and here
 * would add 2.6 MB and some 800 classes to the jar.
 *
 * <p>Matches that library's settings for these types: unknown properties ignored, {@code null}
 * fields left out of responses, {@code ScheduledEvent.detailType} read from {@code detail-type},
 * {@link SNSEvent} and its parts in PascalCase ({@code Records}, {@code Sns}, {@code MessageId},
 * …), and Joda {@link DateTime}s parsed with {@link DateTime#parse(String)} (ISO-8601, offset kept)
 * and written as ISO-8601. {@code LambdaJsonTest} checks the result against the library itself on
 * the sample events.
 */
final class LambdaJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.USE_STD_BEAN_NAMING)
          .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
          .addMixIn(SNSEvent.class, SnsEventNames.class)
          .addMixIn(SNSEvent.SNSRecord.class, SnsRecordNames.class)
          .addMixIn(SNSEvent.SNS.class, PascalCase.class)
          .addMixIn(SNSEvent.MessageAttribute.class, PascalCase.class)
          .addModule(
              new SimpleModule("joda-datetime")
                  .addDeserializer(DateTime.class, new DateTimeReader())
                  .addSerializer(DateTime.class, new DateTimeWriter()))
          .build();

  private LambdaJson() {}

  /**
   * Reads an event of {@code type} ({@link ScheduledEvent} or {@link SNSEvent}).
   *
   * @throws IOException when {@code json} is not JSON or does not fit the type
   */
  static <T> T readEvent(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  /** A handler's response as the runtime returns it: JSON, nulls left out. */
  static String writeResponse(Object response) {
    try {
      return MAPPER.writeValueAsString(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private abstract static class ScheduledEventNames {
    @JsonProperty("detail-type")
    abstract String getDetailType();

    @JsonProperty("detail-type")
    abstract void setDetailType(String detailType);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  private abstract static class PascalCase {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  private abstract static class SnsEventNames {
    @JsonProperty("Records")
    abstract List<SNSEvent.SNSRecord> getRecords();

    @JsonProperty("Records")
    abstract void setRecords(List<SNSEvent.SNSRecord> records);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  private abstract static class SnsRecordNames {
    @JsonProperty("Sns")
    abstract SNSEvent.SNS getSNS();

    @JsonProperty("Sns")
    abstract void setSns(SNSEvent.SNS sns);
  }

  private static final class DateTimeReader extends JsonDeserializer<DateTime> {
    @Override
    public DateTime deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        return null;
      }
      try {
        return DateTime.parse(text);
      } catch (IllegalArgumentException e) {
        throw ctx.weirdStringException(text, DateTime.class, "not an ISO-8601 date-time");
      }
    }
  }

  private static final class DateTimeWriter extends JsonSerializer<DateTime> {
    @Override
    public void serialize(DateTime value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.toString());
    }
  }
}
