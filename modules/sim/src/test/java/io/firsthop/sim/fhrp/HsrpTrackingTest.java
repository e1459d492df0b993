package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.HsrpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.HsrpLab.LAN_VLAN;
import static io.firsthop.sim.fhrp.HsrpLab.MS;
import static io.firsthop.sim.fhrp.HsrpLab.S;
import static io.firsthop.sim.fhrp.HsrpLab.UPLINK_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.l3.Router;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The notes' configuration (point 10) with HSRP version 1 at RFC 2281's default timers: r1 at
 * priority 110 tracking its uplink's line state with decrement 20, r2 at 100. HSRP does not
 * preempt by default, and RFC 2281 §5.7 only lets a Standby take over from a live Active with
 * preemption (note *, event h): so the notes' expectations ("r2 becomes Active, r1 takes back
 * over") need {@code standby preempt} on r2, and on r1 for the way back. Each test says which
 * configuration it runs.
 */
class HsrpTrackingTest {
    /** After convergence (r2 Standby at 30 s), off the 3 s hello phase. */
    static final long FAIL_AT = 40 * S + 300 * MS;
    static final long BACK_AT = 70 * S + 300 * MS;
    /** A probe sent this long after a change no longer rides the path that was there before it. */
    static final long SETTLE = 2 * MS;

    static HsrpLab lab(boolean r1Preempts, boolean r2Preempts, TrackEffect effect) {
        HsrpLab lab = new HsrpLab(HsrpLab.Options.v1().withPreempt(r1Preempts, r2Preempts));
        Router r1 = lab.router(0);
        r1.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
        r1.track(lab.lanGroups.get(0), "uplink", effect);
        lab.sim.cutLink(FAIL_AT, "r1-sw2");
        lab.sim.restoreLink(BACK_AT, "r1-sw2");
        return lab;
    }

    static List<String> priorityNotes(HsrpLab lab) {
        return lab.trace.ofType(TraceEvent.Note.class, "r1").stream().map(TraceEvent.Note::text)
                .filter(t -> t.startsWith(LAN_GROUP + ": priority")).toList();
    }

    /** The first hello r{@code to} got on the LAN from r{@code from} at or after {@code t}. */
    static HsrpLab.Hello firstHello(HsrpLab lab, int to, int from, long t) {
        return lab.firstReceivedFrom(HsrpLab.routerName(to), "ge0", HsrpLab.lanAddress(from), t, h -> h.opCode() == HsrpOpCode.HELLO);
    }

