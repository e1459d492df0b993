package io.firsthop.report;

import static io.firsthop.report.SyntheticTrace.MS;
import static io.firsthop.report.SyntheticTrace.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.StopProbeFlow;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.HsrpV2Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Groups, gateways and takeovers across protocols")
class GroupsTest {
    private static RunRecorder recorder() {
        return RunRecorder.inMemory(ReportContext.of(RunInfo.of("g", "virtual", 1)));
    }

    @Test
    @DisplayName("GLBP: a flow sent to forwarder 2's virtual MAC is forwarded by that forwarder's AVF, and follows its takeover")
    void glbpForwarder() {
        RunRecorder rec = recorder();
        String vg = "glbp 1 on ge0";
        rec.accept(new TraceEvent.StateChanged(0, "r1", vg, "Initial", "Active", "startup"));
        rec.accept(new TraceEvent.StateChanged(0, "r1", vg + " forwarder 1", "Disabled", "Active", "assigned"));
        rec.accept(new TraceEvent.StateChanged(0, "r2", vg, "Initial", "Standby", "startup"));
        rec.accept(new TraceEvent.StateChanged(0, "r2", vg + " forwarder 2", "Disabled", "Active", "assigned"));
        rec.accept(new TraceEvent.StateChanged(0, "r1", vg + " forwarder 2", "Disabled", "Listen", "learned"));
        var vmac2 = GlbpMessage.virtualMac(1, 2);
        rec.accept(new TraceEvent.ProbeSent(S, "h2", "f", 0, SyntheticTrace.DEST));
        rec.accept(new TraceEvent.ProbeAnswered(S + MS, "h2", "f", 0, MS, vmac2));
        rec.accept(new TraceEvent.DeviceEvent(2 * S, "r2", "crash"));
        rec.accept(new TraceEvent.StateChanged(3 * S, "r1", vg + " forwarder 2", "Listen", "Active", "active-down"));
        rec.accept(new TraceEvent.ProbeSent(4 * S, "h2", "f", 1, SyntheticTrace.DEST));
        rec.accept(new TraceEvent.ProbeAnswered(4 * S + MS, "h2", "f", 1, MS, vmac2));
        RunReport r = rec.snapshot();
        FlowReport f = r.flow("f");
        assertEquals(List.of("r2", "r1"), f.gateways().stream().map(GatewaySpan::device).toList());
        assertEquals("glbp:1 forwarder 2", f.gateways().get(0).owner());
        GroupReport g = r.group("glbp:1");
        assertEquals(List.of("r1"), g.holdersAt(3 * S), "the group's own role (AVG) stays with r1");
        Takeover t = r.failovers().get(0).takeovers().get(0);
        assertEquals("glbp:1 forwarder 2", t.group());
        assertEquals("r2", t.oldMaster());
        assertEquals("r1", t.newMaster());
        assertEquals(3 * S, t.masterDownNs(), "active-down: the forwarder's hold timer fired");
    }

    @Test
    @DisplayName("HSRP v2: the virtual MAC 0000.0c9f.f00a maps to group 10's Active; a resign takeover has no hold timer")
    void hsrp() {
        RunRecorder rec = recorder();
        rec.accept(new TraceEvent.StateChanged(0, "r1", "hsrp 10 on ge0", "speak", "active", "hello-timer-expiry"));
        rec.accept(new TraceEvent.StateChanged(0, "r2", "hsrp 10 on ge0", "speak", "standby", "hello-timer-expiry"));
        rec.accept(new TraceEvent.ProbeSent(S, "h1", "f", 0, SyntheticTrace.DEST));
        rec.accept(new TraceEvent.ProbeAnswered(S + MS, "h1", "f", 0, MS, HsrpV2Message.virtualMac(10)));
        rec.accept(new TraceEvent.DeviceEvent(2 * S, "r1", "shutdown"));
        rec.accept(new TraceEvent.StateChanged(2 * S, "r1", "hsrp 10 on ge0", "active", "initial", "shutdown"));
        rec.accept(new TraceEvent.StateChanged(2 * S + MS, "r2", "hsrp 10 on ge0", "standby", "active", "resign-received"));
        RunReport r = rec.snapshot();
        assertEquals("r1", r.flow("f").gateways().get(0).device());
        Failover fo = r.failovers().get(0);
        assertEquals("shutdown", fo.kind());
        assertNull(fo.takeovers().get(0).masterDownNs());
        assertEquals(MS, fo.takeoverNs());
        assertFalse(fo.chain().stream().anyMatch(s -> s.step().equals("master-down")));
        assertEquals(1L, r.group("hsrp:10").members().get(1).counters().get("master-transitions"));
    }

