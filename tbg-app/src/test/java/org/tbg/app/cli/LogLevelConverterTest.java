package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class LogLevelConverterTest {
    private final LogLevelConverter converter = new LogLevelConverter();

    // syslog severities, as ckpool's -l takes them: 3 err, 4 warning, 5 notice, 6 info, 7 debug
    @ParameterizedTest
    @CsvSource({
        "7, DEBUG", "6, INFO", "5, INFO", "4, WARN", "3, ERROR", "0, ERROR",
        "debug, DEBUG", "INFO, INFO", "warn, WARN", "warning, WARN", "Error, ERROR", "trace, TRACE",
    })
    void acceptsNamesAndCkpoolNumbers(String value, String level) {
        assertThat(converter.convert(value)).isEqualTo(Level.toLevel(level));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "-1", "loud", ""})
    void rejectsTheRest(String value) {
        assertThatThrownBy(() -> converter.convert(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a log level");
    }
}
