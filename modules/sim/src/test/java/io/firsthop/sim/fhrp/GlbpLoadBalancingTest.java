package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.GlbpLab.S;
import static io.firsthop.sim.fhrp.GlbpLab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.glbp.GlbpVgState;
import io.firsthop.core.glbp.LoadBalancing;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GLBP with four routers and forty hosts: the AVG spreads the hosts over the four virtual MACs
 * as its load-balancing method says (Cisco "Configuring GLBP", GLBP Load Balancing), read from
 * the hosts' own ARP caches, and each router then carries the traffic of its forwarder's hosts.
 */
class GlbpLoadBalancingTest {
    /** Every host has pinged, ARPed and been answered by then. */
    static final long SETTLED = 45 * S;

    static Map<Integer, MacAddress> gatewayMacs(GlbpLab lab) {
        Map<Integer, MacAddress> macs = new HashMap<>();
        for (int i = 1; i <= lab.hosts.size(); i++) macs.put(i, lab.host(i).arpLookup(VIP));
        return macs;
    }

    @Test
    @DisplayName("Cisco GLBP election: r1 (110) is AVG, r4 (highest address) standby VG; forwarders 1..4 go to r1..r4, the AVG's first, then in the order the Requests came")
    void electionAndAssignment() {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults());
        lab.sim.run(SETTLED);