    @Test
    @DisplayName("a flow's stop ends a measurement and starts no failover; a priority change does")
    void stoppingAFlowIsNoFailover() {
        RunRecorder rec = recorder();
        rec.accept(new TraceEvent.StateChanged(0, "r1", "vrrp 1 on ge0", "backup", "master", "no-response"));
        rec.accept(new TraceEvent.DeviceEvent(2 * S, "h1", "command " + new StopProbeFlow("f")));
        rec.accept(new TraceEvent.DeviceEvent(3 * S, "r1", "command SetPriority[priority=50]"));
        List<Failover> failovers = rec.snapshot().failovers();
        assertEquals(1, failovers.size(), failovers.toString());
        assertEquals(3 * S, failovers.get(0).atNs());
        assertEquals("r1", failovers.get(0).target());
    }

    @Test
    @DisplayName("two Masters at once are a dual master until one steps down; a swap at one instant is none")
    void dualMaster() {
        RunRecorder rec = recorder();
        String g = "vrrp 5 on ge0";
        rec.accept(new TraceEvent.StateChanged(0, "r1", g, "backup", "master", "no-response"));
        rec.accept(new TraceEvent.StateChanged(S, "r2", g, "backup", "master", "no-response"));
        rec.accept(new TraceEvent.StateChanged(S + 200_000, "r2", g, "master", "backup", "higher-priority-backup"));
        rec.accept(new TraceEvent.StateChanged(2 * S, "r1", g, "master", "backup", "higher-priority-backup"));
        rec.accept(new TraceEvent.StateChanged(2 * S, "r2", g, "backup", "master", "preempted"));
        GroupReport group = rec.snapshot().group("vrrp:5");
        assertEquals(1, group.dualMasters().size());
        DualMaster d = group.dualMasters().get(0);
        assertEquals(S, d.startNs());
        assertEquals(S + 200_000, d.endNs());
        assertEquals(List.of("r1", "r2"), d.devices());
        assertEquals(200_000, group.longestDualMasterNs(3 * S));
        assertEquals(List.of("r2"), group.holdersAt(2 * S));
        assertEquals("backup", group.stateAt("r1", 2 * S));
    }

    @Test
    @DisplayName("anycast: every leaf active at once is the design, not a dual master")
    void anycastHasNoDualMaster() {
        RunRecorder rec = recorder();
        String g = "anycast 10.0.10.1 on vlan10";
        rec.accept(new TraceEvent.StateChanged(0, "leaf-seoul", g, "down", "active", "startup"));
        rec.accept(new TraceEvent.StateChanged(0, "leaf-daegu", g, "down", "active", "startup"));
        rec.accept(new TraceEvent.StateChanged(2 * S, "leaf-seoul", g, "active", "down", "crash"));
        GroupReport group = rec.snapshot().groups().get(0);
        assertEquals("anycast", group.protocol());
        assertEquals(List.of("leaf-daegu", "leaf-seoul"), group.holdersAt(S).stream().sorted().toList());
        assertTrue(group.dualMasters().isEmpty());
        assertEquals(0, group.longestDualMasterNs(3 * S));
    }

    @Test
    @DisplayName("a VARP gateway (Arista virtual ARP) is a group of its own protocol whose members all forward, with no dual master")
    void varpIsAGroupWithoutDualMaster() {
        RunRecorder rec = recorder();
        String g = "varp 10.0.10.1 on vlan10";
        rec.accept(new TraceEvent.StateChanged(0, "sw1", g, "down", "active", "startup"));
        rec.accept(new TraceEvent.StateChanged(0, "sw2", g, "down", "active", "startup"));
        rec.accept(new TraceEvent.StateChanged(2 * S, "sw1", g, "active", "down", "crash"));
        RunReport r = rec.snapshot();
        assertEquals(1, r.groups().size());
        GroupReport group = r.groups().get(0);
        assertEquals("varp", group.protocol());
        assertEquals("10.0.10.1", group.groupId());
        assertEquals(List.of("sw1", "sw2"), group.holdersAt(S).stream().sorted().toList());
        assertEquals(List.of("sw2"), group.holdersAt(3 * S));
        assertTrue(group.dualMasters().isEmpty());
    }

    @Test
    @DisplayName("one VRID on two segments is two groups when the caller gives segments; tracking objects are no group")
    void segments() {
        RunRecorder rec = RunRecorder.inMemory(ReportContext.of(RunInfo.of("g", "virtual", 1))
                .withSegments(Map.of("r1:ge0", "lan", "r1:ge1", "uplink", "h1:eth0", "lan")));
        rec.accept(new TraceEvent.StateChanged(0, "r1", "vrrp 1 on ge0", "backup", "master", "no-response"));
        rec.accept(new TraceEvent.StateChanged(0, "r1", "vrrp 1 on ge1", "backup", "master", "no-response"));
        rec.accept(new TraceEvent.StateChanged(0, "r1", "track uplink", "up", "down", "carrier"));
        RunReport r = rec.snapshot();
        assertEquals(List.of("vrrp:1@lan", "vrrp:1@uplink"), r.groups().stream().map(GroupReport::name).toList());
        assertEquals("lan", r.group("vrrp:1@lan").segment());
        assertNull(r.group("vrrp:1"), "ambiguous without the segment");
        assertTrue(r.group("vrrp:1@uplink").members().get(0).interfaceName().equals("ge1"));
    }
}
