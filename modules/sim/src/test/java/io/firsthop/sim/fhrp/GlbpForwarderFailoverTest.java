package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.GlbpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.GlbpLab.LAN_VLAN;
import static io.firsthop.sim.fhrp.GlbpLab.MS;
import static io.firsthop.sim.fhrp.GlbpLab.S;
import static io.firsthop.sim.fhrp.GlbpLab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.glbp.GlbpRouter;
import io.firsthop.core.glbp.GlbpVfState;
import io.firsthop.core.glbp.GlbpVgState;
import io.firsthop.core.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GLBP virtual forwarder redundancy (Cisco "Configuring GLBP", GLBP Virtual Forwarder
 * Redundancy) with four routers and forty hosts spread round-robin: when an AVF dies, a
 * secondary takes its virtual MAC over one hold time after its last hello, and its hosts keep
 * working through the secondary without a new ARP; the redirect and timeout timers then retire
 * the MAC: no new host gets it after the redirect time, and it is deleted at the timeout, once
 * every host has moved off it by its own ARP refresh.
 */
class GlbpForwarderFailoverTest {
    /** Ten seconds after the hosts ARPed (40 s), off the 3 s hello phase: r3's last hello is the one of 48 s. */
    static final long CRASH_AT = 50 * S + 500 * MS;
    /** Path slack: the new AVF resolving the host and the upstream by ARP, and the ping's round trip. */
    static final long SLACK = 2 * MS;
    /** Forwarder 3 (r3's) serves h3, h7, ..., h39. */
    static final List<Integer> FORWARDER_3_HOSTS = List.of(3, 7, 11, 15, 19, 23, 27, 31, 35, 39);

    /** When the router {@code receiver} got the last hello from router {@code from} at or before {@code t}. */
    static long lastHello(GlbpLab lab, int receiver, int from, long t) {
        return lab.hellos(GlbpLab.routerName(receiver), from).stream().filter(h -> h.at() <= t)
                .reduce((a, b) -> b).orElseThrow().at();
    }

    @Test
    @DisplayName("an AVF dies (power failure): r4 takes forwarder 3 over one hold time after r3's last hello; r3's ten hosts keep 0007.b400.0103 without a new ARP, their pings resume, the other thirty lose nothing")
    void forwarderTakenOverWithoutArp() {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults());
        lab.sim.run(CRASH_AT);
        assertEquals(FORWARDER_3_HOSTS, lab.hostsOf(3));
        lab.sim.crash(CRASH_AT, "r3");
        lab.sim.run(15 * S);

        long lastHello = lastHello(lab, 3, 2, CRASH_AT);
        assertEquals(48 * S + 2 * lab.options.latency(), lastHello);
        long takeover = lastHello + lab.options.holdNanos();
        // the best secondary: every secondary advertises VF priority 135 and weighting 100, so the highest address, r4
        assertEquals(new TraceEvent.StateChanged(takeover, "r4", GlbpLab.forwarderGroup(3), "Listen", "Active", "active-down"),
                lab.firstChange("r4", GlbpLab.forwarderGroup(3), "Active", CRASH_AT).orElseThrow());
        assertTrue(lab.firstChange("r2", GlbpLab.forwarderGroup(3), "Active", CRASH_AT).isEmpty());
        assertTrue(lab.firstChange("r1", GlbpLab.forwarderGroup(3), "Active", CRASH_AT).isEmpty());
        assertTrue(lab.lanGroups.get(3).core().forwards(GlbpLab.virtualMac(3)));