    @Nested
    @DisplayName("the notes' expectations: r1 and r2 both preempt")
    class BothPreempt {
        @Test
        @DisplayName("RFC 2281 §5.7 (h, Standby) note *: r1's uplink fails (110 - 20 = 90 < 100): r2 preempts on r1's next hello, within one Hellotime")
        void uplinkFailureHandsOverWithinOneHello() {
            HsrpLab lab = lab(true, true, TrackEffect.decrement(20));
            lab.sim.run(BACK_AT - S);

            assertEquals(List.of(new TraceEvent.StateChanged(FAIL_AT, "r1", "track uplink", "up", "down", "interface ge1 down")),
                    lab.trace.ofType(TraceEvent.StateChanged.class, "r1").stream().filter(e -> e.group().equals("track uplink")).toList());
            assertEquals(List.of(LAN_GROUP + ": priority 110 -> 90 (tracked down: uplink)"), priorityNotes(lab));
            HsrpLab.Hello at90 = firstHello(lab, 1, 0, FAIL_AT);
            assertEquals(90, at90.priority(), "r1's first hello after the failure says 90");
            assertEquals(HsrpState.ACTIVE, at90.state());
            // r1's hello timer ticks every 3 s from 0: the hello of 42 s, across the switch
            assertEquals(42 * S + 2 * lab.options.latency(), at90.at());
            long takeover = at90.at();
            assertTrue(takeover - FAIL_AT <= lab.options.helloNanos() + 2 * lab.options.latency(), "within one Hellotime");
            assertEquals(new TraceEvent.StateChanged(takeover, "r2", LAN_GROUP, "standby", "active", "preempted"),
                    lab.firstChange("r2", LAN_GROUP, "active", FAIL_AT).orElseThrow());
            // RFC 2281 §5.7 (j, Active): ABH/4: r1 gets r2's Coup, resigns and speaks
            long latency = lab.options.latency();
            assertEquals(new TraceEvent.StateChanged(takeover + 2 * latency, "r1", LAN_GROUP, "active", "speak", "coup-received"),
                    lab.firstChange("r1", LAN_GROUP, "speak", FAIL_AT).orElseThrow());
            assertEquals(HsrpOpCode.RESIGN, lab.firstReceivedFrom("r2", "ge0", HsrpLab.lanAddress(0), takeover + 2 * latency,
                    h -> h.opCode() != HsrpOpCode.HELLO).opCode());
            assertTrue(lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").contains(
                    new TraceEvent.MacMoved(takeover + latency, "sw1", LAN_VLAN, lab.vmac, "r1", "r2")));
            assertEquals(HsrpState.STANDBY, lab.lanGroups.get(0).state(), "r1 (90) is the Standby now");
            // the return path: r1's uplink group lost its interface silently, so r2's uplink group
            // waits out its Holdtime after r1's last uplink hello (39 s); the hosts' pings resume then
            long uplinkTakeover = lab.firstChange("r2", UPLINK_GROUP, "active", FAIL_AT).orElseThrow().at();
            assertEquals(39 * S + 2 * latency + lab.options.holdNanos(), uplinkTakeover);
            long resumed = lab.firstAnsweredProbeFrom("h1", FAIL_AT);
            assertTrue(resumed >= uplinkTakeover - lab.options.probeInterval() && resumed <= uplinkTakeover + lab.options.probeInterval(),
                    "pings resumed at " + resumed);
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Standby) note *: the uplink recovers (back to 110): r1 preempts on r2's next hello")
        void recoveryPreemptsBack() {
            HsrpLab lab = lab(true, true, TrackEffect.decrement(20));
            lab.sim.run(BACK_AT + 20 * S);

            assertEquals(LAN_GROUP + ": priority 90 -> 110 (no tracked object down)", priorityNotes(lab).getLast());
            HsrpLab.Hello fromR2 = firstHello(lab, 0, 1, BACK_AT);
            assertEquals(HsrpState.ACTIVE, fromR2.state());
            assertTrue(fromR2.at() - BACK_AT <= lab.options.helloNanos() + 2 * lab.options.latency(), "within one Hellotime");
            assertEquals(new TraceEvent.StateChanged(fromR2.at(), "r1", LAN_GROUP, "standby", "active", "preempted"),
                    lab.firstChange("r1", LAN_GROUP, "active", BACK_AT).orElseThrow());
            assertEquals("coup-received", lab.firstChange("r2", LAN_GROUP, "speak", BACK_AT).orElseThrow().cause());
            assertTrue(lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").contains(
                    new TraceEvent.MacMoved(fromR2.at() + lab.options.latency(), "sw1", LAN_VLAN, lab.vmac, "r2", "r1")));
            assertEquals(HsrpState.ACTIVE, lab.lanGroups.get(0).state());
            assertEquals(HsrpState.STANDBY, lab.lanGroups.get(1).state());
        }
    }

    @Nested
    @DisplayName("only r2 preempts")
    class OnlyR2Preempts {
        @Test
        @DisplayName("RFC 2281 §5.7 (h, Standby): r2 takes over when the uplink fails, and r1, back at 110 but not preempting, stays Standby")
        void r1DoesNotTakeBack() {
            HsrpLab lab = lab(false, true, TrackEffect.decrement(20));
            lab.sim.run(BACK_AT + 30 * S);

            assertEquals(List.of(20 * S), lab.becameActive("r1", LAN_GROUP), "r1 was Active once, from 20 s");
            assertEquals(1, lab.becameActive("r2", LAN_GROUP).size());
            assertEquals(110, lab.lanGroups.get(0).trackedValue());
            assertEquals(HsrpState.STANDBY, lab.lanGroups.get(0).state());
            assertEquals(HsrpState.ACTIVE, lab.lanGroups.get(1).state());
            assertTrue(lab.received("r1", "ge0", HsrpLab.lanAddress(1)).stream()
                    .anyMatch(h -> h.at() > BACK_AT + 25 * S && h.state() == HsrpState.ACTIVE && h.priority() == 100),
                    "r2 still says hello as Active at 100, and r1 lets it");
        }
    }

    @Nested
    @DisplayName("HSRP's default: neither preempts")
    class NoPreemptDefault {
        @Test
        @DisplayName("RFC 2281 §5.7 (h, Standby) without preemption: r2 does not take over from a live r1 at 90; r1 stays Active without an uplink and the hosts' pings fail until it recovers")
        void nothingMoves() {
            HsrpLab lab = lab(false, false, TrackEffect.decrement(20));
            lab.sim.run(BACK_AT + 20 * S);

            assertEquals(List.of(20 * S), lab.becameActive("r1", LAN_GROUP));
            assertEquals(List.of(), lab.becameActive("r2", LAN_GROUP), "r2 never takes the LAN group");
            assertTrue(lab.received("r2", "ge0", HsrpLab.lanAddress(0)).stream()
                    .anyMatch(h -> h.at() > FAIL_AT && h.at() < BACK_AT && h.state() == HsrpState.ACTIVE && h.priority() == 90),
                    "r2 heard r1 say Active at 90 and stayed Standby");
            assertEquals(HsrpState.STANDBY, lab.lanGroups.get(1).state());
            for (String h : List.of("h1", "h2")) {
                assertEquals(List.of(), ProbeTrace.answeredBetween(lab.trace, h, FAIL_AT + SETTLE, BACK_AT),
                        h + ": the Active has no way out, so no ping is answered");
                assertTrue(ProbeTrace.lostBetween(lab.trace, h, FAIL_AT + SETTLE, BACK_AT).size() > 2_900);
                long resumed = lab.firstAnsweredProbeFrom(h, FAIL_AT);
                assertTrue(resumed >= BACK_AT && resumed <= BACK_AT + lab.options.probeInterval() + SETTLE, h + " resumed at " + resumed);
            }
        }
    }

    @Test
    @DisplayName("IOS's default decrement 10 (no preempt on r1, preempt on r2): 110 - 10 ties r2 at 100, and RFC 2281 §5.1 gives the tie to the higher address, r2's 10.0.0.3")
    void defaultDecrementTies() {
        HsrpLab lab = lab(false, true, TrackEffect.DEFAULT);
        lab.sim.run(BACK_AT - S);

        assertEquals(List.of(LAN_GROUP + ": priority 110 -> 100 (tracked down: uplink)"), priorityNotes(lab));
        HsrpLab.Hello at100 = firstHello(lab, 1, 0, FAIL_AT);
        assertEquals(100, at100.priority());
        assertEquals(new TraceEvent.StateChanged(at100.at(), "r2", LAN_GROUP, "standby", "active", "preempted"),
                lab.firstChange("r2", LAN_GROUP, "active", FAIL_AT).orElseThrow());
    }

    @Test
    @DisplayName("a tracked fault disables the group (RFC 2281 §5.5 event b): r1 resigns when the uplink fails, r2 is Active when the Resign arrives, preempt or not")
    void faultResigns() {
        HsrpLab lab = lab(false, false, TrackEffect.fault());
        lab.sim.run(BACK_AT + 40 * S);

        assertEquals(new TraceEvent.StateChanged(FAIL_AT, "r1", LAN_GROUP, "active", "initial", "track-fault"),
                lab.firstChange("r1", LAN_GROUP, "initial", FAIL_AT).orElseThrow());
        HsrpLab.Hello resign = lab.firstReceivedFrom("r2", "ge0", HsrpLab.lanAddress(0), FAIL_AT, h -> h.opCode() == HsrpOpCode.RESIGN);
        assertEquals(FAIL_AT + 2 * lab.options.latency(), resign.at());
        assertEquals(new TraceEvent.StateChanged(resign.at(), "r2", LAN_GROUP, "standby", "active", "resign-received"),
                lab.firstChange("r2", LAN_GROUP, "active", FAIL_AT).orElseThrow());
        assertTrue(lab.received("r2", "ge0", HsrpLab.lanAddress(0)).stream().noneMatch(h -> h.at() > resign.at() && h.at() < BACK_AT),
                "a disabled group says nothing");
        // the fault clears: RFC 2281 §5.5 event a again; without preemption r1 ends up Standby
        assertEquals(new TraceEvent.StateChanged(BACK_AT, "r1", LAN_GROUP, "initial", "listen", "startup"),
                lab.firstChange("r1", LAN_GROUP, "listen", BACK_AT).orElseThrow());
        assertEquals(HsrpState.STANDBY, lab.lanGroups.get(0).state());
        assertEquals(HsrpState.ACTIVE, lab.lanGroups.get(1).state());
        assertEquals(List.of(20 * S), lab.becameActive("r1", LAN_GROUP));
    }
}
