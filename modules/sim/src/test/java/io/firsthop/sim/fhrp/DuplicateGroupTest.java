package io.firsthop.sim.fhrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.segment.L2Segments;
import io.firsthop.sim.segment.SegmentValidator;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Notes point 6: the virtual MAC derives from the group ID, so one segment must not carry one ID twice. */
class DuplicateGroupTest {
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address OTHER_VIP = Ipv4Address.parse("10.0.0.100");

    static Router router(String name, int index, FirstHopGroup... groups) {
        Router r = new Router(RouterConfig.of(name,
                RouterInterface.of("ge0", MacAddress.parse(String.format("02:00:00:00:%02x:00", index)),
                        InterfaceAddress.parse("10.0.0." + (1 + index) + "/24"))));
        for (FirstHopGroup g : groups) r.addGroup(g);
        return r;
    }

    static VrrpGroup vrrp(int vrid, Ipv4Address vip) {
        return new VrrpGroup(0, VrrpConfig.v3(vrid, 100, 100, List.of(vip)));
    }

    /** r1 on sw1 port p1, r3 on sw1 port p3, with the given port modes. */
    static VirtualEngine oneSwitch(SwitchPort p1, SwitchPort p3, Router r1, Router r3) {
        VirtualEngine sim = new VirtualEngine(1);
        sim.addDevice(new EthernetSwitch(SwitchConfig.of("sw1", p1, p3))).addDevice(r1).addDevice(r3);
        sim.connect("l1", "r1:ge0", "sw1:p1", LinkConfig.IDEAL).connect("l3", "r3:ge0", "sw1:p3", LinkConfig.IDEAL);
        return sim;
    }

    /** r1 on sw1 (access VLAN 10), r3 on sw2 (access {@code r3Vlan}), the switches joined by trunk ports t. */
    static VirtualEngine twoSwitches(SwitchPort sw1Trunk, SwitchPort sw2Trunk, int r3Vlan, Router r1, Router r3) {
        VirtualEngine sim = new VirtualEngine(1);
        sim.addDevice(new EthernetSwitch(SwitchConfig.of("sw1", SwitchPort.access("p1", 10), sw1Trunk)))
                .addDevice(new EthernetSwitch(SwitchConfig.of("sw2", SwitchPort.access("p3", r3Vlan), sw2Trunk)))
                .addDevice(r1).addDevice(r3);
        sim.connect("l1", "r1:ge0", "sw1:p1", LinkConfig.IDEAL).connect("l3", "r3:ge0", "sw2:p3", LinkConfig.IDEAL)
                .connect("trunk", "sw1:t", "sw2:t", LinkConfig.IDEAL);
        return sim;
    }

