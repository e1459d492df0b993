package io.firsthop.report;

import static io.firsthop.report.SyntheticTrace.MS;
import static io.firsthop.report.SyntheticTrace.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The report's figures agree with the trace")
class RecorderFiguresTest {
    static final long CRASH = 10 * S;
    static final long TAKEOVER = CRASH + 3_609 * MS; // 3 x 1 s + skew: Master_Down_Interval of a priority-100 backup
    /** Probes sent before this are lost: the path comes back 5 ms after the takeover. */
    static final long RECOVERED_FROM = TAKEOVER + 5 * MS;
    /** On the 10 ms grid from 4 s: the probes sent at 10.000 .. 13.610 s are lost. */
    static final long LOST = 362;
    static final long FIRST_ANSWERED_SENT = 13_620 * MS;

    /** r1 Master until its crash at 10 s; r2 takes over for no-response; probes every 10 ms lost in between. */
    static SyntheticTrace vrrpCrash(boolean frames) {
        SyntheticTrace t = new SyntheticTrace();
        t.state(0, "r1", "vrrp 1 on ge0", "initialize", "backup", "startup");
        t.state(0, "r2", "vrrp 1 on ge0", "initialize", "backup", "startup");
        t.state(3_609 * MS, "r1", "vrrp 1 on ge0", "backup", "master", "no-response");
        if (frames) t.advertsReceived("r2", "ge0", 3_700 * MS, CRASH, S, 1, 110);
        t.add(new TraceEvent.DeviceEvent(CRASH, "r1", "crash"));
        t.add(new TraceEvent.DeviceEvent(CRASH, "r1", "crash"));
        t.state(TAKEOVER, "r2", "vrrp 1 on ge0", "backup", "master", "no-response");
        if (frames) t.gratuitousArp(TAKEOVER, "r2", "ge0");
        t.add(new TraceEvent.MacMoved(TAKEOVER + 20_000, "sw1", 0, SyntheticTrace.VMAC, "p2", "p3"));
        t.probes("h1", "h1-out", 4 * S, 20 * S, 10 * MS, S,
                sent -> sent >= CRASH && sent < RECOVERED_FROM ? -1 : 400_000 + (sent / MS % 7) * 10_000,
                sent -> SyntheticTrace.VMAC, frames);
        return t;
    }

    static ReportContext context() {
        return ReportContext.of(RunInfo.of("synthetic", "virtual", 1))
                .withTopology(new Topology(List.of(new Topology.Node("h1", "host", "seoul"), new Topology.Node("sw1", "switch", "seoul"),
                        new Topology.Node("r1", "router", "seoul"), new Topology.Node("r2", "router", "daegu")),
                        List.of(new Topology.Link("l1", "h1:eth0", "sw1:p1"), new Topology.Link("l2", "r1:ge0", "sw1:p2"),
                                new Topology.Link("l3", "r2:ge0", "sw1:p3"))));
    }

    @Nested
    @DisplayName("Flows")
    class Flows {
        final RunReport report = vrrpCrash(false).feed(RunRecorder.inMemory(context()));
        final FlowReport flow = report.flow("h1-out");

        @Test
        @DisplayName("sent, received and lost count every probe of the trace")
        void counts() {
            assertEquals(1600, flow.sent());
            assertEquals(LOST, flow.lost());
            assertEquals(1600 - LOST, flow.received());
            assertEquals(0, flow.pending());
            assertEquals(10 * MS, flow.intervalNs());
        }

        @Test
        @DisplayName("the outage window starts at the first lost probe's sending and ends at the next answered one's, holding exactly the probes lost in it")
        void outageWindow() {
            assertEquals(1, flow.outages().size());
            Outage o = flow.outages().get(0);
            assertEquals(CRASH, o.startNs());
            assertEquals(FIRST_ANSWERED_SENT, o.endNs());
            assertEquals(o.endNs() - o.startNs(), o.durationNs());
            assertEquals(LOST, o.probesLost());
            assertEquals(LOST, (o.endNs() - o.startNs()) / (10 * MS), "the window holds exactly the lost probes' send slots");
            assertEquals(flow.lost(), o.probesLost());
            assertEquals(600, o.firstLostSequence(), "ordinal of the probe sent at 10 s, probes from 4 s");
            assertTrue(o.recovered());
        }

        @Test
        @DisplayName("RTT percentiles are HdrHistogram's on the same RTTs")
        void percentiles() {
            Histogram h = new Histogram(3);
            for (long t = 4 * S; t < 20 * S; t += 10 * MS) {
                if (t >= CRASH && t < RECOVERED_FROM) continue;
                h.recordValue(400_000 + (t / MS % 7) * 10_000);
            }
            assertEquals(h.getValueAtPercentile(50) / 1e6, flow.rtt().p50Ms());
            assertEquals(h.getValueAtPercentile(90) / 1e6, flow.rtt().p90Ms());
            assertEquals(h.getValueAtPercentile(99) / 1e6, flow.rtt().p99Ms());
            assertEquals(h.getMaxValue() / 1e6, flow.rtt().maxMs());
            assertEquals(h.getTotalCount(), flow.rtt().count());
            assertEquals(0.4, flow.rtt().minMs(), 1e-9);
        }

