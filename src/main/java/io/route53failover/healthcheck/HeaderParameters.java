package io.route53failover.healthcheck;

import io.route53failover.aws.ParameterReadException;
import io.route53failover.aws.ParameterReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the header values given as {@code {"fromParameter": "/ssm/name"}} ({@link HeaderValue}):
 * each distinct parameter once per call, through a {@link ParameterReader}. {@link TargetList}
 * calls it when the list is loaded and at every refresh, so a rotated token is picked up within
 * {@code TARGETS_REFRESH_SECONDS}.
 */
public final class HeaderParameters {

  private HeaderParameters() {}

  /** Whether any target reads a header value from a parameter. */
  public static boolean anyIn(List<Target> targets) {
    return targets.stream().anyMatch(t -> t instanceof HttpTarget h && h.readsParameters());
  }

  /**
   * {@code targets} with every parameter header value read; the same list when none reads one.
   *
   * @throws TargetConfigException for the first value that cannot be read or is not printable
   *     ASCII, naming the target, the field ({@code headers.<Header>.fromParameter}) and the
   *     parameter, never the value
   */
  public static List<Target> resolve(List<Target> targets, ParameterReader parameters) {
    if (!anyIn(targets)) {
      return targets;
    }
    Map<String, String> read = new HashMap<>();
    List<Target> resolved = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      resolved.add(
          target instanceof HttpTarget http && http.readsParameters()
              ? resolve(http, i, parameters, read)
              : target);
    }
    return List.copyOf(resolved);
  }

  private static HttpTarget resolve(
      HttpTarget http, int index, ParameterReader parameters, Map<String, String> read) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    for (var header : http.headers().entrySet()) {
      HeaderValue value = header.getValue();
      String parameter = value.parameter();
      if (parameter != null) {
        String field = "headers." + header.getKey() + ".fromParameter";
        String text;
        try {
          text = read.computeIfAbsent(parameter, parameters::read);
        } catch (ParameterReadException e) {
          throw problem(http, index, field, e.getMessage());
        }
        String problem = TargetRules.headerValueProblem(text);
        if (problem != null) {
          throw problem(
              http, index, field, "SSM parameter " + parameter + ": the value " + problem);
        }
        value = value.resolved(text);
      }
      headers.put(header.getKey(), value);
    }
    return http.withHeaders(headers);
  }

  private static TargetConfigException problem(
      HttpTarget http, int index, String field, String what) {
    return new TargetConfigException(
        HealthCheckConfig.TARGETS, "\"" + http.name() + "\" (index " + index + ")", field, what);
  }
}
