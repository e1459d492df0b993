package io.firsthop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

class UnitsTest {
    @Property
    @Label("nanoseconds as decimal seconds and milliseconds are exact and read back to the same nanoseconds")
    void exactDecimals(@ForAll long ns) {
        assertEquals(BigDecimal.valueOf(ns, 9).stripTrailingZeros().toPlainString(), Units.seconds(ns));
        assertEquals(BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString(), Units.ms(ns));
        assertEquals(ns, Units.secondsToNs(new BigDecimal(Units.seconds(ns))));
        assertEquals(ns, Units.msToNs(new BigDecimal(Units.ms(ns))));
    }
}
