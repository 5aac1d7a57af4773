package io.route53failover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OriginalPathTagTest {

  @Test
  void plainPathsAreStoredAsTheyAre() {
    assertThat(OriginalPathTag.encode("/health")).contains("/health");
    assertThat(OriginalPathTag.encode("/a_b.c-d/e+f@g:h")).contains("/a_b.c-d/e+f@g:h");
  }

  @Test
  void otherCharactersAreEscapedAsUtf8Bytes() {
    assertThat(OriginalPathTag.encode("/health?full=1&x=%20"))
        .contains("/health=3Ffull=3D1=26x=3D=2520");
    assertThat(OriginalPathTag.encode("/café")).contains("/caf=C3=A9");
  }

  @Test
  void noPathIsTheEmptyValue() {
    assertThat(OriginalPathTag.encode(null)).contains("");
    assertThat(OriginalPathTag.encode("")).contains("");
    assertThat(OriginalPathTag.decode("")).isNull();
  }

  @Test
  void encodedValueOverRoute53sLimitIsNotRecorded() {
    assertThat(OriginalPathTag.encode("/" + "a".repeat(255))).isPresent();
    assertThat(OriginalPathTag.encode("/" + "?".repeat(100))).isEmpty();
  }

  @Test
  void decodeReversesEncode() {
    Random random = new Random(42);
    String alphabet = "abcXYZ019/_.:+-@?&=%#~!$'()*,;[] é€";
    for (int n = 0; n < 500; n++) {
      StringBuilder path = new StringBuilder("/");
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        path.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String p = path.toString();
      String encoded = OriginalPathTag.encode(p).orElseThrow();
      assertThat(encoded).matches("[A-Za-z0-9_.:/+\\-@=]*");
      assertThat(OriginalPathTag.decode(encoded)).isEqualTo(p);
    }
  }

  @Test
  void decodeRejectsValuesItDidNotWrite() {
    assertThatThrownBy(() -> OriginalPathTag.decode("/a=4"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginalPathTag.decode("/a=ZZ"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginalPathTag.decode("/a?b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginalPathTag.decode("/=C3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEdgesOfTheLetterAndDigitRangesAreStoredAsTheyAreAndTheirNeighboursEscaped() {
    assertThat(OriginalPathTag.encode("/azAZ09")).contains("/azAZ09");
    assertThat(OriginalPathTag.encode("/`{[")).contains("/=60=7B=5B");
    assertThat(OriginalPathTag.decode("/=60=7B=5B")).isEqualTo("/`{[");
  }
}
