package io.route53failover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class MotoServerIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @Test
  void emulatorAcceptsAndListsAMetric() {
    try (CloudWatchClient cw = MOTO.cloudWatch()) {
      cw.putMetricData(
          r ->
              r.namespace("MotoServerIT")
                  .metricData(
                      MetricDatum.builder().metricName("m").value(1.0).unit(StandardUnit.COUNT).build()));
      assertThat(cw.listMetrics(r -> r.namespace("MotoServerIT")).metrics())
          .extracting(m -> m.metricName())
          .contains("m");
    }
  }
}
