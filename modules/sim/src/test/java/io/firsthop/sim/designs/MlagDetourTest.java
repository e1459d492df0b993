package io.firsthop.sim.designs;

import static io.firsthop.sim.designs.MlagLab.MEASURE_FROM;
import static io.firsthop.sim.designs.MlagLab.S;
import static io.firsthop.sim.designs.ProbePaths.sentFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.BondHash;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.designs.MlagLab.Mode;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Point 11 of the notes: on an MLAG pair, what active-standby costs and what the active-active
 * designs save, measured as peer-link crossings and added RTT against the figures the link
 * latencies predict (access 10 us, peer link 25 us, uplink 40 us, server 10 us).
 */
class MlagDetourTest {
    static final int HOSTS = 16;
    static final long END = 3 * S;

    /** Runs the lab and checks every flow against its prediction; returns the share of flows that cross. */
    static double checkEveryFlow(MlagLab lab) {
        lab.run(END);
        int crossing = 0;
        int flows = 0;
        for (HostConfig h : lab.hosts) {
            for (int f = 0; f < MlagLab.FLOWS_PER_HOST; f++) {
                PathStats s = lab.paths.stats(h.name(), "f" + f, sentFrom(MEASURE_FROM));
                boolean crosses = lab.predictedToCross(h, f);
                String flow = h.name() + "/f" + f;
                assertEquals(15, s.sent(), flow + " probes sent");
                assertEquals(s.sent(), s.answered(), flow + " every probe answered");
                assertEquals(crosses ? 1.0 : 0.0, s.crossingsPerRoundTrip("peer"), flow + " peer-link crossings per round trip");
                assertEquals(lab.predictedRtt(crosses), s.minRttNanos(), flow + " RTT");
                assertEquals(lab.predictedRtt(crosses), s.maxRttNanos(), flow + " RTT");
                if (crosses) crossing++;
                flows++;
            }
        }
        return (double) crossing / flows;
    }

    static void report(MlagLab lab) {
        PathStats all = lab.paths.stats(sentFrom(MEASURE_FROM));
        System.out.printf("MLAG %-20s peer-link share %.3f, crossings/rt %.3f, mean RTT %.1f us (base %.1f us, +%.1f us), routed by rB %.3f%n",
                lab.mode, all.shareCrossing("peer"), all.crossingsPerRoundTrip("peer"), all.meanRttNanos() / 1e3,
                lab.predictedRtt(false) / 1e3, (all.meanRttNanos() - lab.predictedRtt(false)) / 1e3, all.requestCrossingsPerProbe("up-b"));
    }

