package io.firsthop.sim.designs;

import static io.firsthop.sim.designs.ProbePaths.sentBetween;
import static io.firsthop.sim.designs.ProbePaths.sentFrom;
import static io.firsthop.sim.designs.TwoSiteLab.ANYCAST_MAC;
import static io.firsthop.sim.designs.TwoSiteLab.GW10;
import static io.firsthop.sim.designs.TwoSiteLab.MEASURE_FROM;
import static io.firsthop.sim.designs.TwoSiteLab.MS;
import static io.firsthop.sim.designs.TwoSiteLab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.BondHash;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.vrrp.VrrpState;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.designs.TwoSiteLab.Design;
import io.firsthop.wire.Ipv4Address;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Point 12 of the notes: seoul and daegu joined by a 2 ms (one-way) WAN, one stretched network,
 * and what a remote gateway costs: the tromboning (RTT seen minus RTT through the nearest
 * gateway) and the WAN crossings per round trip, each held against the figure the link
 * latencies predict (access links 50 us, WAN 2 ms, SVIs 0).
 */
class AnycastAcrossSitesTest {
    static final long END = 4 * S;
    /** Probes sent from here on may still be in flight at the end. */
    static final long LAST = END - 50 * MS;

    static TwoSiteLab run(Design design, boolean serversCentralised) {
        TwoSiteLab lab = new TwoSiteLab(design, serversCentralised);
        lab.run(END);
        return lab;
    }

    static PathStats steady(TwoSiteLab lab, String host, String flow) {
        PathStats s = lab.paths.stats(host, flow, sentBetween(MEASURE_FROM, LAST));
        assertEquals(15, s.sent(), host + "/" + flow + " probes");
        assertEquals(s.sent(), s.answered(), host + "/" + flow + " all answered");
        assertEquals(s.minRttNanos(), s.maxRttNanos(), host + "/" + flow + " one path, one RTT");
        return s;
    }

    @Test
    @DisplayName("a daegu host whose only gateway is in seoul pays 2 WAN crossings (4 ms) more RTT to a daegu server; with the anycast gateway it pays nothing extra")
    void tromboneToSeoul() {
        TwoSiteLab anycast = run(Design.ANYCAST, false);
        TwoSiteLab centralised = run(Design.CENTRALISED, false);
        PathStats near = steady(anycast, "h-daegu", "to-srv-daegu");
        PathStats far = steady(centralised, "h-daegu", "to-srv-daegu");
        long nearest = 2 * anycast.oneWay(0);

        Tromboning viaAnycast = Tromboning.of("h-daegu/to-srv-daegu", near, nearest, "wan");
        Tromboning viaSeoul = Tromboning.of("h-daegu/to-srv-daegu", far, nearest, "wan");
        System.out.println("anycast:     " + viaAnycast);
        System.out.println("centralised: " + viaSeoul);

        assertEquals(nearest, near.meanRttNanos(), "anycast: two access links each way");
        assertEquals(0, viaAnycast.costNanos());
        assertEquals(0.0, viaAnycast.wanCrossings());
        // the request goes to seoul and comes back; the server's own (daegu) gateway answers directly
        assertEquals(centralised.oneWay(2) + centralised.oneWay(0), far.meanRttNanos());
        assertEquals(2.0, viaSeoul.wanCrossings());
        assertEquals(2 * TwoSiteLab.WAN, viaSeoul.costNanos(), "4 ms: one WAN round trip");
        assertEquals(4 * MS, viaSeoul.costNanos());
    }

    @Test
    @DisplayName("when the servers' gateway is in seoul too, both directions trombone: 4 WAN crossings, 8 ms")
    void tromboneBothWays() {
        TwoSiteLab lab = run(Design.CENTRALISED, true);
        PathStats far = steady(lab, "h-daegu", "to-srv-daegu");
        Tromboning t = Tromboning.of("h-daegu/to-srv-daegu", far, 2 * lab.oneWay(0), "wan");
        System.out.println("centralised both ways: " + t);
        assertEquals(4.0, t.wanCrossings());
        assertEquals(2 * lab.oneWay(2), far.meanRttNanos());
        assertEquals(4 * TwoSiteLab.WAN, t.costNanos());
    }

