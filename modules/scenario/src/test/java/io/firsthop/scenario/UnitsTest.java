package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Units: durations, rates and loss")
class UnitsTest {
    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({"10s, 10000000000", "250ms, 250000000", "0.1ms, 100000", "2us, 2000", "2µs, 2000", "7ns, 7",
            "1.5s, 1500000000", "5m, 300000000000", "1h, 3600000000000", "0, 0", "0s, 0", "40.95s, 40950000000"})
    @DisplayName("durations take a number and a unit, decimals allowed")
    void durations(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Units.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10 sec", "-1s", "1e3s", "s", "", "0.5ns", "1.0000000001s", "400d", "9999h"})
    @DisplayName("a duration without a unit, with an unknown unit, negative, finer than 1 ns or over a year is refused")
    void badDurations(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(text));
        assertTrue(e.getMessage().contains("'"), e.getMessage());
    }

    @Property
    @Label("formatDuration writes what parseDuration reads back")
    void formatRoundTrips(@ForAll @LongRange(min = 0, max = 86_400_000_000_000L) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertEquals(d, Units.parseDuration(Units.formatDuration(d)));
    }

    @ParameterizedTest(name = "{0} = {1} bit/s")
    @CsvSource({"10Mbps, 10000000", "1Gbps, 1000000000", "2.5gbps, 2500000000", "64kbps, 64000", "100bps, 100"})
    @DisplayName("bit rates use SI prefixes")
    void bitRates(String text, long bps) {
        assertEquals(bps, Units.parseBitRate(text));
    }

    @Test
    @DisplayName("a packet rate is refused where a bit rate is expected, and the other way round, saying why")
    void ratesAreNotMixed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parseBitRate("1000pps")).getMessage().contains("bits per second"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parsePacketRate("10Mbps")).getMessage().contains("packets per second"));
        assertEquals(1000.0, Units.parsePacketRate("1000pps"));
        assertEquals(2000.0, Units.parsePacketRate("2kpps"));
        assertThrows(IllegalArgumentException.class, () -> Units.parsePacketRate("0pps"));
    }

    @Test
    @DisplayName("loss is a percentage or a probability 0..1; 5 is refused with a hint to write 5%")
    void loss() {
        assertEquals(0.005, Units.parseLoss("0.5%"), 1e-12);
        assertEquals(0.005, Units.parseLoss("0.005"), 1e-12);
        assertEquals(1.0, Units.parseLoss("100%"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("5")).getMessage().contains("5%"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("101%"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("-1%"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("NaN"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("lots"));
    }
}