    @Test
    @DisplayName("notes point 6: two VRRP groups with VRID 7 on one VLAN are rejected, naming both routers, interfaces and groups")
    void sameSegmentRejected() {
        VirtualEngine sim = oneSwitch(SwitchPort.access("p1", 10), SwitchPort.access("p3", 10),
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, vrrp(7, OTHER_VIP)));
        var e = assertThrows(IllegalArgumentException.class, () -> SegmentValidator.validate(sim));
        assertEquals("duplicate vrrp group 7 on one L2 segment: r1:ge0 (vrrp 7, 10.0.0.1) and r3:ge0 (vrrp 7, 10.0.0.100):"
                + " their virtual MACs would collide", e.getMessage());
    }

    @Test
    @DisplayName("notes point 6: the same VRID on different segments is fine: the lab runs VRID 1 on the LAN and on the uplink segment")
    void differentSegmentsFine() {
        VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100));
        assertEquals(List.of(), SegmentValidator.conflicts(lab.sim));
        SegmentValidator.validate(lab.sim);
        L2Segments segments = L2Segments.of(lab.sim);
        assertTrue(segments.sameSegment("r1:ge0", "r2:ge0"));
        assertTrue(segments.sameSegment("r1:ge0", "h1:eth0"));
        assertFalse(segments.sameSegment("r1:ge0", "r1:ge1"), "a router does not bridge its interfaces");
        assertTrue(segments.sameSegment("r1:ge1", "up:ge0"));
        assertFalse(segments.sameSegment("up:ge1", "r2:ge1"));
    }

    @Test
    @DisplayName("the routers of one group are its members, not duplicates; two VLANs of one switch are two segments")
    void membersAndVlans() {
        assertEquals(List.of(), SegmentValidator.conflicts(oneSwitch(SwitchPort.access("p1", 10), SwitchPort.access("p3", 10),
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, vrrp(7, VIP)))));
        assertEquals(List.of(), SegmentValidator.conflicts(oneSwitch(SwitchPort.access("p1", 10), SwitchPort.access("p3", 20),
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, vrrp(7, OTHER_VIP)))));
    }

    @Test
    @DisplayName("a trunk carrying VLAN 10 joins two switches into one segment; a trunk that does not allow it keeps them apart")
    void trunks() {
        VirtualEngine joined = twoSwitches(SwitchPort.trunk("t", Set.of(10, 20), 1), SwitchPort.trunk("t", Set.of(10), 1), 10,
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, vrrp(7, OTHER_VIP)));
        assertEquals(1, SegmentValidator.conflicts(joined).size());
        VirtualEngine apart = twoSwitches(SwitchPort.trunk("t", Set.of(20), 1), SwitchPort.trunk("t", Set.of(20), 1), 10,
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, vrrp(7, OTHER_VIP)));
        assertEquals(List.of(), SegmentValidator.conflicts(apart));
    }

    @Test
    @DisplayName("a native VLAN mismatch on a trunk joins VLAN 10 on one side to VLAN 20 on the other, as on real switches")
    void nativeVlanMismatch() {
        VirtualEngine sim = twoSwitches(SwitchPort.trunk("t", Set.of(10), 10), SwitchPort.trunk("t", Set.of(20), 20), 20,
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, vrrp(7, OTHER_VIP)));
        assertTrue(L2Segments.of(sim).sameSegment("r1:ge0", "r3:ge0"));
        assertEquals(1, SegmentValidator.conflicts(sim).size());
    }

    @Test
    @DisplayName("RFC 5798 §7.1: VRRPv2 and v3 with one VRID cannot hear each other: two groups behind one virtual MAC")
    void versionsDoNotMix() {
        VrrpGroup v2 = new VrrpGroup(0, VrrpConfig.v2(7, 100, 1, List.of(VIP)));
        List<SegmentValidator.Conflict> conflicts = SegmentValidator.conflicts(oneSwitch(SwitchPort.access("p1", 10),
                SwitchPort.access("p3", 10), router("r1", 1, vrrp(7, VIP)), router("r3", 3, v2)));
        assertEquals(1, conflicts.size());
        assertEquals("r3", conflicts.getFirst().second().router());
    }

    @Test
    @DisplayName("one router port with the same VRID twice is a duplicate")
    void samePortTwice() {
        VirtualEngine sim = new VirtualEngine(1).addDevice(router("r1", 1, vrrp(7, VIP), vrrp(7, VIP)));
        assertEquals(1, SegmentValidator.conflicts(sim).size());
    }

    @Test
    @DisplayName("another protocol's group with the same number draws from other virtual MACs: fine")
    void otherProtocolFine() {
        assertEquals(List.of(), SegmentValidator.conflicts(oneSwitch(SwitchPort.access("p1", 10), SwitchPort.access("p3", 10),
                router("r1", 1, vrrp(7, VIP)), router("r3", 3, new OtherProtocolGroup(7)))));
    }

    /** A group of another FHRP: just enough of one to be placed on a router. */
    record OtherProtocolGroup(int groupId) implements FirstHopGroup {
        @Override public String protocol() { return "hsrp"; }
        @Override public List<Ipv4Address> virtualAddresses() { return List.of(OTHER_VIP); }
        @Override public int port() { return 0; }
        @Override public String describe() { return "hsrp " + groupId; }
        @Override public void start(long now, GroupIo io) { }
        @Override public void shutdown(long now, GroupIo io) { }
        @Override public void crash() { }
        @Override public void portStateChanged(int port, boolean up, long now, GroupIo io) { }
        @Override public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) { return false; }
        @Override public void timerFired(Object key, long now, GroupIo io) { }
        @Override public boolean command(DeviceCommand command, long now, GroupIo io) { return false; }
        @Override public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) { return null; }
        @Override public boolean acceptsMac(MacAddress mac) { return false; }
        @Override public boolean ownsAddress(Ipv4Address ip) { return false; }
    }
}