    @Test
    @DisplayName("a VRRP group stretched across the sites: one Master (seoul) serves both, so daegu's local traffic trombones like a centralised gateway")
    void stretchedVrrp() {
        TwoSiteLab lab = run(Design.STRETCHED_VRRP, false);
        assertEquals(VrrpState.MASTER, ((VrrpGroup) lab.routers.get("s1").groups().get(0)).state());
        for (String leaf : new String[] {"s2", "d1", "d2"}) {
            assertEquals(VrrpState.BACKUP, ((VrrpGroup) lab.routers.get(leaf).groups().get(0)).state(), leaf);
        }
        PathStats far = steady(lab, "h-daegu", "to-srv-daegu");
        Tromboning t = Tromboning.of("h-daegu/to-srv-daegu", far, 2 * lab.oneWay(0), "wan");
        System.out.println("stretched VRRP: " + t);
        assertEquals(2.0, t.wanCrossings());
        assertEquals(2 * TwoSiteLab.WAN, t.costNanos());
        PathStats seoul = steady(lab, "h-seoul", "to-srv-seoul");
        assertEquals(2 * lab.oneWay(0), seoul.meanRttNanos(), "seoul's hosts have the Master next door");
    }

    @Test
    @DisplayName("per flow and design: only traffic that the nearest gateway would keep in one site trombones; cross-site flows pay their 2 crossings in every design")
    void tromboningTable() {
        Map<String, Integer> anycastCrossings = Map.of(
                "h-seoul/to-srv-seoul", 0, "h-seoul/to-srv-daegu", 2, "h-daegu/to-srv-seoul", 2, "h-daegu/to-srv-daegu", 0);
        Map<String, Integer> remoteCrossings = Map.of(
                "h-seoul/to-srv-seoul", 0, "h-seoul/to-srv-daegu", 2, "h-daegu/to-srv-seoul", 2, "h-daegu/to-srv-daegu", 2);
        TwoSiteLab anycast = run(Design.ANYCAST, false);
        for (Design design : Design.values()) {
            TwoSiteLab lab = design == Design.ANYCAST ? anycast : run(design, false);
            Map<String, Integer> expected = design == Design.ANYCAST ? anycastCrossings : remoteCrossings;
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                String[] hf = e.getKey().split("/");
                PathStats seen = steady(lab, hf[0], hf[1]);
                long nearest = lab.oneWay(anycastCrossings.get(e.getKey()) / 2) * 2;
                Tromboning t = Tromboning.of(e.getKey(), seen, nearest, "wan");
                System.out.printf("%-15s %s%n", design, t);
                assertEquals(e.getValue().doubleValue(), t.wanCrossings(), design + " " + e.getKey());
                assertEquals(lab.oneWay(e.getValue() / 2) * 2, seen.meanRttNanos(), design + " " + e.getKey());
                assertEquals(steady(anycast, hf[0], hf[1]).meanRttNanos(), nearest, "the anycast gateway is the nearest: " + e.getKey());
            }
        }
    }

    @Nested
    @DisplayName("leaf failures with the anycast gateway")
    class LeafFailure {
        @Test
        @DisplayName("a host dual-homed to two leaves loses one: its flows move to the other leaf, same gateway MAC, no election, nothing lost")
        void dualHomedHostKeepsItsGateway() {
            TwoSiteLab lab = new TwoSiteLab(Design.ANYCAST, false);
            TraceRecorder trace = new TraceRecorder(false);
            lab.sim.addTraceSink(trace);
            long failAt = 3 * S + 50 * MS;
            lab.sim.crash(failAt, "d2-leaf");
            lab.sim.crash(failAt, "d2-router");
            lab.run(END);

            int onD2 = 0;
            for (int f = 0; f < 4; f++) {
                int member = BondHash.probeMember(Ipv4Address.parse("10.0.10.13"), TwoSiteLab.SRV_DAEGU, f);
                PathStats before = lab.paths.stats("h-dual", "f" + f, sentBetween(MEASURE_FROM, failAt));
                PathStats after = lab.paths.stats("h-dual", "f" + f, sentBetween(failAt, LAST));
                // through d2: d2 routes, the frame to the server crosses the daegu peer link; the
                // server answers through d1's gateway, which reaches the host on its own member
                long viaD2 = PathLatency.of(lab.sim, "h-dual-d2", "d-peer", "srv-daegu-link", "srv-daegu-link", "h-dual-d1");
                long viaD1 = 2 * PathLatency.of(lab.sim, "h-dual-d1", "srv-daegu-link");
                assertEquals(member == 1 ? viaD2 : viaD1, before.maxRttNanos(), "f" + f + " before");
                assertEquals(before.sent(), before.answered());
                assertEquals(viaD1, after.maxRttNanos(), "f" + f + " after: through d1");
                assertEquals(after.sent(), after.answered(), "f" + f + ": nothing lost");
                if (member == 1) onD2++;
            }
            assertTrue(onD2 > 0 && onD2 < 4, "the bond spread the flows over both leaves (" + onD2 + " on d2)");
            assertEquals(ANYCAST_MAC, lab.hosts.get("h-dual").arpLookup(GW10));
            // the dying leaf's own gateway goes down with it; no other gateway changes state
            assertEquals(List.of(), trace.ofType(TraceEvent.StateChanged.class).stream()
                    .filter(e -> e.at() > 0 && !e.device().equals("d2-router")).toList(), "no election anywhere");
            assertEquals(0, trace.ofType(TraceEvent.ArpLearned.class, "h-dual").stream().filter(e -> e.at() >= failAt).count(),
                    "the host re-learns nothing");
        }

        @Test
        @DisplayName("daegu loses both leaves' gateways: its hosts fall back to seoul's anycast gateway, same MAC, nothing re-learned, and now pay 4 WAN crossings (8 ms) to a daegu server")
        void siteFallsBackToTheOtherSite() {
            TwoSiteLab lab = new TwoSiteLab(Design.ANYCAST, false);
            TraceRecorder trace = new TraceRecorder(false);
            lab.sim.addTraceSink(trace);
            long failAt = 3 * S + 50 * MS;
            lab.sim.crash(failAt, "d1-router");
            lab.sim.crash(failAt, "d2-router");
            lab.run(END);

            PathStats before = lab.paths.stats("h-daegu", "to-srv-daegu", sentBetween(MEASURE_FROM, failAt));
            // the first probe after the failure waits for seoul's router to resolve the daegu hosts
            PathStats after = lab.paths.stats("h-daegu", "to-srv-daegu", sentBetween(failAt + 200 * MS, LAST));
            PathStats all = lab.paths.stats("h-daegu", "to-srv-daegu", sentBetween(MEASURE_FROM, LAST));
            assertEquals(all.sent(), all.answered(), "nothing lost: nothing had to move");
            assertEquals(2 * lab.oneWay(0), before.maxRttNanos());
            assertEquals(0.0, before.crossingsPerRoundTrip("wan"));
            assertEquals(after.minRttNanos(), after.maxRttNanos());
            assertEquals(2 * lab.oneWay(2), after.meanRttNanos(), "request and reply each cross the WAN to seoul and back");
            assertEquals(4.0, after.crossingsPerRoundTrip("wan"));
            Tromboning fallback = Tromboning.of("h-daegu/to-srv-daegu", after, before.meanRttNanos(), "wan");
            System.out.println("daegu fallback to seoul: " + fallback);
            assertEquals(4 * TwoSiteLab.WAN, fallback.costNanos(), "8 ms of cross-site latency");

            PathStats toSeoul = lab.paths.stats("h-daegu", "to-srv-seoul", sentBetween(failAt + 200 * MS, LAST));
            assertEquals(2 * lab.oneWay(1), toSeoul.meanRttNanos(), "traffic to seoul pays what it paid before");
            assertEquals(ANYCAST_MAC, lab.hosts.get("h-daegu").arpLookup(GW10), "same gateway MAC");
            assertEquals(0, trace.ofType(TraceEvent.ArpLearned.class, "h-daegu").stream().filter(e -> e.at() >= failAt).count(),
                    "the host re-learns nothing");
            assertEquals(0, trace.ofType(TraceEvent.ArpLearned.class, "srv-daegu").stream().filter(e -> e.at() >= failAt).count(),
                    "nor does the server");
        }
    }
}