        @Test
        @DisplayName("the gateway is the virtual MAC's Master: r1 before the crash, r2 after, with their sites")
        void gateways() {
            assertEquals(2, flow.gateways().size());
            GatewaySpan before = flow.gateways().get(0);
            GatewaySpan after = flow.gateways().get(1);
            assertEquals("r1", before.device());
            assertEquals("seoul", before.site());
            assertEquals("vrrp:1", before.owner());
            assertEquals("00:00:5e:00:01:01", before.mac());
            assertEquals("r2", after.device());
            assertEquals("daegu", after.site());
            assertEquals(FIRST_ANSWERED_SENT, after.startNs());
            assertEquals(9_990 * MS, before.endNs());
            assertEquals("r1", flow.gatewayAt(9 * S).device());
            assertEquals("r2", flow.gatewayAt(15 * S).device());
        }

        @Test
        @DisplayName("the timeline's buckets add up to the flow's counts")
        void timeline() {
            long sent = 0;
            long lost = 0;
            for (TimelineBucket b : flow.timeline()) {
                sent += b.sent();
                lost += b.lost();
            }
            assertEquals(flow.sent(), sent);
            assertEquals(flow.lost(), lost);
            long histogram = flow.rttHistogram().stream().mapToLong(RttBucket::count).sum();
            assertEquals(flow.received(), histogram);
        }
    }

    @Nested
    @DisplayName("Groups")
    class Groups {
        final RunReport report = vrrpCrash(true).feed(RunRecorder.inMemory(context()));
        final GroupReport group = report.group("vrrp:1");

        @Test
        @DisplayName("a crashed Master leaves the role at the crash (the router says nothing), so there is no dual master")
        void crashEndsMastership() {
            assertNotNull(group);
            assertEquals(List.of("r1"), group.holdersAt(CRASH - 1));
            assertEquals(List.of(), group.holdersAt(CRASH));
            assertEquals(List.of("r2"), group.holdersAt(TAKEOVER));
            assertTrue(group.dualMasters().isEmpty());
            Transition down = group.transitions().stream().filter(t -> t.to().equals("down")).findFirst().orElseThrow();
            assertEquals(CRASH, down.atNs());
            assertEquals("crash", down.cause());
            assertEquals(1, group.transitions().stream().filter(t -> t.to().equals("down")).count(), "engine and core crash are one");
        }

        @Test
        @DisplayName("counters carry the ietf-vrrp names: master-transitions from the trace, advertisement-rcvd from frames")
        void counters() {
            GroupMember r2 = group.members().stream().filter(m -> m.device().equals("r2")).findFirst().orElseThrow();
            Map<String, Long> c = r2.counters();
            assertEquals(1L, c.get("master-transitions"));
            assertEquals(7L, c.get("advertisement-rcvd"), "adverts at 3.7 .. 9.7 s");
            assertEquals(0L, c.get("priority-zero-pkts-rcvd"));
            assertEquals(0L, c.get("checksum-errors"));
            assertEquals("ge0", r2.interfaceName());
            assertEquals("master", r2.state());
        }
    }

    @Nested
    @DisplayName("Failover chain")
    class Chain {
        final RunReport report = vrrpCrash(true).feed(RunRecorder.inMemory(context()));
        final Failover failover = report.failovers().get(0);

        @Test
        @DisplayName("one failover for the crash (engine and core events are one injection)")
        void oneInjection() {
            assertEquals(1, report.failovers().size());
            assertEquals("crash", failover.kind());
            assertEquals("r1", failover.target());
            assertEquals(CRASH, failover.atNs());
        }

        @Test
        @DisplayName("takeover: r1 -> r2 for no-response, timer fired at the takeover, last advert at 9.7 s, gratuitous ARP")
        void takeover() {
            assertEquals(1, failover.takeovers().size());
            Takeover t = failover.takeovers().get(0);
            assertEquals("vrrp:1", t.group());
            assertEquals("r1", t.oldMaster());
            assertEquals("r2", t.newMaster());
            assertEquals("no-response", t.cause());
            assertEquals(TAKEOVER, t.masterDownNs());
            assertEquals(TAKEOVER - CRASH, t.takeoverNs());
            assertEquals(9_700 * MS, t.lastAdvertNs());
            assertEquals("10.0.0.2", t.lastAdvertFrom());
            assertEquals(TAKEOVER, t.gratuitousArpNs());
            assertEquals(TAKEOVER - CRASH, failover.takeoverNs());
        }

        @Test
        @DisplayName("the chain runs last-advert, injected, master-down, new-master, gratuitous-arp, mac-moved, first-answered")
        void chainOrder() {
            List<String> steps = new ArrayList<>();
            for (ChainStep s : failover.chain()) steps.add(s.step());
            assertEquals(List.of("last-advert", "injected", "master-down", "new-master", "gratuitous-arp", "mac-moved", "first-answered"), steps);
            ChainStep moved = failover.chain().get(5);
            assertEquals("sw1", moved.device());
            assertTrue(moved.detail().contains("p2 -> p3"), moved.detail());
        }

