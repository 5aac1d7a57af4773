package io.route53failover.healthcheck;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.events.EventPublisher;
import io.route53failover.logging.LogEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The target list a warm HealthCheckFunction probes, re-read from its {@link TargetsSource} every
 * {@code TARGETS_REFRESH_SECONDS} and never replaced by a broken one.
 *
 * <p>{@link #current()} re-reads the source when the refresh interval has passed since the last
 * read (successful or not). An unchanged source (same parameter version, same S3 ETag) is not
 * parsed again. A read that fails, or a list the parser rejects, keeps the last good list: it logs
 * one JSON line at ERROR ({@code "message":"targets refresh rejected"}, with {@code source}, {@code
 * keptVersion}, {@code rejectedVersion}, {@code field} and {@code error}, the error naming the
 * source, target, field and problem) and publishes a {@link Action#TARGETS_REJECTED} event ({@code
 * detail-type} {@code Targets Rejected}; {@code reason} the error, {@code oldValue} the version
 * kept, {@code newValue} the version rejected when known). A change is logged at INFO ({@code
 * "message":"targets refreshed"}). Header values given as {@code {"fromParameter": ...}} are read
 * with the list and read again at every refresh, even when the list itself is unchanged ({@code
 * "message":"header parameters refreshed"} when one changed; the values are never logged); a read
 * that fails keeps the last good list the same way. Not thread-safe: one invocation at a time runs in an execution
 * environment.
 */
public final class TargetList {
  private static final Logger LOG = LogManager.getLogger(TargetList.class);

  /**
   * The list in use and the source's version of it.
   *
   * @param targets the targets, at least one
   * @param version the {@link TargetsDocument#version()} they were parsed from
   */
  public record Snapshot(List<Target> targets, String version) {
    public Snapshot {
      targets = List.copyOf(targets);
      Objects.requireNonNull(version, "version");
    }
  }

  private final TargetsSource source;
  private final Duration refresh;
  private final Clock clock;
  private final EventPublisher events;
  private final String actor;
  private final CaBundle caBundle;
  private Snapshot current;
  private Instant lastRead;

  /**
   * @param source where to re-read the list
   * @param initial the list read at start-up
   * @param refresh time between reads, positive
   * @param clock the time source
   * @param events where {@code Targets Rejected} goes
   * @param actor the event's {@code actor}: the function's name, or null
   * @param caBundle the CA bundle loaded at start-up: a list with a {@code caBundle} target is
   *     rejected when it is {@link CaBundle#NONE}
   */
  public TargetList(
      TargetsSource source,
      Snapshot initial,
      Duration refresh,
      Clock clock,
      EventPublisher events,
      String actor,
      CaBundle caBundle) {
    this.source = Objects.requireNonNull(source, "source");
    this.current = Objects.requireNonNull(initial, "initial");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
    this.actor = actor;
    this.caBundle = Objects.requireNonNull(caBundle, "caBundle");
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("refresh must be positive, was " + refresh);
    }
    this.lastRead = clock.instant();
  }

  /**
   * Reads and parses the list at start-up.
   *
   * @param caBundle the CA bundle; with {@link CaBundle#NONE} a target with {@code caBundle: true}
   *     is an error
   * @throws TargetConfigException naming the source, target, field and problem when the source
   *     cannot be read or the list is invalid
   */
  public static Snapshot load(TargetsSource source, CaBundle caBundle) {
    TargetsDocument document =
        source.read(null).orElseThrow(() -> new IllegalStateException("no document without a version"));
    return new Snapshot(parse(source, document, caBundle), document.version());
  }

  /** The list to probe now, re-read first when the refresh interval has passed. */
  public Snapshot current() {
    Instant now = clock.instant();
    if (Duration.between(lastRead, now).compareTo(refresh) >= 0) {
      lastRead = now;
      refresh(now);
    }
    return current;
  }

  private void refresh(Instant now) {
    TargetsDocument document = null;
    try {
      Optional<TargetsDocument> read = source.read(current.version());
      if (read.isEmpty()) {
        rereadHeaderParameters();
        return;
      }
      document = read.get();
      Snapshot next = new Snapshot(parse(source, document, caBundle), document.version());
      LOG.info(
          LogEvent.of("targets refreshed")
              .with("source", source.location().describe())
              .with("oldVersion", current.version())
              .with("version", next.version())
              .with("targets", next.targets().size()));
      current = next;
    } catch (RuntimeException e) {
      String rejected = document == null ? null : document.version();
      LOG.error(
          LogEvent.of("targets refresh rejected")
              .with("source", source.location().describe())
              .with("keptVersion", current.version())
              .with("rejectedVersion", rejected)
              .with("field", e instanceof TargetConfigException c ? c.field() : null)
              .with("error", e.getMessage()));
      events.publish(
          ActionEvent.builder(Action.TARGETS_REJECTED, now)
              .reason(e.getMessage())
              .oldValue(current.version())
              .newValue(rejected)
              .actor(actor)
              .build());
    }
  }

  /**
   * An unchanged list whose headers come from SSM parameters: reads them again, so that a rotated
   * token is used; a failed read throws (the caller keeps the last good list).
   */
  private void rereadHeaderParameters() {
    if (!HeaderParameters.anyIn(current.targets())) {
      return;
    }
    List<Target> next;
    try {
      next = HeaderParameters.resolve(current.targets(), source.parameters());
    } catch (TargetConfigException e) {
      throw withSource(source, current.version(), e);
    }
    if (!next.equals(current.targets())) {
      // no values: only that some changed
      LOG.info(
          LogEvent.of("header parameters refreshed")
              .with("source", source.location().describe())
              .with("version", current.version()));
      current = new Snapshot(next, current.version());
    }
  }

  private static List<Target> parse(
      TargetsSource source, TargetsDocument document, CaBundle caBundle) {
    try {
      List<Target> targets =
          HeaderParameters.resolve(TargetsParser.parse(document.json()), source.parameters());
      caBundle.requireForTargets(targets);
      return targets;
    } catch (TargetConfigException e) {
      throw withSource(source, document.version(), e);
    }
  }

  private static TargetConfigException withSource(
      TargetsSource source, String version, TargetConfigException e) {
    return source.location().kind() == TargetsLocation.Kind.INLINE
        ? e
        : e.withVariable(source.location().describe() + " (" + version + ")");
  }
}
