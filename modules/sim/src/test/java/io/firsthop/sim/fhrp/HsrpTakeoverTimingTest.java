package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.HsrpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.HsrpLab.MS;
import static io.firsthop.sim.fhrp.HsrpLab.S;
import static io.firsthop.sim.fhrp.HsrpLab.UPLINK_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HSRP timing, end to end in virtual time: r1 (110) Active, r2 (100) Standby, no
 * preemption. A crash is taken over exactly one Holdtime after the last hello r2 accepted from
 * the Active (RFC 2281 §5.4 Active timer, §5.7 (c, Standby)); a graceful shutdown the moment
 * r1's Resign arrives (§5.7 (i, Standby)).
 */
class HsrpTakeoverTimingTest {
    static Stream<Arguments> timers() {
        return Stream.of(
                Arguments.of("HSRPv1, RFC 2281 defaults 3 s / 10 s", HsrpLab.Options.v1(), 10 * S),
                Arguments.of("HSRPv2, 300 ms / 1 s", HsrpLab.Options.v2(300, 1_000), S),
                Arguments.of("HSRPv2, 3 s / 10 s in milliseconds", HsrpLab.Options.v2(3_000, 10_000), 10 * S));
    }

    /** Well after convergence (Listen one Holdtime, Speak one more, r2 Standby after a third), off the hello phase. */
    static long failureTime(HsrpLab.Options options) {
        return 4 * options.holdNanos() + options.helloNanos() / 2 + 12_345;
    }

    @Test
    @DisplayName("RFC 2281 §5.7: two routers starting together: Listen, Speak after one Holdtime, r1 Active after two (via Standby, CDFI/6), r2 Standby after three")
    void convergence() {
        HsrpLab lab = new HsrpLab(HsrpLab.Options.v1());
        lab.sim.run(40 * S);

        assertEquals(List.of(
                new TraceEvent.StateChanged(0, "r1", LAN_GROUP, "initial", "listen", "startup"),
                new TraceEvent.StateChanged(10 * S, "r1", LAN_GROUP, "listen", "speak", "active-timer-expiry"),
                new TraceEvent.StateChanged(20 * S, "r1", LAN_GROUP, "speak", "standby", "standby-timer-expiry"),
                new TraceEvent.StateChanged(20 * S, "r1", LAN_GROUP, "standby", "active", "active-timer-expiry")),
                changes(lab, "r1"));
        long latency = lab.options.latency();
        assertEquals(List.of(
                new TraceEvent.StateChanged(0, "r2", LAN_GROUP, "initial", "listen", "startup"),
                new TraceEvent.StateChanged(10 * S, "r2", LAN_GROUP, "listen", "speak", "active-timer-expiry"),
                // r1's first Speak hello (hello timer at 12 s) outranks it: §5.7 (f, Speak): B/3
                new TraceEvent.StateChanged(12 * S + 2 * latency, "r2", LAN_GROUP, "speak", "listen", "higher-priority-speaker"),
                new TraceEvent.StateChanged(20 * S, "r2", LAN_GROUP, "listen", "speak", "active-timer-expiry"),
                new TraceEvent.StateChanged(30 * S, "r2", LAN_GROUP, "speak", "standby", "standby-timer-expiry")),
                changes(lab, "r2"));
        assertEquals(HsrpState.ACTIVE, lab.lanGroups.get(0).state());
        assertEquals(HsrpState.STANDBY, lab.lanGroups.get(1).state());
        assertEquals(10_000, lab.lanGroups.get(1).core().holdTimeMs(), "RFC 2281 §5.1 default Holdtime");
    }

