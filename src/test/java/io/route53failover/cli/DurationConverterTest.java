package io.route53failover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest
  @CsvSource({
    "300s, 300000",
    "5m, 300000",
    "PT5M, 300000",
    "pt5m, 300000",
    "PT1M30S, 90000",
    "1.5m, 90000",
    "500ms, 500",
    "1h, 3600000",
    "' 10s ', 10000",
    "10S, 10000"
  })
  void parses(String text, long millis) {
    assertThat(converter.convert(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"300", "", "5 m", "5min", "-5s", "s", "P1D", "PTxS", "1e3s", "5m30s"})
  void refusesWhatIsNotADurationWithAUnit(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("is not a duration")
        .hasMessageContaining("300s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "PT0S", "PT-5S", "0.0001s"})
  void refusesZeroAndNegative(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("must be a positive duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999h", "PT99999999999999999H"})
  void refusesAbsurdlyLongDurations(String text) {
    assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class);
  }
}
