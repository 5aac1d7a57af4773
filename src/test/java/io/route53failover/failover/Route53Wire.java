package io.route53failover.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.UUID;

/**
 * Route 53's REST-XML wire format (API version 2013-04-01), for serving from WireMock: response
 * bodies of GetHealthCheck, UpdateHealthCheck, ListTagsForResource and ChangeTagsForResource, and
 * the {@code ErrorResponse} document Route 53 sends with 4xx/5xx answers.
 */
final class Route53Wire {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private Route53Wire() {}

  static String healthCheckPath(String id) {
    return "/2013-04-01/healthcheck/" + id;
  }

  static String tagsPath(String id) {
    return "/2013-04-01/tags/healthcheck/" + id;
  }

  /** A GetHealthCheckResponse or UpdateHealthCheckResponse for an HTTPS health check. */
  static ResponseDefinitionBuilder healthCheck(
      String element, String id, String resourcePath, long version) {
    String path = resourcePath == null ? "" : "<ResourcePath>" + resourcePath + "</ResourcePath>";
    return xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<"
            + element
            + " xmlns=\""
            + NS
            + "\"><HealthCheck>"
            + "<Id>"
            + id
            + "</Id>"
            + "<CallerReference>primary-https-check</CallerReference>"
            + "<HealthCheckConfig>"
            + "<Port>443</Port><Type>HTTPS</Type>"
            + path
            + "<FullyQualifiedDomainName>primary.example.com</FullyQualifiedDomainName>"
            + "<RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold>"
            + "<MeasureLatency>false</MeasureLatency><Inverted>false</Inverted>"
            + "<Disabled>false</Disabled><EnableSNI>true</EnableSNI>"
            + "</HealthCheckConfig>"
            + "<HealthCheckVersion>"
            + version
            + "</HealthCheckVersion>"
            + "</HealthCheck></"
            + element
            + ">");
  }

  /** A {@code CALCULATED} gate with one child, as GetHealthCheck/UpdateHealthCheck answer it. */
  static ResponseDefinitionBuilder gate(
      String element, String id, int threshold, String child, long version) {
    return xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
            + element
            + " xmlns=\""
            + NS
            + "\"><HealthCheck><Id>"
            + id
            + "</Id><CallerReference>gate</CallerReference><HealthCheckConfig>"
            + "<Type>CALCULATED</Type><Inverted>false</Inverted><Disabled>false</Disabled>"
            + "<HealthThreshold>"
            + threshold
            + "</HealthThreshold><ChildHealthChecks><ChildHealthCheck>"
            + child
            + "</ChildHealthCheck></ChildHealthChecks></HealthCheckConfig><HealthCheckVersion>"
            + version
            + "</HealthCheckVersion></HealthCheck></"
            + element
            + ">");
  }

  static ResponseDefinitionBuilder getHealthCheck(String id, String resourcePath, long version) {
    return healthCheck("GetHealthCheckResponse", id, resourcePath, version);
  }

  static ResponseDefinitionBuilder updateHealthCheck(String id, String resourcePath, long version) {
    return healthCheck("UpdateHealthCheckResponse", id, resourcePath, version);
  }

  /** A ListTagsForResourceResponse with at most one tag ({@code key} null for none). */
  static ResponseDefinitionBuilder tags(String id, String key, String value) {
    String tags =
        key == null ? "" : "<Tag><Key>" + key + "</Key><Value>" + value + "</Value></Tag>";
    return xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<ListTagsForResourceResponse xmlns=\""
            + NS
            + "\"><ResourceTagSet>"
            + "<ResourceType>healthcheck</ResourceType><ResourceId>"
            + id
            + "</ResourceId>"
            + "<Tags>"
            + tags
            + "</Tags>"
            + "</ResourceTagSet></ListTagsForResourceResponse>");
  }

  static ResponseDefinitionBuilder tagsChanged() {
    return xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<ChangeTagsForResourceResponse xmlns=\""
            + NS
            + "\"/>");
  }

  /**
   * Route 53's error document: {@code ErrorResponse/Error/(Type, Code, Message)} and {@code
   * RequestId}.
   */
  static ResponseDefinitionBuilder error(int status, String type, String code, String message) {
    return xml(
        status,
        "<?xml version=\"1.0\"?>\n"
            + "<ErrorResponse xmlns=\""
            + NS
            + "\"><Error>"
            + "<Type>"
            + type
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message>"
            + "</Error><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ErrorResponse>");
  }

  static ResponseDefinitionBuilder versionMismatch() {
    return error(
        409,
        "Sender",
        "HealthCheckVersionMismatch",
        "The value of HealthCheckVersion in the request doesn't match the value of"
            + " HealthCheckVersion in the health check.");
  }

  static ResponseDefinitionBuilder throttling() {
    return error(400, "Sender", "Throttling", "Rate exceeded");
  }

  static ResponseDefinitionBuilder priorRequestNotComplete() {
    return error(
        400,
        "Sender",
        "PriorRequestNotComplete",
        "The request was rejected because Route 53 was still processing a prior request.");
  }

  static ResponseDefinitionBuilder internalFailure() {
    return error(500, "Receiver", "InternalFailure", "An internal error occurred.");
  }

  private static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amz-request-id", UUID.randomUUID().toString())
        .withBody(body);
  }
}