    static List<TraceEvent.StateChanged> changes(HsrpLab lab, String router) {
        return lab.trace.ofType(TraceEvent.StateChanged.class, router).stream().filter(e -> e.group().equals(LAN_GROUP)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    @DisplayName("RFC 2281 §5.7 (c, Standby): a crashed Active is taken over exactly one Holdtime after the last hello the Standby accepted from it")
    void crashTakenOverAtHoldtime(String name, HsrpLab.Options options, long holdtime) {
        HsrpLab lab = new HsrpLab(options);
        long crashAt = failureTime(options);
        lab.sim.crash(crashAt, "r1");
        lab.sim.run(crashAt + 3 * holdtime);

        assertEquals(List.of(2 * holdtime), lab.becameActive("r1", LAN_GROUP), "r1 was Active before the crash");
        long lastAccepted = lab.lastActiveHelloBefore(1, 0, crashAt);
        assertTrue(crashAt - lastAccepted < options.helloNanos(), "hellos kept coming until the crash");
        assertEquals(List.of(lastAccepted + holdtime), lab.becameActive("r2", LAN_GROUP), name);
        assertEquals(new TraceEvent.StateChanged(lastAccepted + holdtime, "r2", LAN_GROUP, "standby", "active", "active-timer-expiry"),
                lab.firstChange("r2", LAN_GROUP, "active", 0).orElseThrow());
        // the uplink segment's group, same timers and phase: the same rule on its own last hello
        long lastUplink = lab.lastReceivedBefore("r2", "ge1", HsrpLab.uplinkAddress(0), crashAt,
                h -> h.state() == HsrpState.ACTIVE).at();
        assertEquals(List.of(lastUplink + holdtime), lab.becameActive("r2", UPLINK_GROUP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    @DisplayName("RFC 2281 §5.7 (b, Active): CDH/1 and (i, Standby): CFI/6: a shut-down Active resigns and the Standby is Active the moment the Resign arrives")
    void shutdownTakenOverAtResign(String name, HsrpLab.Options options, long holdtime) {
        HsrpLab lab = new HsrpLab(options);
        long shutdownAt = failureTime(options);
        lab.sim.shutdown(shutdownAt, "r1");
        lab.sim.run(shutdownAt + 3 * holdtime);

        HsrpLab.Hello resign = lab.firstReceivedFrom("r2", "ge0", HsrpLab.lanAddress(0), shutdownAt, h -> h.opCode() == HsrpOpCode.RESIGN);
        assertEquals(shutdownAt + 2 * lab.options.latency(), resign.at(), "r1 -> sw1 -> r2");
        assertEquals(HsrpState.ACTIVE, resign.state(), "the Resign says Active");
        assertEquals(List.of(resign.at()), lab.becameActive("r2", LAN_GROUP), name);
        assertEquals("resign-received", lab.firstChange("r2", LAN_GROUP, "active", 0).orElseThrow().cause());
        assertEquals(new TraceEvent.StateChanged(shutdownAt, "r1", LAN_GROUP, "active", "initial", "shutdown"),
                lab.firstChange("r1", LAN_GROUP, "initial", shutdownAt).orElseThrow());
        assertEquals(List.of(resign.at()), lab.becameActive("r2", UPLINK_GROUP), "the uplink's group resigned too");
    }

    @Test
    @DisplayName("RFC 2281 §5.1: version 2 carries milliseconds: the Standby's Active timer is the Active's 1000 ms Holdtime, not a rounded second")
    void millisecondHoldtimeOnTheWire() {
        HsrpLab lab = new HsrpLab(HsrpLab.Options.v2(300, 1_000));
        long crashAt = 4 * S + 150 * MS + 7;
        lab.sim.crash(crashAt, "r1");
        lab.sim.run(crashAt + 3 * S);

        // hellos leave r1 every 300 ms from 0: the last before 4.150 s is the one of 3.900 s
        long lastAccepted = lab.lastActiveHelloBefore(1, 0, crashAt);
        assertEquals(3_900 * MS + 2 * lab.options.latency(), lastAccepted);
        assertEquals(List.of(lastAccepted + 1_000 * MS), lab.becameActive("r2", LAN_GROUP));
    }
}