    @Nested
    @DisplayName("active-standby (one gateway forwards)")
    class ActiveStandby {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Mode.class, names = {"ACTIVE_STANDBY_VRRP", "ACTIVE_STANDBY_HSRP"})
        @DisplayName("about half of the flows hash to the standby's switch and cross the peer link, each paying the peer link's latency once")
        void halfTheFlowsDetour(Mode mode) {
            MlagLab lab = new MlagLab(mode, HOSTS);
            double share = checkEveryFlow(lab);
            report(lab);
            PathStats all = lab.paths.stats(sentFrom(MEASURE_FROM));
            assertEquals(share, all.shareCrossing("peer"), 1e-9);
            assertTrue(share > 0.3 && share < 0.7, "about half of the flows cross the peer link, was " + share);
            assertEquals(0.0, all.requestCrossingsPerProbe("up-b"), "the standby routes nothing");
            long added = all.meanRttNanos() - lab.predictedRtt(false);
            assertEquals(Math.round(share * MlagLab.PEER), added, 1, "mean added RTT = share x peer-link latency");
        }
    }

    @Nested
    @DisplayName("active-active (both peers forward)")
    class ActiveActive {
        @Test
        @DisplayName("vPC peer-gateway: each peer routes the virtual MAC itself; no frame crosses the peer link, no RTT is added")
        void peerGateway() {
            MlagLab lab = new MlagLab(Mode.ACTIVE_ACTIVE, HOSTS);
            checkEveryFlow(lab);
            report(lab);
            PathStats all = lab.paths.stats(sentFrom(MEASURE_FROM));
            assertEquals(0.0, all.shareCrossing("peer"));
            double toB = predictedShareOnMember(lab, 1);
            assertEquals(toB, all.requestCrossingsPerProbe("up-b"), 1e-9, "rB routes exactly the flows hashed to swB");
            for (HostConfig h : lab.hosts) {
                assertEquals(VrrpAdvertisement.virtualMac(1), lab.hostDevices.get(h.name()).arpLookup(MlagLab.VIP), "hosts still use the VRRP MAC");
            }
        }

        @Test
        @DisplayName("Arista VARP: both peers answer ARP with one virtual MAC and route it, no election; nothing crosses the peer link")
        void varp() {
            MlagLab lab = new MlagLab(Mode.VARP, HOSTS);
            TraceRecorder trace = new TraceRecorder(false);
            lab.sim.addTraceSink(trace);
            checkEveryFlow(lab);
            report(lab);
            PathStats all = lab.paths.stats(sentFrom(MEASURE_FROM));
            assertEquals(0.0, all.shareCrossing("peer"));
            assertEquals(predictedShareOnMember(lab, 1), all.requestCrossingsPerProbe("up-b"), 1e-9);
            for (HostConfig h : lab.hosts) {
                assertEquals(MlagLab.VARP_MAC, lab.hostDevices.get(h.name()).arpLookup(MlagLab.VIP));
            }
            // one StateChanged per router at power-on, nothing after: no election, no hello
            assertEquals(2, trace.ofType(TraceEvent.StateChanged.class).size());
            assertEquals(0, trace.ofType(TraceEvent.StateChanged.class).stream().filter(e -> e.at() > 0).count());
        }

        @Test
        @DisplayName("VARP: one peer (switch and router) dies; every flow moves to the survivor with nothing lost and no election")
        void varpPeerDies() {
            MlagLab lab = new MlagLab(Mode.VARP, HOSTS);
            TraceRecorder trace = new TraceRecorder(false);
            lab.sim.addTraceSink(trace);
            long failAt = 2 * S + 50 * MlagLab.MS;
            lab.sim.crash(failAt, "swB");
            lab.sim.crash(failAt, "rB");
            lab.run(END);
            PathStats after = lab.paths.stats(p -> p.sentAt() > failAt && p.sentAt() < END - 50 * MlagLab.MS);
            assertEquals(HOSTS * MlagLab.FLOWS_PER_HOST * 9, after.sent());
            assertEquals(after.sent(), after.answered());
            // (the very first probes may die in the routers' ARP queues at start-up, as with Linux's unres_qlen)
            assertEquals(List.of(), lab.paths.stats(p -> p.sentAt() >= MEASURE_FROM && p.sentAt() < END - 50 * MlagLab.MS)
                    .probes().stream().filter(ProbePaths.Probe::lost).toList(), "nothing lost");
            assertEquals(lab.predictedRtt(false), after.maxRttNanos());
            assertEquals(0.0, after.requestCrossingsPerProbe("up-b"));
            assertEquals(0, trace.ofType(TraceEvent.StateChanged.class, "rA").stream().filter(e -> e.at() > 0).count(), "rA's gateway never changed state");
        }

        @Test
        @DisplayName("a dual-homed host losing one member: its flows move to the other, still routed locally; the pair moves its MAC to the peer link")
        void memberLoss() {
            MlagLab lab = new MlagLab(Mode.ACTIVE_ACTIVE, HOSTS);
            TraceRecorder trace = new TraceRecorder(false);
            lab.sim.addTraceSink(trace);
            lab.sim.cutLink(2 * S, "h1-b");
            lab.run(END);
            long after = 2 * S + 1;
            PathStats h1 = lab.paths.stats(p -> p.host().equals("h1") && p.sentAt() >= after);
            assertEquals(h1.sent(), h1.answered());
            assertEquals(0.0, h1.shareCrossing("peer"));
            assertEquals(lab.predictedRtt(false), h1.maxRttNanos());
            assertEquals(0.0, h1.requestCrossingsPerProbe("up-b"), "all of h1 now enters swA and is routed by rA");
            assertEquals(0, lab.paths.stats(p -> p.host().equals("h1") && p.sentAt() >= MEASURE_FROM).lost(), "nothing was lost: the cut happened between probes");
            assertTrue(trace.ofType(TraceEvent.MacMoved.class, "swB").stream()
                            .anyMatch(m -> m.mac().equals(lab.hosts.get(0).mac()) && m.newPort().equals("peer")),
                    "swB reaches h1 through the peer link now");
            assertEquals(lab.swA.portIndex("h1"), lab.swA.lookup(10, lab.hosts.get(0).mac()), "swA keeps h1 on its member");
        }
    }

    @Nested
    @DisplayName("load sharing with two groups")
    class SplitGroups {
        @Test
        @DisplayName("two VRRP groups split across the routers share the routing, but the peer-link detour stays: about half of the flows still cross")
        void splitGroups() {
            MlagLab lab = new MlagLab(Mode.SPLIT_GROUPS, HOSTS);
            double share = checkEveryFlow(lab);
            report(lab);
            PathStats all = lab.paths.stats(sentFrom(MEASURE_FROM));
            assertTrue(share > 0.3 && share < 0.7, "about half of the flows cross the peer link, was " + share);
            assertEquals(0.5, all.requestCrossingsPerProbe("up-b"), 1e-9, "rB routes the half of the hosts that use 10.0.10.254");
        }
    }

    /** The share of flows whose requests the bond hashes to {@code member}. */
    static double predictedShareOnMember(MlagLab lab, int member) {
        int n = 0;
        int total = 0;
        for (HostConfig h : lab.hosts) {
            for (int f = 0; f < MlagLab.FLOWS_PER_HOST; f++) {
                if (BondHash.probeMember(h.address().address(), MlagLab.SERVER_IP, f) == member) n++;
                total++;
            }
        }
        return (double) n / total;
    }
}
