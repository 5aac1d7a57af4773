package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okio.Buffer;
import okio.ByteString;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expectedBody search: only the first 5,120 bytes count, and no more is read. */
class BodyPrefixTest {

  static final int LIMIT = HttpTarget.BODY_SEARCH_LIMIT_BYTES;

  static boolean search(String body, String wanted) throws IOException {
    return HttpProber.prefixContains(new Buffer().writeUtf8(body), ByteString.encodeUtf8(wanted));
  }

  @ParameterizedTest(name = "wanted at offset {0}")
  @CsvSource({"0, true", "100, true", "5115, true", "5116, false", "6000, false"})
  void findsOnlyMatchesEndingWithinTheLimit(int offset, boolean found) throws IOException {
    // "READY" is 5 bytes: at 5115 it ends exactly at byte 5120
    String body = "x".repeat(offset) + "READY" + "x".repeat(100);

    assertThat(search(body, "READY")).isEqualTo(found);
  }

  @Test
  void shortBodyIsSearchedWhole() throws IOException {
    assertThat(search("status: ok", "ok")).isTrue();
    assertThat(search("status: down", "ok")).isFalse();
    assertThat(search("", "ok")).isFalse();
  }

  @Test
  void matchesUtf8Bytes() throws IOException {
    assertThat(search("état: prêt", "prêt")).isTrue();
  }

  @Test
  void readsNoMoreThanAboutTheLimitFromAnEndlessBody() throws IOException {
    CountingEndlessSource endless = new CountingEndlessSource();

    boolean found = HttpProber.prefixContains(Okio.buffer(endless), ByteString.encodeUtf8("never"));

    assertThat(found).isFalse();
    // a buffered source pulls whole segments (8 KiB) at most once past what was asked
    assertThat(endless.bytesRead).isLessThanOrEqualTo(LIMIT + 8_192L);
  }

  @Test
  void stopsReadingOnceFound() throws IOException {
    CountingEndlessSource endless = new CountingEndlessSource();

    assertThat(HttpProber.prefixContains(Okio.buffer(endless), ByteString.encodeUtf8("aaaa")))
        .isTrue();
    assertThat(endless.bytesRead).isLessThanOrEqualTo(8_192L);
  }

  /** An endless stream of 'a', counting the bytes taken from it. */
  static final class CountingEndlessSource implements Source {
    long bytesRead;

    @Override
    public long read(Buffer sink, long byteCount) {
      long n = Math.min(byteCount, 1_000);
      for (long i = 0; i < n; i++) {
        sink.writeByte('a');
      }
      bytesRead += n;
      return n;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }
}
