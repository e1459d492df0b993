package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.GlbpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.GlbpLab.MS;
import static io.firsthop.sim.fhrp.GlbpLab.S;
import static io.firsthop.sim.fhrp.GlbpLab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.arp.ArpSettings;
import io.firsthop.core.glbp.GlbpCommand;
import io.firsthop.core.glbp.GlbpVfState;
import io.firsthop.core.l3.Router;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.wire.GlbpTlv;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GLBP weighting and tracking (Cisco "GLBP Gateway Weighting and Tracking"): tracking lowers
 * the weighting, not the AVG priority; below the lower threshold a router stops forwarding and
 * the secondaries take its virtual MAC over at once (its hello says so); it forwards again only
 * at or above the upper threshold, taking its own MAC back after the forwarder preemption delay
 * (30 s by default). r2 runs {@code glbp 1 weighting 100 lower 60 upper 90} and owns forwarder 2,
 * used by h2, h6, ..., h38.
 */
class GlbpTrackingTest {
    static final long CUT_AT = 50 * S + 500 * MS;
    static final long RESTORE_AT = 80 * S + 500 * MS;
    static final List<Integer> FORWARDER_2_HOSTS = List.of(2, 6, 10, 14, 18, 22, 26, 30, 34, 38);

    static GlbpLab lab(int decrement) {
        // the hosts keep ARP entries four hours (Cisco's ARP timeout), so none refreshes during a test
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults().withWeighting(1, 100, 60, 90)
                .withHostArp(new ArpSettings(4 * 3_600 * S, 3, S, 3)));
        Router r2 = lab.router(1);
        r2.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
        r2.track(lab.lanGroups.get(1), "uplink", TrackEffect.decrement(decrement));
        return lab;
    }

    /** The weighting r2's hellos carried for its forwarder 2, as r1 got them after {@code t}. */
    static List<Integer> advertisedWeights(GlbpLab lab, long from, long to) {
        return lab.hellos("r1", 1).stream().filter(h -> h.at() > from && h.at() < to)
                .flatMap(h -> h.forwarders().stream()).filter(f -> f.forwarder() == 2).map(GlbpTlv.RequestResponse::weight)
                .distinct().toList();
    }

    @Test
    @DisplayName("uplink down, decrement 50: weighting 50 is below the lower threshold 60: r2 hands forwarder 2 over at once, to r4 (the best secondary), and h2, h6, ... keep their MAC")
    void belowLowerThreshold() {
        GlbpLab lab = lab(50);
        lab.sim.cutLink(CUT_AT, "r2-sw2");
        lab.sim.run(RESTORE_AT - S);

        assertEquals(List.of(LAN_GROUP + ": weight 100 -> 50 (tracked down: uplink)"),
                lab.trace.ofType(TraceEvent.Note.class, "r2").stream().map(TraceEvent.Note::text).filter(t -> t.startsWith(LAN_GROUP)).toList());
        assertEquals(new TraceEvent.StateChanged(CUT_AT, "r2", GlbpLab.forwarderGroup(2), "Active", "Listen", "weighting-below-lower"),
                lab.firstChange("r2", GlbpLab.forwarderGroup(2), "Listen", CUT_AT).orElseThrow());
        long told = CUT_AT + 2 * lab.options.latency();
        assertEquals(new TraceEvent.StateChanged(told, "r4", GlbpLab.forwarderGroup(2), "Listen", "Active", "resigned"),
                lab.firstChange("r4", GlbpLab.forwarderGroup(2), "Active", CUT_AT).orElseThrow());
        assertEquals(50, lab.lanGroups.get(1).trackedValue());
        assertTrue(lab.lanGroups.get(1).core().belowThreshold());
        assertEquals(100, lab.lanGroups.get(1).core().priority(), "tracking lowers the weighting, not the AVG priority");
        for (int i : FORWARDER_2_HOSTS) {
            assertEquals(1, lab.gatewayLearned(i).size(), "h" + i + " did not ARP again");
            assertEquals(GlbpLab.virtualMac(2), lab.host(i).arpLookup(VIP));
            long resumed = lab.firstAnsweredProbeFrom(i, CUT_AT);
            assertTrue(resumed - CUT_AT <= lab.options.probeInterval() + 2 * MS, "h" + i + " resumed at " + resumed);
            assertEquals(List.of(), ProbeTrace.lostBetween(lab.trace, "h" + i, resumed, RESTORE_AT - 2 * S));
        }
    }

    @Test
    @DisplayName("the uplink recovers: weighting 100 reaches the upper threshold 90; r2 takes forwarder 2 back after the 30 s forwarder preemption delay, r4 steps back")
    void backAboveUpperThreshold() {
        GlbpLab lab = lab(50);
        lab.sim.cutLink(CUT_AT, "r2-sw2");
        lab.sim.restoreLink(RESTORE_AT, "r2-sw2");
        lab.sim.run(RESTORE_AT + 40 * S);

        assertFalse(lab.lanGroups.get(1).core().belowThreshold());
        long preempted = RESTORE_AT + 30 * S;
        assertEquals(new TraceEvent.StateChanged(preempted, "r2", GlbpLab.forwarderGroup(2), "Listen", "Active", "preempted"),
                lab.firstChange("r2", GlbpLab.forwarderGroup(2), "Active", RESTORE_AT).orElseThrow());
        assertEquals(new TraceEvent.StateChanged(preempted + 2 * lab.options.latency(), "r4", GlbpLab.forwarderGroup(2), "Active", "Listen",
                "higher-priority"), lab.firstChange("r4", GlbpLab.forwarderGroup(2), "Listen", RESTORE_AT).orElseThrow());
        assertEquals(GlbpVfState.ACTIVE, lab.lanGroups.get(1).core().vfState(2));
        for (int i : FORWARDER_2_HOSTS) {
            assertEquals(1, lab.gatewayLearned(i).size());
            assertEquals(List.of(), ProbeTrace.lostBetween(lab.trace, "h" + i, CUT_AT + S, lab.sim.now() - S), "h" + i);
        }
    }

    @Test
    @DisplayName("decrement 30: weighting 70 stays above the lower threshold: r2 keeps forwarding, advertising weight 70 for the AVG's weighted method")
    void aboveLowerThreshold() {
        GlbpLab lab = lab(30);
        lab.sim.cutLink(CUT_AT, "r2-sw2");
        lab.sim.run(RESTORE_AT - S);

        assertEquals(70, lab.lanGroups.get(1).trackedValue());
        assertFalse(lab.lanGroups.get(1).core().belowThreshold());
        assertEquals(GlbpVfState.ACTIVE, lab.lanGroups.get(1).core().vfState(2));
        assertTrue(lab.firstChange("r4", GlbpLab.forwarderGroup(2), "Active", CUT_AT).isEmpty());
        assertEquals(List.of(100), advertisedWeights(lab, 40 * S, CUT_AT));
        assertEquals(List.of(70), advertisedWeights(lab, CUT_AT, RESTORE_AT));
    }

    @Test
    @DisplayName("the thresholds' hysteresis: commanded to 55 (tracking on top) r2 stops forwarding; back at 85 it still does not (below 90); at 95 it takes forwarder 2 back 30 s later")
    void hysteresis() {
        GlbpLab lab = lab(50);
        lab.sim.command(CUT_AT, "r2", new GlbpCommand.SetWeighting(1, 55));
        lab.sim.command(CUT_AT + 10 * S, "r2", new GlbpCommand.SetWeighting(1, 85));
        lab.sim.command(CUT_AT + 20 * S, "r2", new GlbpCommand.SetWeighting(1, 95));
        lab.sim.run(CUT_AT + 60 * S);

        assertEquals(CUT_AT, lab.firstChange("r2", GlbpLab.forwarderGroup(2), "Listen", CUT_AT).orElseThrow().at());
        assertEquals(CUT_AT + 50 * S, lab.firstChange("r2", GlbpLab.forwarderGroup(2), "Active", CUT_AT).orElseThrow().at(),
                "85 did not bring it back; 95 did, after the preemption delay");
        assertEquals(95, lab.lanGroups.get(1).trackedValue());
    }
}
