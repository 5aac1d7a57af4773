package io.route53failover.bench.detection;

/**
 * One published availability datum of one target.
 *
 * @param timestamp the datum's own timestamp (when the sample started), seconds on the model's
 *     clock; its period is {@code floor(timestamp / 60)}
 * @param value 1 healthy, 0 not
 * @param available when CloudWatch's alarm evaluation can see it: PutMetricData done plus
 *     ingestion
 */
public record Sample(double timestamp, double value, double available) {

  /** The 60 s period (clock minute) the datum belongs to. */
  public long period() {
    return (long) Math.floor(timestamp / 60.0);
  }
}
