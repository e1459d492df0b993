package io.firsthop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Positions of field paths, the nearest-gateway baseline, and the choice of engine. */
class SupportTest {
    @Test
    @DisplayName("SourceLines finds a path's value in the file, else its nearest written ancestor (a field from groups: or defaults:)")
    void sourceLines() {
        SourceLines lines = SourceLines.ofText("""
                duration: 10s
                nodes:
                  r1:
                    interfaces:
                      ge0: {address: 10.0.0.2/24, vrrp: [{vrid: 1}, {vrid: 2}]}
                links:
                  - endpoints: ["a:b", "c:d"]
                """);
        assertEquals(new SourceLines.Position(5, 22), lines.position("nodes.r1.interfaces.ge0.address"));
        assertEquals(new SourceLines.Position(5, 53), lines.position("nodes.r1.interfaces.ge0.vrrp[1]"));
        assertEquals(new SourceLines.Position(5, 12), lines.position("nodes.r1.interfaces.ge0.hsrp.track"));
        assertEquals(new SourceLines.Position(7, 17), lines.position("links[0].endpoints[0]"));
        assertEquals(SourceLines.Position.UNKNOWN, lines.position("wan[0]"));
        assertEquals(SourceLines.Position.UNKNOWN, SourceLines.ofText("{ unclosed").position("nodes"));
        assertEquals(List.of("a", "b", 2, "c"), SourceLines.steps("a.b[2].c"));
    }

    @Test
    @DisplayName("settings without capture (the run writes the pcaps from traced frames) keep the seed, the stop time and the run directory")
    void withoutCaptureKeepsTheRest() {
        RunSettings s = new RunSettings(7, Path.of("out/captures"), 5_000_000_000L, Path.of("out"));
        assertEquals(new RunSettings(7, null, 5_000_000_000L, Path.of("out")), s.withoutCapture());
    }

    @Test
    @DisplayName("baseline: twice the shortest host-gateway-destination path over configured delays, recomputed when a delay changes")
    void baselines() {
        NetworkPlan plan = BinderTest.plan("""
                duration: 30s
                defaults: {link: {delay: 0.1ms}}
                nodes:
                  h1: {kind: host, address: 10.0.0.11/24, gateway: 10.0.0.1}
                  h2: {kind: host, address: 10.0.0.12/24, gateway: 10.0.0.1}
                  srv: {kind: host, address: 198.51.100.10/24, gateway: 198.51.100.1}
                  other: {kind: host, address: 10.9.9.9/24}
                  sw1: {kind: switch, ports: [p1, p2, p3, p4, p5]}
                  far: {kind: router, interfaces: {ge0: {address: 10.0.0.3/24, vrrp: {vrid: 1, virtual-ip: 10.0.0.1}},
                                                   ge1: {address: 198.51.100.3/24}}}
                  near: {kind: router, interfaces: {ge0: {address: 10.0.0.2/24, vrrp: {vrid: 1, virtual-ip: 10.0.0.1}},
                                                    ge1: {address: 198.51.100.1/24}}}
                  sw2: {kind: switch, ports: [p1, p2, p3]}
                links:
                  - endpoints: ["h1:eth0", "sw1:p1"]
                  - endpoints: ["h2:eth0", "sw1:p2"]
                  - {endpoints: ["far:ge0", "sw1:p3"], delay: 5ms}
                  - {name: near-lan, endpoints: ["near:ge0", "sw1:p4"]}
                  - endpoints: ["far:ge1", "sw2:p1"]
                  - endpoints: ["near:ge1", "sw2:p2"]
                  - {endpoints: ["srv:eth0", "sw2:p3"], delay: 1ms}
                traffic:
                  - {name: out, from: h1, to: srv}
                  - {name: local, from: h1, to: h2}
                  - {name: nowhere, from: h1, to: 203.0.113.1}
                events:
                  - {at: 10s, impair: {link: near-lan, delay: 10ms}}
                """);
        Baselines b = new Baselines(plan);
        // h1 -> sw1 -> near (0.2 ms), near -> sw2 -> srv (1.1 ms): 2 x 1.3 ms
        assertEquals(2_600_000L, b.at("out", 0));
        // after the impairment the nearest gateway is far: 0.1 + 5 + 0.1 + 1 = 6.2 ms one way
        assertEquals(12_400_000L, b.at("out", 10_000_000_000L));
        assertEquals(2_600_000L, b.at("out", 9_999_999_999L));
        assertEquals(400_000L, b.at("local", 0), "same subnet: the L2 path only");
        assertEquals(-1, b.at("nowhere", 0));
        assertTrue(b.reason("nowhere").contains("is no node's address"), b.reason("nowhere"));
    }

    @Test
    @DisplayName("engines: 'virtual' is built in; 'cluster' without its module is a clear usage error; anything else is unknown")
    void engines() {
        assertEquals("virtual", Engines.byName("virtual").name());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Engines.byName("quantum"));
        assertEquals("unknown engine 'quantum'; engines: virtual, cluster", unknown.getMessage());
        try {
            assertEquals("cluster", Engines.byName("cluster").name());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("the cluster engine is not available in this build yet"), e.getMessage());
        }
    }
}
