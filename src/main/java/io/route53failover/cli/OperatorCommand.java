package io.route53failover.cli;

import io.route53failover.aws.AwsClients;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.EventBridgeEventPublisher;
import io.route53failover.failover.GateTags;
import io.route53failover.operator.CloudWatchRecoverySource;
import io.route53failover.operator.RecoveryCheck;
import io.route53failover.operator.StsCallerIdentity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the operator-control commands ({@code arm}, {@code disarm}, {@code lock}, {@code failback},
 * {@code status}) share besides {@link HealthCheckCommand}: {@code --region} and {@code
 * --alarm-name}, the caller's identity (STS GetCallerIdentity), the node alarm's evidence
 * (CloudWatch), and one event per action on the default EventBridge bus. The clients are built on
 * first use from the environment and {@code --endpoint-url}, and closed when the command ends.
 */
abstract class OperatorCommand extends HealthCheckCommand {

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Region of the node alarm and of the EventBridge bus (default: AWS_REGION, else the"
              + " SDK's default).")
  String region;

  @Option(
      names = "--alarm-name",
      paramLabel = "NAME",
      description =
          "The protected node's availability alarm (default: the health check's tag "
              + GateTags.ALARM_NAME
              + ").")
  String alarmName;

  private CloudWatchClient cloudWatch;
  private EventBridgeClient eventBridge;
  private String actor;

  /** Production: the process environment and AWS clients. */
  OperatorCommand() {}

  @Override
  public Integer call() throws Exception {
    try {
      return super.call();
    } finally {
      if (cloudWatch != null) {
        cloudWatch.close();
      }
      if (eventBridge != null) {
        eventBridge.close();
      }
    }
  }

  /** The environment for the regional clients: {@code --region} and {@code --endpoint-url}. */
  Map<String, String> clientEnvironment() {
    Map<String, String> e = new HashMap<>(env());
    if (region != null) {
      e.put(AwsClients.AWS_REGION, region);
    }
    if (aws.endpointUrl != null) {
      String url = aws.endpointUrl.toString();
      e.put(AwsClients.AWS_ENDPOINT_URL_CLOUDWATCH, url);
      e.put(AwsClients.AWS_ENDPOINT_URL_EVENTBRIDGE, url);
      e.put(AwsClients.AWS_ENDPOINT_URL_STS, url);
    }
    return e;
  }

  /** {@code --alarm-name}, else the tag {@value GateTags#ALARM_NAME}, else {@code null}. */
  String alarmName(Map<String, String> tags) {
    return alarmName != null ? alarmName : tags.get(GateTags.ALARM_NAME);
  }

  /** The node alarm's evidence, read now (DescribeAlarms, GetMetricData). */
  RecoveryCheck recoveryCheck() {
    if (cloudWatch == null) {
      cloudWatch = AwsClients.newCloudWatchClient(clientEnvironment());
    }
    return new RecoveryCheck(new CloudWatchRecoverySource(cloudWatch), Clock.systemUTC());
  }

  /** The node alarm's state source. */
  CloudWatchRecoverySource alarms() {
    if (cloudWatch == null) {
      cloudWatch = AwsClients.newCloudWatchClient(clientEnvironment());
    }
    return new CloudWatchRecoverySource(cloudWatch);
  }

  /**
   * The caller's ARN (STS GetCallerIdentity), asked once.
   *
   * @throws io.route53failover.operator.CallerIdentityException when STS cannot tell; the command
   *     then stops before it changes anything
   */
  String actor() {
    if (actor == null) {
      try (StsClient sts = StsCallerIdentity.newClient(clientEnvironment())) {
        actor = new StsCallerIdentity(sts).arn();
      }
    }
    return actor;
  }

  /** Publishes {@code event} on the default bus; a failure is logged, never thrown. */
  void publish(ActionEvent event) {
    new EventBridgeEventPublisher(
            () -> {
              if (eventBridge == null) {
                eventBridge = AwsClients.newEventBridgeClient(clientEnvironment());
              }
              return eventBridge;
            })
        .publish(event);
  }

  /** The node name from the tags, for events. */
  static String node(Map<String, String> tags) {
    return tags.get(GateTags.NODE);
  }
}