        for (int i = 1; i <= 40; i++) {
            assertEquals(1, lab.gatewayLearned(i).size(), "h" + i + " never ARPed again: " + lab.gatewayLearned(i));
            assertEquals(GlbpLab.virtualMac((i - 1) % 4 + 1), lab.host(i).arpLookup(VIP), "h" + i + " kept its MAC");
            if (FORWARDER_3_HOSTS.contains(i)) {
                assertFalse(ProbeTrace.lostBetween(lab.trace, "h" + i, CRASH_AT, takeover).isEmpty());
                long lastLost = takeover - 2 * lab.options.latency();
                for (ProbeTrace.Probe p : lab.probes(i)) {
                    if (p.sentAt() >= CRASH_AT && p.sentAt() < lastLost) assertEquals(false, p.answered(), "h" + i + " ping at " + p.sentAt());
                }
                long resumed = lab.firstAnsweredProbeFrom(i, CRASH_AT);
                assertTrue(resumed >= lastLost && resumed <= takeover + lab.options.probeInterval() + SLACK, "h" + i + " resumed at " + resumed);
                assertEquals(List.of(), ProbeTrace.lostBetween(lab.trace, "h" + i, resumed, lab.sim.now() - S), "h" + i + " after the takeover");
            } else {
                assertEquals(List.of(), ProbeTrace.lostBetween(lab.trace, "h" + i, 41 * S, lab.sim.now() - S), "h" + i + " never noticed");
            }
        }
        // the redirect and timeout timers run for the taken-over forwarder, and the AVG still hands its MAC out
        GlbpRouter.ForwarderStatus atAvg = lab.lanGroups.get(0).core().forwarder(3);
        assertTrue(atAvg.takenOver() && atAvg.inArpReplies(), atAvg.toString());
        assertEquals(GlbpLab.lanAddress(3), atAvg.activeForwarder());
    }

    @Test
    @DisplayName("a hung AVF (crash, carrier kept): the switch moves 0007.b400.0103 from r3's port to r4's when r4's first hello from it arrives")
    void macMovesToTheSecondary() {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults());
        lab.sim.crash(CRASH_AT, "r3", false);
        lab.sim.run(CRASH_AT + 15 * S);

        long takeover = lastHello(lab, 3, 2, CRASH_AT) + lab.options.holdNanos();
        assertEquals(List.of(new TraceEvent.MacMoved(takeover + lab.options.latency(), "sw1", LAN_VLAN, GlbpLab.virtualMac(3), "r3", "r4")),
                lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").stream().filter(m -> m.mac().equals(GlbpLab.virtualMac(3))).toList());
        for (int i : FORWARDER_3_HOSTS) {
            assertEquals(1, lab.gatewayLearned(i).size());
            assertTrue(lab.firstAnsweredProbeFrom(i, CRASH_AT) <= takeover + lab.options.probeInterval() + SLACK);
        }
    }

    @Test
    @DisplayName("the AVG dies: r4, the standby VG, becomes AVG and AVF for forwarder 1 one hold time after r1's last hello; r1's hosts go on without a new ARP")
    void avgDies() {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults());
        lab.sim.crash(CRASH_AT, "r1");
        lab.sim.run(CRASH_AT + 15 * S);

        long takeover = lastHello(lab, 3, 0, CRASH_AT) + lab.options.holdNanos();
        assertEquals(new TraceEvent.StateChanged(takeover, "r4", LAN_GROUP, "Standby", "Active", "active-down"),
                lab.firstChange("r4", LAN_GROUP, "Active", CRASH_AT).orElseThrow());
        assertEquals(takeover, lab.firstChange("r4", GlbpLab.forwarderGroup(1), "Active", CRASH_AT).orElseThrow().at());
        assertEquals(GlbpVgState.ACTIVE, lab.lanGroups.get(3).core().vgState());
        for (int i = 1; i <= 40; i += 4) {
            assertEquals(1, lab.gatewayLearned(i).size());
            assertTrue(lab.firstAnsweredProbeFrom(i, CRASH_AT) <= takeover + lab.options.probeInterval() + SLACK, "h" + i);
        }
        // a host asking now is answered by the new AVG, whose round-robin starts over at forwarder 1 (now r4's)
        assertEquals(GlbpLab.virtualMac(1), lab.lanGroups.get(3).arpReplyMac(VIP, lab.host(2).config().mac(), GlbpLab.hostAddress(2)));
        assertEquals(GlbpLab.virtualMac(2), lab.lanGroups.get(3).arpReplyMac(VIP, lab.host(3).config().mac(), GlbpLab.hostAddress(3)));
    }

    @Test
    @DisplayName("Cisco's redirect 600 s and timeout 14,400 s: after the redirect time no host is given forwarder 3 again, the hosts move off it as their ARP entries expire, and at the timeout it is deleted without a ping lost")
    void redirectAndTimeout() {
        // a ping every 10 s per host for four hours: no per-frame trace
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults().withProbes(10 * S, 40 * S), false);
        lab.sim.crash(CRASH_AT, "r3");
        long takeover = 48 * S + 2 * lab.options.latency() + lab.options.holdNanos();
        long timeoutAtR4 = takeover + 14_400 * S;
        lab.sim.run(timeoutAtR4 + 100 * S);

        assertEquals(takeover, lab.firstChange("r4", GlbpLab.forwarderGroup(3), "Active", CRASH_AT).orElseThrow().at());
        // the AVG started its timers when r4's hello announced the takeover, one switch crossing later
        long seenByAvg = takeover + 2 * lab.options.latency();
        long redirectEnd = seenByAvg + 600 * S;
        assertEquals(List.of(new TraceEvent.Note(redirectEnd, "r1", LAN_GROUP
                + ": forwarder 3 redirect time over: the AVG stops handing out " + GlbpLab.virtualMac(3))),
                lab.trace.ofType(TraceEvent.Note.class, "r1").stream()
                        .filter(n -> n.text().startsWith(LAN_GROUP + ":") && n.text().contains("redirect time over")).toList());

        List<TraceEvent.ArpLearned> handedOut = lab.trace.ofType(TraceEvent.ArpLearned.class).stream()
                .filter(e -> e.device().startsWith("h") && e.ip().equals(VIP)).toList();
        assertTrue(handedOut.stream().anyMatch(e -> e.at() > takeover && e.at() < redirectEnd && e.mac().equals(GlbpLab.virtualMac(3))),
                "until the redirect time is over, refreshing hosts may still be given forwarder 3");
        assertEquals(List.of(), handedOut.stream().filter(e -> e.at() > redirectEnd && e.mac().equals(GlbpLab.virtualMac(3))).toList(),
                "after it, never");
        assertTrue(handedOut.stream().anyMatch(e -> e.at() > redirectEnd), "hosts kept asking");

        // the timeout: every router deletes forwarder 3; r4 (which started first) stops forwarding for it
        assertEquals(new TraceEvent.StateChanged(timeoutAtR4, "r4", GlbpLab.forwarderGroup(3), "Active", "Disabled", "timeout"),
                lab.firstChange("r4", GlbpLab.forwarderGroup(3), "Disabled", CRASH_AT).orElseThrow());
        assertEquals(new TraceEvent.StateChanged(seenByAvg + 14_400 * S, "r1", GlbpLab.forwarderGroup(3), "Listen", "Disabled", "timeout"),
                lab.firstChange("r1", GlbpLab.forwarderGroup(3), "Disabled", CRASH_AT).orElseThrow());
        assertEquals(GlbpVfState.DISABLED, lab.lanGroups.get(3).core().vfState(3));
        assertFalse(lab.lanGroups.get(3).core().forwards(GlbpLab.virtualMac(3)));
        assertEquals(List.of(), lab.hostsOf(3), "no host holds the deleted MAC");
        assertEquals(0, lab.hostsPerForwarder().get(3));
        for (int i = 1; i <= 40; i++) {
            assertEquals(List.of(), ProbeTrace.lostBetween(lab.trace, "h" + i, takeover + S, lab.sim.now() - S),
                    "h" + i + " lost nothing from the takeover to the deletion and after");
        }
    }
}
