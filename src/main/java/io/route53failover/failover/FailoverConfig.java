package io.route53failover.failover;

import java.util.List;

/** FailoverFunction's configuration, read once from the environment and validated at start-up. */
public final class FailoverConfig {

  public static final String PRIMARY_HEALTH_CHECK_ID = "PRIMARY_HEALTH_CHECK_ID";
  public static final String ALLOWED_HEALTH_CHECK_IDS = "ALLOWED_HEALTH_CHECK_IDS";
  public static final String FAILED_OVER_PATH = "FAILED_OVER_PATH";

  /** Every environment variable this function reads. */
  public static final List<String> ENVIRONMENT_VARIABLES =
      List.of(PRIMARY_HEALTH_CHECK_ID, ALLOWED_HEALTH_CHECK_IDS, FAILED_OVER_PATH);

  public static final String DEFAULT_FAILED_OVER_PATH = "/lb-check-failed-over";

  private FailoverConfig() {}
}
