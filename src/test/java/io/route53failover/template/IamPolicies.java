package io.route53failover.template;

import java.util.Map;

/**
 * What the least-privilege check of the translated template needs to know about IAM beyond the
 * template itself: the actions this project accepts on {@code Resource: "*"}, each with its reason,
 * and what a scoped ARN looks like.
 *
 * <p>Sources: the Service Authorization Reference, whose "Actions defined by ..." tables leave the
 * resource-type column empty for actions without resource-level permissions, and the Lambda
 * Developer Guide (VPC configuration), which states that ec2:DescribeNetworkInterfaces only works
 * on "*".
 */
final class IamPolicies {
  private IamPolicies() {}

  /** Actions without any resource type: "*" is the only Resource they accept. */
  static final Map<String, String> NO_RESOURCE_TYPE =
      Map.of(
          "cloudwatch:PutMetricData",
          "no resource type; scoped by the cloudwatch:namespace condition instead",
          "ec2:DescribeNetworkInterfaces",
          "no resource type (Describe*); Lambda manages the function's ENIs with it",
          "ec2:DescribeSubnets",
          "no resource type (Describe*); Lambda manages the function's ENIs with it");

  /**
   * Whether {@code arn} ({@code arn:partition:service:region:account:resource}, possibly with
   * {@code ${...}} substitutions) has wildcards only in its resource part, so that it cannot reach
   * another service, region or account.
   */
  static boolean wildcardOnlyInResourceId(String arn) {
    // ${AWS::Region} and the like hold "::"; they stand for one fixed value each
    String[] parts = arn.replaceAll("\\$\\{[^}]*}", "VAR").split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (parts[i].contains("*") || parts[i].contains("?")) {
        return false;
      }
    }
    // "*" alone would not even name the resource type
    return !parts[5].isEmpty() && !parts[5].startsWith("*");
  }
}