        assertEquals(GlbpVgState.ACTIVE, lab.lanGroups.get(0).core().vgState());
        assertEquals(GlbpVgState.LISTEN, lab.lanGroups.get(1).core().vgState());
        assertEquals(GlbpVgState.LISTEN, lab.lanGroups.get(2).core().vgState());
        assertEquals(GlbpVgState.STANDBY, lab.lanGroups.get(3).core().vgState());
        assertEquals(new TraceEvent.StateChanged(20 * S, "r1", GlbpLab.LAN_GROUP, "Speak", "Active", "active-down"),
                lab.firstChange("r1", GlbpLab.LAN_GROUP, "Active", 0).orElseThrow());
        for (int r = 0; r < GlbpLab.ROUTERS; r++) {
            assertEquals(r + 1, lab.primaryForwarder(r), GlbpLab.routerName(r) + " owns forwarder " + (r + 1));
            assertEquals("Active", lab.firstChange(GlbpLab.routerName(r), GlbpLab.forwarderGroup(r + 1), "Active", 0).orElseThrow().to());
        }
    }

    @Test
    @DisplayName("round-robin (Cisco's default): the AVG answers the forty ARP requests with forwarders 1, 2, 3, 4, 1, ...: 10 / 10 / 10 / 10 in the hosts' caches, and each router carries its ten")
    void roundRobin() {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults());
        lab.sim.run(SETTLED);

        assertEquals(Map.of(1, 10, 2, 10, 3, 10, 4, 10), lab.hostsPerForwarder());
        for (int i = 1; i <= 40; i++) {
            assertEquals(GlbpLab.virtualMac((i - 1) % 4 + 1), lab.host(i).arpLookup(VIP), "h" + i);
            assertEquals(1, lab.gatewayLearned(i).size(), "h" + i + " ARPed once");
        }
        // the AVG's replies name the virtual MACs but come from its interface MAC: each switch
        // learned every virtual MAC at its AVF's port only (from the AVF's hellos), none moved
        for (int f = 1; f <= 4; f++) {
            assertEquals(lab.sw1.portNames().indexOf(GlbpLab.routerName(f - 1)), lab.sw1.lookup(GlbpLab.LAN_VLAN, GlbpLab.virtualMac(f)));
        }
        assertEquals(List.of(), lab.trace.ofType(TraceEvent.MacMoved.class, "sw1"));
        // the data plane follows: each router forwards exactly the pings of its forwarder's hosts upstream
        for (int r = 0; r < GlbpLab.ROUTERS; r++) {
            List<Integer> carried = hostsForwardedBy(lab, r, 42 * S, SETTLED);
            assertEquals(lab.hostsOf(r + 1), carried, GlbpLab.routerName(r) + " carries its forwarder's hosts");
            assertEquals(10, carried.size());
        }
    }

    @Test
    @DisplayName("weighted: r3 and r4 at weighting 50, r1 and r2 at 100: the forty replies split 2:2:1:1, 13 / 13 / 7 / 7")
    void weighted() {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults().withLoadBalancing(LoadBalancing.WEIGHTED)
                .withWeighting(2, 50, 1, 50).withWeighting(3, 50, 1, 50));
        lab.sim.run(SETTLED);

        assertEquals(Map.of(1, 13, 2, 13, 3, 7, 4, 7), lab.hostsPerForwarder());
        // smooth weighted round-robin: the cycle 1, 2, 3, 4, 1, 2 repeats
        int[] cycle = {1, 2, 3, 4, 1, 2};
        for (int i = 1; i <= 40; i++) {
            assertEquals(GlbpLab.virtualMac(cycle[(i - 1) % 6]), lab.host(i).arpLookup(VIP), "h" + i);
        }
    }

    @Test
    @DisplayName("host-dependent: a host gets the same forwarder whatever order the hosts ask in and every time it asks again; all four are used")
    void hostDependent() {
        GlbpLab.Options options = GlbpLab.Options.defaults().withLoadBalancing(LoadBalancing.HOST_DEPENDENT).withProbes(S, 40 * S);
        GlbpLab forward = new GlbpLab(options, false);
        GlbpLab reverse = new GlbpLab(options.inReverseOrder(), false);
        // the hosts' entries live 60 s: by 170 s each host has asked three times
        forward.sim.run(170 * S);
        reverse.sim.run(170 * S);

        assertEquals(gatewayMacs(forward), gatewayMacs(reverse), "the order of the requests does not matter");
        for (int i = 1; i <= 40; i++) {
            List<TraceEvent.ArpLearned> learned = forward.gatewayLearned(i);
            assertEquals(3, learned.size(), "h" + i + " resolved the gateway three times (its entry expires every 60 s)");
            for (TraceEvent.ArpLearned l : learned) assertEquals(learned.getFirst().mac(), l.mac(), "h" + i + " always gets the same MAC");
        }
        Map<Integer, Integer> spread = forward.hostsPerForwarder();
        assertEquals(40, spread.values().stream().mapToInt(Integer::intValue).sum());
        for (int f = 1; f <= 4; f++) assertTrue(spread.get(f) >= 4, "forwarder " + f + " has " + spread.get(f) + " hosts: " + spread);
        // the same two runs under round-robin do depend on the order
        GlbpLab rrForward = new GlbpLab(GlbpLab.Options.defaults().withProbes(S, 40 * S), false);
        GlbpLab rrReverse = new GlbpLab(GlbpLab.Options.defaults().withProbes(S, 40 * S).inReverseOrder(), false);
        rrForward.sim.run(SETTLED);
        rrReverse.sim.run(SETTLED);
        assertNotEquals(gatewayMacs(rrForward), gatewayMacs(rrReverse));
    }

    /** The hosts (by number) whose pings router {@code r} forwarded out of its uplink in [from, to). */
    static List<Integer> hostsForwardedBy(GlbpLab lab, int r, long from, long to) {
        List<Integer> hosts = new ArrayList<>();
        for (TraceEvent.FrameSent s : lab.trace.ofType(TraceEvent.FrameSent.class, GlbpLab.routerName(r))) {
            if (s.at() < from || s.at() >= to || !s.port().equals("ge1") || !(s.frame().payload() instanceof Ipv4Packet ip)) continue;
            int last = ip.source().value() & 0xFF;
            if ((ip.source().value() >>> 8) == (VIP.value() >>> 8) && last >= 11 && last <= 50 && !hosts.contains(last - 10)) {
                hosts.add(last - 10);
            }
        }
        hosts.sort(null);
        return hosts;
    }
}
