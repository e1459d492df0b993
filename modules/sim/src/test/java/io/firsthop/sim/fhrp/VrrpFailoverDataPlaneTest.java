package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.VrrpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.VrrpLab.LAN_VLAN;
import static io.firsthop.sim.fhrp.VrrpLab.MS;
import static io.firsthop.sim.fhrp.VrrpLab.S;
import static io.firsthop.sim.fhrp.VrrpLab.VIP;
import static io.firsthop.sim.fhrp.VrrpLab.VMAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.Host;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Point 8 of the notes: on failover only the switches' MAC tables change; the hosts keep the
 * virtual MAC they had, and their traffic resumes within the RFC's bound.
 */
class VrrpFailoverDataPlaneTest {
    static final long CRASH_AT = 10 * S + 123_456_789L;
    /** Path slack: the new Master resolving the host by ARP and the probe's round trip, a few link latencies. */
    static final long SLACK = 2 * MS;

    final VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100));
    final long mdi = lab.masterDownInterval(100);

    void assertHostsKeptTheVirtualMac() {
        for (Host h : List.of(lab.h1, lab.h2)) {
            assertEquals(VMAC, h.arpLookup(VIP), h.name() + " resolves the gateway to the virtual MAC");
            List<TraceEvent.ArpLearned> learned = lab.trace.ofType(TraceEvent.ArpLearned.class, h.name()).stream()
                    .filter(e -> e.ip().equals(VIP)).toList();
            assertEquals(1, learned.size(), h.name() + " learned the gateway once and never changed it: " + learned);
            assertEquals(VMAC, learned.getFirst().mac());
        }
    }

    /** Every probe sent while there was no Master was lost; the first after the takeover got through within the bound. */
    long assertOutage(String host, long failureAt, long takeoverAt, long bound) {
        for (long[] p : lab.probes(host)) {
            if (p[0] >= failureAt && p[0] < takeoverAt) assertEquals(0, p[1], host + " probe at " + p[0] + " had no gateway");
        }
        long outage = lab.firstAnsweredProbeFrom(host, failureAt) - failureAt;
        assertTrue(outage >= takeoverAt - failureAt, host + " outage " + outage);
        assertTrue(outage <= bound, host + " outage " + outage + " ns exceeds the bound " + bound + " ns");
        // and from then on every probe is answered
        for (long[] p : lab.probes(host)) {
            if (p[0] >= failureAt + outage && p[0] < lab.sim.now() - S) assertEquals(1, p[1], host + " probe at " + p[0]);
        }
        return outage;
    }

    @Test
    @DisplayName("notes point 8, hung Master (crash, carrier kept): the hosts keep the virtual MAC, each switch moves it to r2's port, probes resume within Master_Down_Interval + one probe interval")
    void hungMaster() {
        lab.sim.run(CRASH_AT);
        assertEquals(VMAC, lab.h1.arpLookup(VIP));
        assertEquals(lab.sw1.portNames().indexOf("r1"), lab.sw1.lookup(LAN_VLAN, VMAC));
        lab.sim.crash(CRASH_AT, "r1", false);
        lab.sim.run(10 * S);

        long takeover = lab.becameMaster("r2", LAN_GROUP).getFirst();
        assertEquals(lab.lastAdvertBefore("r2", "ge0", VrrpLab.lanAddress(0), CRASH_AT, 1, 255) + mdi, takeover);
        long latency = lab.options.latency();
        assertEquals(List.of(new TraceEvent.MacMoved(takeover + latency, "sw1", LAN_VLAN, VMAC, "r1", "r2")),
                lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").stream().filter(m -> m.mac().equals(VMAC)).toList(),
                "the new Master's first frame from the virtual MAC moves it");
        assertEquals(1, lab.trace.ofType(TraceEvent.MacMoved.class, "sw2").stream().filter(m -> m.mac().equals(VMAC)
                && m.oldPort().equals("r1") && m.newPort().equals("r2")).count(), "the uplink segment's switch too");
        assertEquals(lab.sw1.portNames().indexOf("r2"), lab.sw1.lookup(LAN_VLAN, VMAC));
        assertHostsKeptTheVirtualMac();
        assertGratuitousArpFromNewMaster(takeover);
        for (String h : List.of("h1", "h2")) {
            assertOutage(h, CRASH_AT, takeover, mdi + lab.options.probeInterval() + SLACK);
        }
    }

    @Test
    @DisplayName("power failure (crash, carrier lost): the switch forgets the virtual MAC with the port and learns it on r2's port from the new Master; hosts unchanged")
    void powerFailure() {
        lab.sim.crash(CRASH_AT, "r1");
        lab.sim.run(CRASH_AT + 10 * S);

        long takeover = lab.becameMaster("r2", LAN_GROUP).getFirst();
        assertEquals(lab.lastAdvertBefore("r2", "ge0", VrrpLab.lanAddress(0), CRASH_AT, 1, 255) + mdi, takeover);
        assertTrue(lab.trace.ofType(TraceEvent.MacRemoved.class, "sw1").contains(
                new TraceEvent.MacRemoved(CRASH_AT, "sw1", LAN_VLAN, VMAC, "r1", "port down")));
        assertTrue(lab.trace.ofType(TraceEvent.MacLearned.class, "sw1").contains(
                new TraceEvent.MacLearned(takeover + lab.options.latency(), "sw1", LAN_VLAN, VMAC, "r2")));
        assertHostsKeptTheVirtualMac();
        for (String h : List.of("h1", "h2")) {
            assertOutage(h, CRASH_AT, takeover, mdi + lab.options.probeInterval() + SLACK);
        }
    }

    @Test
    @DisplayName("RFC 5798 §6.4.2: a graceful shutdown costs the hosts at most Skew_Time + one probe interval")
    void gracefulShutdown() {
        lab.sim.shutdown(CRASH_AT, "r1");
        lab.sim.run(CRASH_AT + 10 * S);
        long takeover = lab.becameMaster("r2", LAN_GROUP).getFirst();
        assertEquals(CRASH_AT + 2 * lab.options.latency() + lab.skewTime(100), takeover);
        assertHostsKeptTheVirtualMac();
        for (String h : List.of("h1", "h2")) {
            long outage = assertOutage(h, CRASH_AT, takeover, lab.skewTime(100) + lab.options.probeInterval() + SLACK);
            assertTrue(outage < mdi / 4, "far shorter than a crash: " + outage);
        }
    }

    /** RFC 5798 §6.4.2: the new Master broadcasts a gratuitous ARP for the virtual address from the virtual MAC. */
    void assertGratuitousArpFromNewMaster(long takeover) {
        List<TraceEvent.FrameSent> garps = lab.trace.ofType(TraceEvent.FrameSent.class, "r2").stream()
                .filter(f -> f.at() == takeover && f.port().equals("ge0") && f.frame().payload() instanceof ArpPacket a
                        && a.senderIp().equals(VIP) && a.senderMac().equals(VMAC) && a.targetIp().equals(VIP))
                .toList();
        assertEquals(1, garps.size());
        assertEquals(VMAC, garps.getFirst().frame().source());
    }
}
