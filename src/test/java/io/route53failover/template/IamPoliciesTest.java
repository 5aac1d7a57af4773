package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IamPoliciesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*",
        "arn:aws:route53:::healthcheck/${PrimaryHealthCheckId}",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*",
        "arn:aws:sqs:us-east-1:123456789012:queue"
      })
  void scopedArnsPass(String arn) {
    assertThat(IamPolicies.wildcardOnlyInResourceId(arn)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:ec2:*:${AWS::AccountId}:network-interface/*",
        "arn:aws:ec2:${AWS::Region}:*:subnet/*",
        "arn:*:ec2:us-east-1:123456789012:subnet/*",
        "arn:aws:*:us-east-1:123456789012:thing",
        "arn:aws:ec2:us-east-1:123456789012:*",
        "arn:aws:ec2:us-east-1:123456789012:",
        "arn:aws:ec2:us-east-1:1234567890?2:subnet/x",
        "arn:aws:ec2"
      })
  void wildcardsOutsideTheResourceIdFail(String arn) {
    assertThat(IamPolicies.wildcardOnlyInResourceId(arn)).isFalse();
  }
}
