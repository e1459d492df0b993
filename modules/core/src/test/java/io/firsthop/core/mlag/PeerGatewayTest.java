package io.firsthop.core.mlag;

import static io.firsthop.core.devtest.Frames.echoRequest;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.ipFrame;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.core.vrrp.VrrpState;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PeerGatewayTest {
    static final Ipv4Address VIP = ip("10.0.0.1");
    static final MacAddress HOST_MAC = mac("02:00:00:00:00:0a");
    static final Ipv4Address HOST_IP = ip("10.0.0.10");

    static Router router(VrrpGroup g, boolean peerGateway) {
        Router r = new Router(RouterConfig.of("rB",
                RouterInterface.of("v10", mac("02:00:00:00:0b:01"), ifaddr("10.0.0.3/24")),
                RouterInterface.of("up", mac("02:00:00:00:0b:02"), ifaddr("192.0.2.3/24"))));
        r.addGroup(peerGateway ? new PeerGateway(g, g.virtualMac()) : g);
        return r;
    }

    @Test
    @DisplayName("RFC 5798 §6.4.2: a Backup discards frames to the virtual MAC; with peer-gateway the Backup routes them (vPC peer-gateway)")
    void backupRoutesWithPeerGateway() {
        for (boolean peerGateway : new boolean[] {false, true}) {
            VrrpGroup g = new VrrpGroup(0, VrrpConfig.v3(1, 100, 100, List.of(VIP)));
            Bench b = new Bench(router(g, peerGateway)).powerOn();
            assertEquals(VrrpState.BACKUP, g.state());
            b.clear();
            b.frame(0, ipFrame(g.virtualMac(), HOST_MAC, echoRequest(HOST_IP, ip("192.0.2.50"), 64, 1, 1)));
            if (peerGateway) {
                assertEquals(1, b.takeSent().get(0).port(), "routed upstream");
            } else {
                assertTrue(b.takeSent().isEmpty());
                assertEquals(1, b.drops(DropReason.NOT_FOR_US).size());
            }
            // the election is the group's: a Backup never answers ARP for the virtual address
            assertEquals(null, ((Router) b.device).groups().get(0).arpReplyMac(VIP, HOST_MAC, HOST_IP));
        }
    }

    @Test
    @DisplayName("the wrapper is the wrapped group for duplicate detection and tracking: same protocol, VRID and addresses, trackable")
    void identityAndTracking() {
        VrrpGroup a = new VrrpGroup(0, VrrpConfig.v3(1, 200, 100, List.of(VIP)));
        VrrpGroup b = new VrrpGroup(0, VrrpConfig.v3(1, 100, 100, List.of(VIP)));
        PeerGateway pa = new PeerGateway(a, a.virtualMac());
        PeerGateway pb = new PeerGateway(b, b.virtualMac());
        assertEquals("vrrp", pa.protocol());
        assertEquals(1, pa.groupId());
        assertEquals(List.of(VIP), pa.virtualAddresses());
        assertTrue(pa.sameGroupAs(pb), "two peers of one group, both wrapped");
        assertTrue(pa.sameGroupAs(b));
        assertTrue(pa.trackable());
        assertEquals(200, pa.trackedValue());
    }

    @Test
    @DisplayName("a crashed router routes nothing, virtual MAC or not")
    void crashed() {
        VrrpGroup g = new VrrpGroup(0, VrrpConfig.v3(1, 100, 100, List.of(VIP)));
        PeerGateway pg = new PeerGateway(g, g.virtualMac());
        Router r = new Router(RouterConfig.of("rB", RouterInterface.of("v10", mac("02:00:00:00:0b:01"), ifaddr("10.0.0.3/24"))));
        r.addGroup(pg);
        Bench b = new Bench(r).powerOn();
        assertTrue(pg.acceptsMac(g.virtualMac()));
        b.input(DeviceInput.CRASH);
        assertEquals(false, pg.acceptsMac(g.virtualMac()));
        assertEquals("vrrp 1 on v10 (peer-gateway)", pg.describe());
    }
}
