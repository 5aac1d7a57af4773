package io.route53failover.healthcheck;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A DNS target: healthy when a query for {@code host} of {@code recordType} is answered and the
 * answer meets {@code expectedAnswers} ({@code match} {@code any}: one of them is in the answer;
 * {@code exact}: the sets are equal). Without {@code expectedAnswers}, healthy when the name
 * resolves to at least one record of that type. A CNAME chain is followed for A and AAAA queries.
 *
 * @param name unique target name
 * @param host the DNS name to query, at most 253 characters; required
 * @param recordType {@code A} (default), {@code AAAA} or {@code CNAME}
 * @param resolver the DNS server as {@code ip:port} ({@code [ipv6]:port}; port 53 when left out),
 *     or {@code null} for the system resolver (inside a VPC the Route 53 Resolver, which sees
 *     private hosted zones)
 * @param expectedAnswers 1 to 20 IPv4 addresses (A), IPv6 addresses (AAAA) or names (CNAME), in
 *     canonical form; or {@code null}
 * @param match {@code any} (default) or {@code exact}; only with {@code expectedAnswers}
 * @param timeoutMs bound on the whole lookup in milliseconds, 1 to 60,000; default 3,000
 * @param metricName availability metric name; default {@code <name>_availability}
 * @param maxLatencyMs an answer slower than this (milliseconds, 1 to {@code timeoutMs}) is
 *     unhealthy with reason {@code slow}; or {@code null} for no limit
 * @param retries further tries after a failed probe, 0 to 3; default 0
 */
@JsonIgnoreProperties(value = "type", allowGetters = true) // the type id, read by Target
public record DnsTarget(
    String name,
    String host,
    String recordType,
    String resolver,
    @JsonDeserialize(using = TargetRules.StringListReader.class) List<String> expectedAnswers,
    String match,
    Integer timeoutMs,
    String metricName,
    Integer maxLatencyMs,
    Integer retries)
    implements Target {

  public DnsTarget {
    Objects.requireNonNull(name, "name");
    host = TargetRules.dnsName("host", host);
    recordType = TargetRules.recordType(recordType);
    TargetRules.resolver(resolver);
    expectedAnswers = TargetRules.expectedAnswers(recordType, expectedAnswers);
    match = TargetRules.match(match, expectedAnswers);
    timeoutMs = TargetRules.timeoutMs(timeoutMs);
    metricName = TargetRules.metricName(name, metricName);
    maxLatencyMs = TargetRules.maxLatencyMs(maxLatencyMs, timeoutMs);
    retries = TargetRules.retries(retries);
  }

  @Override
  public String type() {
    return "dns";
  }

  /** The resolver's address, or {@code null} for the system resolver. */
  @JsonIgnore
  public InetSocketAddress resolverAddress() {
    return TargetRules.resolver(resolver);
  }

  /** TTL metric name: {@code <name>_dns_ttl}, in seconds. */
  @JsonIgnore
  public String ttlMetricName() {
    return name + "_dns_ttl";
  }

  @Override
  public List<String> metricNames() {
    return List.of(metricName(), latencyMetricName(), ttlMetricName());
  }
}
