package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.route53failover.events.Action;
import io.route53failover.events.ActionEvent;
import io.route53failover.testing.CapturedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TargetList}: when it re-reads, what it keeps, what it reports. */
class TargetListTest {
  private static final TargetsLocation LOCATION =
      new TargetsLocation(TargetsLocation.Kind.S3, "s3://b/targets.json");

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** A source whose next answer the test sets; counts reads and remembers the version asked. */
  private static final class FakeSource implements TargetsSource {
    TargetsDocument document;
    RuntimeException failure;
    int reads;
    String lastKnown;

    @Override
    public TargetsLocation location() {
      return LOCATION;
    }

    @Override
    public Optional<TargetsDocument> read(String knownVersion) {
      reads++;
      lastKnown = knownVersion;
      if (failure != null) {
        throw failure;
      }
      return document.version().equals(knownVersion) ? Optional.empty() : Optional.of(document);
    }
  }

  private static String tcp(String name) {
    return "[{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1}]";
  }

  private final MutableClock clock = new MutableClock();
  private final FakeSource source = new FakeSource();
  private final List<ActionEvent> events = new ArrayList<>();

  private TargetList list() {
    source.document = new TargetsDocument(tcp("a"), "etag \"1\"");
    TargetList.Snapshot initial = TargetList.load(source, CaBundle.NONE);
    source.reads = 0;
    return new TargetList(source, initial, Duration.ofSeconds(300), clock, events::add, "fn", CaBundle.NONE);
  }

  @Test
  void readsOnlyOnceTheIntervalHasPassedAndPassesTheVersionHeld() {
    TargetList list = list();
    clock.now = clock.now.plusSeconds(299);
    assertThat(list.current().version()).isEqualTo("etag \"1\"");
    assertThat(source.reads).isZero();

    clock.now = clock.now.plusSeconds(1);
    source.document = new TargetsDocument(tcp("b"), "etag \"2\"");
    assertThat(list.current().targets()).extracting(Target::name).containsExactly("b");
    assertThat(source.reads).isEqualTo(1);
    assertThat(source.lastKnown).isEqualTo("etag \"1\"");

    // the next read is an interval after this one
    assertThat(list.current().version()).isEqualTo("etag \"2\"");
    assertThat(source.reads).isEqualTo(1);
    assertThat(events).isEmpty();
  }

  @Test
  void anInvalidListIsRejectedLoggedAndReportedAndTheLastGoodOneKept() {
    TargetList list = list();
    TargetList.Snapshot good = list.current();
    source.document = new TargetsDocument(tcp("a").replace("\"port\":1", "\"port\":0"), "etag \"2\"");
    clock.now = clock.now.plusSeconds(300);
    try (CapturedLog log = new CapturedLog(TargetList.class)) {
      assertThat(list.current()).isEqualTo(good);
      assertThat(log.fields())
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .containsEntry("level", "ERROR")
                      .containsEntry("message", "targets refresh rejected")
                      .containsEntry("source", "TARGETS_S3_URI s3://b/targets.json")
                      .containsEntry("keptVersion", "etag \"1\"")
                      .containsEntry("rejectedVersion", "etag \"2\"")
                      .containsEntry("field", "port")
                      .containsEntry(
                          "error",
                          "TARGETS_S3_URI s3://b/targets.json (etag \"2\"): target \"a\" (index 0):"
                              + " field \"port\": must be 1-65535, was 0"));
    }
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(Action.TARGETS_REJECTED);
              assertThat(e.oldValue()).isEqualTo("etag \"1\"");
              assertThat(e.newValue()).isEqualTo("etag \"2\"");
              assertThat(e.actor()).isEqualTo("fn");
              assertThat(e.time()).isEqualTo(clock.now);
              assertThat(e.reason()).endsWith("must be 1-65535, was 0");
            });

    // fixed: taken at the next interval
    source.document = new TargetsDocument(tcp("c"), "etag \"3\"");
    clock.now = clock.now.plusSeconds(300);
    assertThat(list.current().version()).isEqualTo("etag \"3\"");
  }

  @Test
  void aRefreshToACaBundleTargetWithoutABundleIsRejectedAndAcceptedWithOne() {
    String caBundleTarget = "[{\"name\":\"pki\",\"type\":\"https\",\"url\":\"https://h/\",\"caBundle\":true}]";
    TargetList list = list();
    source.document = new TargetsDocument(caBundleTarget, "etag \"2\"");
    clock.now = clock.now.plusSeconds(300);
    assertThat(list.current().version()).isEqualTo("etag \"1\"");
    assertThat(events)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.reason())
                    .isEqualTo(
                        "TARGETS_S3_URI s3://b/targets.json (etag \"2\"): target \"pki\" (index 0):"
                            + " field \"caBundle\": is true but CA_BUNDLE_PARAMETER is not set; set it"
                            + " to the SSM parameter holding the PEM CA certificates, or remove"
                            + " caBundle"));

    CaBundle bundle = CaBundleTest.bundle();
    TargetList withBundle =
        new TargetList(
            source, new TargetList.Snapshot(List.of(), "etag \"1\""), Duration.ofSeconds(300),
            clock, events::add, "fn", bundle);
    clock.now = clock.now.plusSeconds(300);
    assertThat(withBundle.current().version()).isEqualTo("etag \"2\"");
    assertThat(TargetList.load(source, bundle).targets()).hasSize(1);
  }

  @Test
  void aFailedReadKeepsTheLastGoodListAndIsReportedWithoutARejectedVersion() {
    TargetList list = list();
    source.failure = new TargetConfigException(LOCATION.describe(), null, null, "S3 GetObject NoSuchKey");
    clock.now = clock.now.plusSeconds(300);
    assertThat(list.current().version()).isEqualTo("etag \"1\"");
    assertThat(events).singleElement().satisfies(e -> assertThat(e.newValue()).isNull());
    assertThat(events.getFirst().reason())
        .isEqualTo("TARGETS_S3_URI s3://b/targets.json: S3 GetObject NoSuchKey");
  }

  @Test
  void aColdStartOnAnInvalidListFailsNamingTheSource() {
    source.document = new TargetsDocument("[]", "version 4");
    assertThatThrownBy(() -> TargetList.load(source, CaBundle.NONE))
        .isInstanceOf(TargetConfigException.class)
        .hasMessage(
            "TARGETS_S3_URI s3://b/targets.json (version 4): must contain at least one target,"
                + " was an empty array");
  }

  @Test
  void theIntervalMustBePositive() {
    TargetList.Snapshot s = new TargetList.Snapshot(List.of(), "inline");
    assertThatThrownBy(() -> new TargetList(source, s, Duration.ZERO, clock, e -> {}, null, CaBundle.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInlineSourceNeverChangesAndKeepsTheParsersMessage() {
    InlineTargetsSource inline =
        new InlineTargetsSource(new TargetsLocation(TargetsLocation.Kind.INLINE, "[]"));
    assertThat(inline.read("inline")).isEmpty();
    assertThatThrownBy(() -> TargetList.load(inline, CaBundle.NONE))
        .hasMessage("TARGETS: must contain at least one target, was an empty array");
  }
}
