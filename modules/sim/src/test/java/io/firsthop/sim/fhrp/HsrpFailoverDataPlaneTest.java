package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.HsrpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.HsrpLab.LAN_VLAN;
import static io.firsthop.sim.fhrp.HsrpLab.MS;
import static io.firsthop.sim.fhrp.HsrpLab.S;
import static io.firsthop.sim.fhrp.HsrpLab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.Host;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;

/**
 * Point 8 of the notes with HSRP: on failover only the switches' MAC tables change; the hosts
 * keep the virtual MAC they had (0000.0c07.ac01 for version 1, 0000.0c9f.f001 for version 2),
 * and their pings resume within HSRP's bound.
 */
class HsrpFailoverDataPlaneTest {
    /** Path slack: the new Active resolving the host and the upstream by ARP, and the ping's round trip: a few link latencies. */
    static final long SLACK = 2 * MS;

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("HSRPv1 3 s / 10 s, 0000.0c07.ac01", HsrpLab.Options.v1(), MacAddress.parse("00:00:0c:07:ac:01")),
                Arguments.of("HSRPv2 300 ms / 1 s, 0000.0c9f.f001", HsrpLab.Options.v2(300, 1_000), MacAddress.parse("00:00:0c:9f:f0:01")));
    }

    static long failureAt(HsrpLab.Options options) {
        return 4 * options.holdNanos() + options.helloNanos() / 3 + 123_457;
    }

    static void assertHostsKeptTheVirtualMac(HsrpLab lab, MacAddress vmac) {
        for (Host h : List.of(lab.h1, lab.h2)) {
            assertEquals(vmac, h.arpLookup(VIP), h.name() + " resolves the gateway to the virtual MAC");
            List<TraceEvent.ArpLearned> learned = lab.trace.ofType(TraceEvent.ArpLearned.class, h.name()).stream()
                    .filter(e -> e.ip().equals(VIP)).toList();
            assertEquals(1, learned.size(), h.name() + " learned the gateway once and never changed it: " + learned);
            assertEquals(vmac, learned.getFirst().mac());
        }
    }

    /**
     * Every ping that reached the LAN while there was no Active was lost (one sent two link
     * latencies before the takeover meets the new Active); the first after the takeover got
     * through within the bound.
     */
    static long assertOutage(HsrpLab lab, String host, long failureAt, long takeoverAt, long bound) {
        long lastLost = takeoverAt - 2 * lab.options.latency();
        for (ProbeTrace.Probe p : lab.probes(host)) {
            if (p.sentAt() >= failureAt && p.sentAt() < lastLost) assertEquals(false, p.answered(), host + " ping at " + p.sentAt());
        }
        long outage = lab.firstAnsweredProbeFrom(host, failureAt) - failureAt;
        assertTrue(outage >= lastLost - failureAt, host + " outage " + outage);
        assertTrue(outage <= bound, host + " outage " + outage + " ns exceeds the bound " + bound + " ns");
        for (ProbeTrace.Probe p : lab.probes(host)) {
            if (p.sentAt() >= failureAt + outage && p.sentAt() < lab.sim.now() - S) {
                assertEquals(true, p.answered(), host + " ping at " + p.sentAt());
            }
        }
        return outage;
    }

    /** RFC 2281 §5.6 action I: the new Active broadcasts an ARP reply for the virtual IP from the virtual MAC. */
    static void assertGratuitousArp(HsrpLab lab, String router, long at, MacAddress vmac) {
        List<TraceEvent.FrameSent> garps = lab.trace.ofType(TraceEvent.FrameSent.class, router).stream()
                .filter(f -> f.at() == at && f.port().equals("ge0") && f.frame().payload() instanceof ArpPacket a
                        && a.senderIp().equals(VIP) && a.senderMac().equals(vmac) && a.targetIp().equals(VIP))
                .toList();
        assertEquals(1, garps.size());
        assertEquals(vmac, garps.getFirst().frame().source());
        assertEquals(MacAddress.BROADCAST, garps.getFirst().frame().destination());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    @DisplayName("notes point 8, hung Active (crash, carrier kept): hosts keep the virtual MAC, each switch moves it to r2's port (MacMoved), pings resume within Holdtime + one ping interval")
    void hungActive(String name, HsrpLab.Options options, MacAddress vmac) {
        HsrpLab lab = new HsrpLab(options);
        assertEquals(vmac, lab.vmac);
        long crashAt = failureAt(options);
        lab.sim.run(crashAt);
        assertEquals(vmac, lab.h1.arpLookup(VIP));
        assertEquals(lab.sw1.portNames().indexOf("r1"), lab.sw1.lookup(LAN_VLAN, vmac));
        lab.sim.crash(crashAt, "r1", false);
        lab.sim.run(3 * options.holdNanos());

        long takeover = lab.becameActive("r2", LAN_GROUP).getFirst();
        long holdtime = options.holdNanos();
        assertEquals(lab.lastActiveHelloBefore(1, 0, crashAt) + holdtime, takeover);
        long latency = lab.options.latency();
        assertEquals(List.of(new TraceEvent.MacMoved(takeover + latency, "sw1", LAN_VLAN, vmac, "r1", "r2")),
                lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").stream().filter(m -> m.mac().equals(vmac)).toList(),
                "the new Active's first frame from the virtual MAC moves it");
        assertEquals(1, lab.trace.ofType(TraceEvent.MacMoved.class, "sw2").stream().filter(m -> m.mac().equals(vmac)
                && m.oldPort().equals("r1") && m.newPort().equals("r2")).count(), "the uplink segment's switch too");
        assertEquals(lab.sw1.portNames().indexOf("r2"), lab.sw1.lookup(LAN_VLAN, vmac));
        assertHostsKeptTheVirtualMac(lab, vmac);
        assertGratuitousArp(lab, "r2", takeover, vmac);
        for (String h : List.of("h1", "h2")) {
            assertOutage(lab, h, crashAt, takeover, holdtime + lab.options.probeInterval() + SLACK);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    @DisplayName("power failure (crash, carrier lost): the switch forgets the virtual MAC with the port and learns it on r2's port from the new Active; hosts unchanged")
    void powerFailure(String name, HsrpLab.Options options, MacAddress vmac) {
        HsrpLab lab = new HsrpLab(options);
        long crashAt = failureAt(options);
        lab.sim.crash(crashAt, "r1");
        lab.sim.run(crashAt + 3 * options.holdNanos());

        long takeover = lab.becameActive("r2", LAN_GROUP).getFirst();
        assertEquals(lab.lastActiveHelloBefore(1, 0, crashAt) + options.holdNanos(), takeover);
        assertTrue(lab.trace.ofType(TraceEvent.MacRemoved.class, "sw1").contains(
                new TraceEvent.MacRemoved(crashAt, "sw1", LAN_VLAN, vmac, "r1", "port down")));
        assertTrue(lab.trace.ofType(TraceEvent.MacLearned.class, "sw1").contains(
                new TraceEvent.MacLearned(takeover + lab.options.latency(), "sw1", LAN_VLAN, vmac, "r2")));
        assertHostsKeptTheVirtualMac(lab, vmac);
        for (String h : List.of("h1", "h2")) {
            assertOutage(lab, h, crashAt, takeover, options.holdNanos() + lab.options.probeInterval() + SLACK);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    @DisplayName("RFC 2281 §5.7 (i, Standby): a graceful shutdown costs the hosts one Resign's trip + one ping interval, far less than a Holdtime")
    void gracefulShutdown(String name, HsrpLab.Options options, MacAddress vmac) {
        HsrpLab lab = new HsrpLab(options);
        long shutdownAt = failureAt(options);
        lab.sim.shutdown(shutdownAt, "r1");
        lab.sim.run(shutdownAt + 3 * options.holdNanos());

        long takeover = lab.becameActive("r2", LAN_GROUP).getFirst();
        assertEquals(shutdownAt + 2 * lab.options.latency(), takeover);
        assertHostsKeptTheVirtualMac(lab, vmac);
        assertGratuitousArp(lab, "r2", takeover, vmac);
        for (String h : List.of("h1", "h2")) {
            long outage = assertOutage(lab, h, shutdownAt, takeover, 2 * lab.options.latency() + lab.options.probeInterval() + SLACK);
            assertTrue(outage < options.holdNanos() / 10, "far shorter than a crash: " + outage);
        }
    }
}
