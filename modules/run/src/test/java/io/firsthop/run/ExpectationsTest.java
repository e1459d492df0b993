package io.firsthop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.report.ExpectationResult;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The expectation checks, fed hand-written trace events: each check's semantics stated once. */
class ExpectationsTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final MacAddress VMAC = MacAddress.parse("00:00:5e:00:01:01");
    static final Ipv4Address SERVER = Ipv4Address.parse("198.51.100.10");

    static final String PAIR = """
            duration: 30s
            sites: {seoul: {}, daegu: {}}
            wan: [{between: [seoul, daegu], delay: 2ms}]
            defaults: {link: {delay: 0.1ms}}
            nodes:
              h1: {kind: host, site: seoul, address: 10.0.0.11/24, gateway: 10.0.0.1}
              server: {kind: host, site: seoul, address: 198.51.100.10/24, gateway: 198.51.100.2}
              sw1: {kind: switch, site: seoul, ports: [p1, p2, p3]}
              r1:
                kind: router
                site: seoul
                interfaces:
                  ge0: {address: 10.0.0.2/24, vrrp: {vrid: 1, priority: 110, virtual-ip: 10.0.0.1}}
                  ge1: {address: 198.51.100.2/24}
              r2:
                kind: router
                site: daegu
                interfaces:
                  ge0: {address: 10.0.0.3/24, vrrp: {vrid: 1, virtual-ip: 10.0.0.1}}
            links:
              - endpoints: ["h1:eth0", "sw1:p1"]
              - endpoints: ["r1:ge0", "sw1:p2"]
              - endpoints: ["r2:ge0", "sw1:p3"]
              - endpoints: ["r1:ge1", "server:eth0"]
            traffic:
              - {name: out, from: h1, to: server, interval: 10ms}
            expect:
              - {flow: out, max-outage: 1s, max-loss: 5%}
              - {at: 5s, group: vrrp:1, master: r1}
              - {at: 15s, group: vrrp:1, master: r2}
              - {at: 5s, flow: out, gateway: r1}
              - {at: 15s, flow: out, gateway: r2}
              - {at: 15s, flow: out, gateway-site: daegu}
              - {at: 5s, flow: out, gateway-mac: 00:00:5e:00:01:01}
              - {max-dual-master: 100ms}
              - {max-tromboning: 1ms, flow: out}
            """;

    final NetworkPlan plan = BinderTest.plan(PAIR);
    final Observations obs = new Observations(plan);

    void event(TraceEvent e) {
        obs.accept("seoul", e);
    }

    void master(long at, String router, boolean on) {
        event(new TraceEvent.StateChanged(at, router, "vrrp 1 on ge0", on ? "backup" : "master", on ? "master" : "backup", "priority"));
    }

    /** Probes every 10 ms from 0 to 30 s: lost in [lostFrom, lostTo), else answered after {@code rtt} through the virtual MAC. */
    void probes(long lostFrom, long lostTo, long rtt) {
        for (int seq = 0; seq < 3000; seq++) {
            long at = seq * 10 * MS;
            event(new TraceEvent.ProbeSent(at, "h1", "out", seq, SERVER));
            if (at >= lostFrom && at < lostTo) event(new TraceEvent.ProbeLost(at + S, "h1", "out", seq, at));
            else event(new TraceEvent.ProbeAnswered(at + rtt, "h1", "out", seq, rtt, VMAC));
        }
    }

    List<ExpectationResult> evaluate() {
        obs.finish(30 * S);
        return new Expectations(obs, new Gateways(plan), new Baselines(plan), null).evaluate();
    }

    @Nested
    @DisplayName("a crash of the Master, taken over by r2 after 800 ms")
    class Failover {
        List<ExpectationResult> results() {
            master(1 * S, "r1", true);
            event(new TraceEvent.DeviceEvent(10 * S, "r1", "crash"));   // a crash says nothing: the Master is gone all the same
            master(10 * S + 800 * MS, "r2", true);
            probes(10 * S, 10 * S + 800 * MS, 400_000L);
            return evaluate();
        }

        @Test
        @DisplayName("max-outage: from the sending of the first lost probe to that of the first answered after it; max-loss: lost over resolved")
        void outageAndLoss() {
            List<ExpectationResult> r = results();
            assertEquals(new ExpectationResult("max-outage", "flow out: longest outage <= 1s", "800.000 ms (80 probes lost from 10.000 s)",
                    "1s", true), r.get(0));
            assertEquals(new ExpectationResult("max-loss", "flow out: loss <= 5.0%", "2.67% (80 of 3000 probes)", "5.00%", true), r.get(1));
        }

        @Test
        @DisplayName("master: who leads at that instant; a crashed Master leads no more")
        void leaders() {
            List<ExpectationResult> r = results();
            assertEquals("r1", r.get(2).measured());
            assertTrue(r.get(2).passed());
            assertEquals("r2", r.get(3).measured());
            assertTrue(r.get(3).passed());
        }

        @Test
        @DisplayName("gateway, gateway-site, gateway-mac: the virtual MAC's owner when the probe was sent, and its site")
        void gateways() {
            List<ExpectationResult> r = results();
            assertEquals("r1 (probe sent at 5.000 s, to 00:00:5e:00:01:01)", r.get(4).measured());
            assertEquals("r2 (probe sent at 15.000 s, to 00:00:5e:00:01:01)", r.get(5).measured());
            assertTrue(r.get(5).passed());
            assertEquals("daegu (probe sent at 15.000 s, via r2)", r.get(6).measured());
            assertTrue(r.get(6).passed());
            assertTrue(r.get(7).passed());
        }

        @Test
        @DisplayName("max-dual-master: one Master left before the other came: never two")
        void noDualMaster() {
            assertEquals("0 s (never two at once)", results().get(8).measured());
        }

        @Test
        @DisplayName("max-tromboning: the median RTT of each window against the nearest-gateway baseline "
                + "(2 x (0.1 + 0.1) ms to r1, then 0.1 ms on to the server: 0.6 ms)")
        void tromboning() {
            ExpectationResult t = results().get(9);
            assertEquals("0.000 ms (median RTT 0.400 ms in the window from 0.000 s, nearest-gateway baseline 0.600 ms)", t.measured());
            assertTrue(t.passed());
        }
    }

    @Test
    @DisplayName("a gateway check at an instant when the flow was down fails, saying so")
    void gatewayDuringOutage() {
        master(1 * S, "r1", true);
        probes(4 * S, 6 * S, 400_000L);
        ExpectationResult r = evaluate().get(4);
        assertFalse(r.passed());
        assertEquals("none: the flow was down (its probe sent at 5.000 s was lost)", r.measured());
    }

    @Test
    @DisplayName("max-dual-master: changes at one instant are one handover, an overlap is measured from its start")
    void dualMaster() {
        master(1 * S, "r1", true);
        master(5 * S, "r2", true);
        master(5 * S, "r1", false);              // a handover at one instant
        master(20 * S, "r1", true);
        master(20 * S + 250 * MS, "r2", false);  // 250 ms of two Masters
        probes(-1, -1, 400_000L);
        ExpectationResult r = evaluate().get(8);
        assertEquals("250.000 ms in vrrp:1 (from 20.000 s)", r.measured());
        assertFalse(r.passed());
    }

    @Test
    @DisplayName("a tromboning detour that lasts shows in full, and the first probe's ARP resolution does not")
    void detour() {
        master(1 * S, "r1", true);
        probes(-1, -1, 2_600_000L);   // 2 ms more than the 0.6 ms baseline on every probe
        event(new TraceEvent.ProbeAnswered(0, "h1", "out", 0, 50 * MS, VMAC));   // a slow first probe
        ExpectationResult r = evaluate().get(9);
        assertEquals("2.000 ms (median RTT 2.600 ms in the window from 0.000 s, nearest-gateway baseline 0.600 ms)", r.measured());
        assertFalse(r.passed());
    }
}
