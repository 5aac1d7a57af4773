package io.route53failover.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * CloudWatch's AWS Query wire format (API version 2010-08-01), which the SDK 2.40.2 client speaks:
 * the PutMetricData response, the {@code ErrorResponse} document of a 4xx/5xx answer (as AWS shows
 * it for {@code Throttling}: {@code Error/Type}, {@code Code}, {@code Message}, then {@code
 * RequestId}), and the metric names in a (possibly gzipped) form-encoded request body.
 */
final class CloudWatchWire {
  static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private CloudWatchWire() {}

  static ResponseDefinitionBuilder putMetricDataOk() {
    return xml(
        200,
        "<PutMetricDataResponse xmlns=\""
            + NS
            + "\"><ResponseMetadata><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ResponseMetadata></PutMetricDataResponse>");
  }

  /** An error answer; {@code type} is {@code Sender} (4xx) or {@code Receiver} (5xx). */
  static ResponseDefinitionBuilder error(int status, String type, String code, String message) {
    return xml(
        status,
        "<ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>"
            + type
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ErrorResponse>");
  }

  static ResponseDefinitionBuilder throttling() {
    return error(400, "Sender", "Throttling", "Rate exceeded");
  }

  static ResponseDefinitionBuilder internalFailure() {
    return error(500, "Receiver", "InternalFailure", "The request processing has failed");
  }

  private static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body);
  }

  /**
   * The request body. The SDK gzips large PutMetricData bodies ({@code Content-Encoding: gzip},
   * the operation's requestCompression trait); WireMock may hand them over compressed or not.
   */
  static String body(Request request) {
    byte[] bytes = request.getBody();
    if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The {@code MetricData.member.N.MetricName} values of a PutMetricData body, in order. */
  static List<String> metricNames(String body) {
    List<String> names = new ArrayList<>();
    for (String parameter : body.split("&")) {
      int eq = parameter.indexOf('=');
      String key = URLDecoder.decode(parameter.substring(0, eq), StandardCharsets.UTF_8);
      if (key.startsWith("MetricData.member.") && key.endsWith(".MetricName")) {
        names.add(URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return names;
  }
}
