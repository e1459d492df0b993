package io.firsthop.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EngineBenchTest {
    @Test
    @DisplayName("a tiny run reports every round, counts the pings, and times the baseline on as many events")
    void tinyRun() {
        long interval = 10_000_000L;
        long simulated = 200_000_000L;
        int hosts = 4;
        List<String> progress = new ArrayList<>();
        EngineBench.Result r = EngineBench.run(new EngineBench.Settings(hosts, interval, simulated, 1, 2), progress::add);

        assertEquals(3, progress.size(), "one line per round, warm-up included");
        assertTrue(progress.get(0).startsWith("warm-up 1"), progress.get(0));
        assertEquals(2, r.lan().size());
        assertEquals(2, r.baseline().size());
        // host i starts at (i-1) * interval / hosts and sends up to the end of the run, inclusive
        long pings = 0;
        for (int i = 1; i <= hosts; i++) pings += (simulated - (i - 1) * interval / hosts) / interval + 1;
        assertEquals(pings, r.probesPerRound());
        EngineBench.Round lan = r.lan().get(0);
        EngineBench.Round base = r.baseline().get(0);
        assertEquals(lan.events(), r.lan().get(1).events(), "every round does the same work");
        // eight frame deliveries (four links each way) and one timer per ping, at least
        assertTrue(lan.events() >= 9 * (pings - hosts), lan.events() + " events for " + pings + " pings");
        // 20 pairs deliver 20 frames per microsecond: the baseline rounds up to a whole microsecond
        assertTrue(base.events() >= lan.events() && base.events() < lan.events() + 20, base.events() + " vs " + lan.events());
        assertEquals(simulated, lan.simulatedNanos());
        assertTrue(r.deviceCost() > 0 && r.lanSpeedUp().min() <= r.lanSpeedUp().median() && r.lanSpeedUp().median() <= r.lanSpeedUp().max());
    }

    @Test
    @DisplayName("settings out of range are rejected")
    void settings() {
        assertThrows(IllegalArgumentException.class, () -> new EngineBench.Settings(0, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EngineBench.Settings(1, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EngineBench.Settings(1, 1, 0, 0, 1));
    }

    @Test
    @DisplayName("median of an even count is the mean of the middle two")
    void spread() {
        assertEquals(new EngineBench.Spread(2.5, 1, 9), EngineBench.Spread.of(new double[] {9, 1, 2, 3}));
        assertEquals(new EngineBench.Spread(2, 1, 9), EngineBench.Spread.of(new double[] {9, 1, 2}));
    }
}
