package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.VrrpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.VrrpLab.MS;
import static io.firsthop.sim.fhrp.VrrpLab.S;
import static io.firsthop.sim.fhrp.VrrpLab.UPLINK_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The issue's first acceptance point, end to end in virtual time: r1 (110) is Master, r2 (100)
 * Backup; a crash is taken over exactly Master_Down_Interval after the last advertisement r2
 * accepted, a graceful shutdown Skew_Time after the priority-0 advertisement arrives.
 */
class VrrpTakeoverTimingTest {
    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("VRRPv3 at 1 s", VrrpLab.Options.v3(100), 3_609_375_000L, 609_375_000L),
                Arguments.of("VRRPv3 at 100 ms", VrrpLab.Options.v3(10), 360_937_500L, 60_937_500L),
                Arguments.of("VRRPv2 at 1 s", VrrpLab.Options.v2(1), 3_609_375_000L, 609_375_000L));
    }

    @Test
    @DisplayName("RFC 5798 §6.1: the issue's figures: Master_Down_Interval for priority 100 is 3.609375 s at 1 s, 360.9375 ms at 100 ms")
    void issueFigures() {
        assertEquals(3_609_375_000L, new VrrpLab(VrrpLab.Options.v3(100)).masterDownInterval(100));
        assertEquals(360_937_500L, new VrrpLab(VrrpLab.Options.v3(10)).masterDownInterval(100));
        assertEquals(3_609_375_000L, new VrrpLab(VrrpLab.Options.v2(1)).masterDownInterval(100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    @DisplayName("RFC 5798 §6.4.2 / RFC 3768 §6.4.2: a crashed Master is taken over exactly Master_Down_Interval after the last advertisement the Backup accepted")
    void crashTakenOverAtMasterDownInterval(String name, VrrpLab.Options options, long mdi, long skew) {
        VrrpLab lab = new VrrpLab(options);
        assertEquals(mdi, lab.masterDownInterval(100));
        long interval = options.intervalNanos();
        long crashAt = 6 * interval + 250 * MS * interval / S + 12_345;
        lab.sim.crash(crashAt, "r1");
        lab.sim.run(crashAt + 2 * mdi);

        assertEquals(1, lab.becameMaster("r1", LAN_GROUP).size(), "r1 was Master before the crash");
        assertTrue(lab.becameMaster("r1", LAN_GROUP).getFirst() < crashAt);
        long lastAccepted = lab.lastAdvertBefore("r2", "ge0", VrrpLab.lanAddress(0), crashAt, 1, 255);
        assertTrue(crashAt - lastAccepted < interval, "adverts kept coming until the crash");
        assertEquals(List.of(lastAccepted + mdi), lab.becameMaster("r2", LAN_GROUP), name);
        assertEquals("no-response", lab.firstChange("r2", LAN_GROUP, "master", 0).orElseThrow().cause());
        // the uplink segment's group, same priorities and phase: the same rule on its own last advert
        long lastUplink = lab.lastAdvertBefore("r2", "ge1", VrrpLab.uplinkAddress(0), crashAt, 1, 255);
        assertEquals(List.of(lastUplink + mdi), lab.becameMaster("r2", UPLINK_GROUP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    @DisplayName("RFC 5798 §6.4.2: a shut-down Master is taken over Skew_Time after its priority-0 advertisement arrives")
    void shutdownTakenOverAtSkewTime(String name, VrrpLab.Options options, long mdi, long skew) {
        VrrpLab lab = new VrrpLab(options);
        assertEquals(skew, lab.skewTime(100));
        long shutdownAt = 6 * options.intervalNanos() + 777_777;
        lab.sim.shutdown(shutdownAt, "r1");
        lab.sim.run(shutdownAt + 2 * mdi);

        long goodbye = lab.lastAdvertBefore("r2", "ge0", VrrpLab.lanAddress(0), shutdownAt + S, 0, 0);
        assertEquals(shutdownAt + 2 * lab.options.latency(), goodbye, "r1 -> sw1 -> r2");
        assertEquals(List.of(goodbye + skew), lab.becameMaster("r2", LAN_GROUP), name);
        assertEquals("priority", lab.firstChange("r2", LAN_GROUP, "master", 0).orElseThrow().cause());
        TraceEvent.StateChanged resigned = lab.firstChange("r1", LAN_GROUP, "initialize", shutdownAt).orElseThrow();
        assertEquals(new TraceEvent.StateChanged(shutdownAt, "r1", LAN_GROUP, "master", "initialize", "shutdown"), resigned);
    }
}
