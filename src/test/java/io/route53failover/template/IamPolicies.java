package io.route53failover.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the least-privilege check of the translated template needs to know about IAM beyond the
 * template itself: the statements of the AWS managed policies SAM attaches, and the actions this
 * project accepts on {@code Resource: "*"}, each with its reason.
 *
 * <p>Sources: the AWS Managed Policy Reference (AWSLambdaBasicExecutionRole;
 * AWSLambdaVPCAccessExecutionRole, policy version v3 of 2024-01-05) and the Service Authorization
 * Reference, whose "Actions defined by ..." tables leave the resource-type column empty for actions
 * without resource-level permissions. The Lambda Developer Guide (VPC configuration) states that
 * ec2:DescribeNetworkInterfaces only works on "*".
 */
final class IamPolicies {
  private IamPolicies() {}

  /** One statement of a managed policy: Allow {@code actions} on {@code Resource: "*"}. */
  record ManagedStatement(List<String> actions) {}

  static final String BASIC_EXECUTION =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  static final String VPC_ACCESS_EXECUTION =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";

  /** The managed policies SAM may attach, by ARN, with their statements (all on "*"). */
  static final Map<String, ManagedStatement> MANAGED =
      Map.of(
          BASIC_EXECUTION,
          new ManagedStatement(
              List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")),
          VPC_ACCESS_EXECUTION,
          new ManagedStatement(
              List.of(
                  "logs:CreateLogGroup",
                  "logs:CreateLogStream",
                  "logs:PutLogEvents",
                  "ec2:CreateNetworkInterface",
                  "ec2:DescribeNetworkInterfaces",
                  "ec2:DescribeSubnets",
                  "ec2:DeleteNetworkInterface",
                  "ec2:AssignPrivateIpAddresses",
                  "ec2:UnassignPrivateIpAddresses")));

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
   * Actions that do support resource ARNs but are granted on "*" by the AWS managed policies SAM
   * attaches to the roles it generates (AWSLambdaBasicExecutionRole to every one,
   * AWSLambdaVPCAccessExecutionRole to a function with VpcConfig). These are the known gaps to
   * least privilege: closing them means giving both functions explicit roles that write logs only
   * to their own log group and manage ENIs only in the configured subnets and security groups
   * (see RELIABILITY.md). The check fails when this set changes either way.
   */
  static final Set<String> KNOWN_GAPS_FROM_MANAGED_POLICIES =
      Set.of(
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses");
}
