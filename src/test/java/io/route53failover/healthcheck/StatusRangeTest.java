package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusRangeTest {

  @ParameterizedTest
  @CsvSource({"200, 200, 200", "200-299, 200, 299", "100-599, 100, 599", "302-302, 302, 302"})
  void parsesCodesAndRanges(String spec, int min, int max) {
    assertThat(StatusRange.parse(spec)).isEqualTo(new StatusRange(min, max));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2xx",
        "20",
        "2000",
        "200-",
        "-299",
        "200 - 299",
        " 200",
        "200,204",
        "٢٠٠",
        "099",
        "600",
        "200-600",
        "299-200"
      })
  void rejectsAnythingElse(String spec) {
    assertThatThrownBy(() -> StatusRange.parse(spec)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"199, false", "200, true", "302, true", "399, true", "400, false", "503, false"})
  void defaultIsAny2xxOr3xx(int status, boolean matches) {
    assertThat(StatusRange.DEFAULT.matches(status)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"199, false", "200, true", "204, true", "205, false"})
  void rangeBoundsAreInclusive(int status, boolean matches) {
    assertThat(new StatusRange(200, 204).matches(status)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"200, 200, 200", "200, 299, 200-299"})
  void printsAsItIsWritten(int min, int max, String text) {
    assertThat(new StatusRange(min, max)).hasToString(text);
  }
}