        @Test
        @DisplayName("the lost probes split between phases add up to the outage; every one fell between injection and takeover or after")
        void phases() {
            FlowRecovery f = failover.flows().get(0);
            assertEquals("h1-out", f.flow());
            assertEquals(LOST, f.probesLost());
            assertEquals("r1", f.gatewayBefore());
            assertEquals("r2", f.gatewayAfter());
            long sum = failover.chain().stream().mapToLong(ChainStep::lostInPhase).sum();
            assertEquals(LOST, sum);
            assertEquals(LOST, f.phases().stream().mapToLong(PhaseLoss::lost).sum());
            // sent in [10 s, 13.609 s): 361 probes (10.000 .. 13.600), lost before any takeover
            ChainStep injected = failover.chain().get(1);
            assertEquals(361, injected.lostInPhase());
            // the one sent at 13.610 s: after the MAC moved (13.60902 s), before the first answer
            ChainStep moved = failover.chain().get(5);
            assertEquals(1, moved.lostInPhase());
            PhaseLoss last = f.phases().get(f.phases().size() - 1);
            assertEquals("mac-moved", last.from());
            assertEquals("first-answered", last.to());
            assertEquals(1, last.lost());
        }
    }

    @Test
    @DisplayName("tromboning: extra RTT against the caller's baseline; WAN crossings per answered round trip from frames on WAN ports")
    void tromboning() {
        RunRecorder rec = RunRecorder.inMemory(context().withNearestGatewayRtt(Map.of("f", 0.25)));
        io.firsthop.wire.MacAddress r2 = SyntheticTrace.R2_MAC;
        for (int seq = 0; seq < 4; seq++) {
            long t = seq * 10 * MS;
            rec.accept(new TraceEvent.ProbeSent(t, "h1", "f", seq, SyntheticTrace.DEST));
            io.firsthop.wire.EthernetFrame request = io.firsthop.wire.EthernetFrame.untagged(r2, SyntheticTrace.H1_MAC,
                    io.firsthop.wire.Ipv4Packet.of(64, SyntheticTrace.H1_IP, SyntheticTrace.DEST,
                            io.firsthop.wire.IcmpEcho.request(1, seq, io.firsthop.wire.Bytes.zeros(56))));
            rec.accept(new TraceEvent.FrameSent(t, "h1", "eth0", request));
            rec.accept(new TraceEvent.FrameSent(t + 100_000, "sw1", "p3", request)); // seoul -> daegu
            if (seq == 3) {
                rec.accept(new TraceEvent.ProbeLost(t + S, "h1", "f", seq, t));
                continue;
            }
            io.firsthop.wire.EthernetFrame reply = io.firsthop.wire.EthernetFrame.untagged(SyntheticTrace.H1_MAC, r2,
                    io.firsthop.wire.Ipv4Packet.of(63, SyntheticTrace.DEST, SyntheticTrace.H1_IP,
                            io.firsthop.wire.IcmpEcho.request(1, seq, io.firsthop.wire.Bytes.zeros(56)).toReply()));
            rec.accept(new TraceEvent.FrameSent(t + 400_000, "r2", "ge0", reply)); // daegu -> seoul
            rec.accept(new TraceEvent.FrameSent(t + 500_000, "sw1", "p1", reply)); // not a WAN port
            rec.accept(new TraceEvent.ProbeAnswered(t + 600_000, "h1", "f", seq, 600_000, r2));
        }
        Tromboning tr = rec.snapshot().flow("f").tromboning();
        assertEquals(0.25, tr.baselineMs());
        assertEquals(0.6 - 0.25, tr.extraRttP50Ms(), 1e-3);
        assertEquals(6L, tr.wanCrossings(), "two per answered probe; the lost probe's request is not counted");
        assertEquals(2.0, tr.wanCrossingsPerRoundTrip());
    }

    @Test
    @DisplayName("a pending probe (still within its timeout at the snapshot) is neither lost nor received")
    void pending() {
        RunRecorder rec = RunRecorder.inMemory(context());
        rec.accept(new TraceEvent.ProbeSent(0, "h1", "f", 0, SyntheticTrace.DEST));
        rec.accept(new TraceEvent.ProbeSent(10 * MS, "h1", "f", 1, SyntheticTrace.DEST));
        rec.accept(new TraceEvent.ProbeAnswered(10 * MS + 300_000, "h1", "f", 1, 300_000, SyntheticTrace.VMAC));
        FlowReport f = rec.snapshot().flow("f");
        assertEquals(2, f.sent());
        assertEquals(1, f.received());
        assertEquals(0, f.lost());
        assertEquals(1, f.pending());
        assertFalse(rec.snapshot().complete());
        assertNull(rec.snapshot().flow("nope"));
    }
}
