package io.firsthop.core.anycast;

import static io.firsthop.core.devtest.Frames.arpRequest;
import static io.firsthop.core.devtest.Frames.echoRequest;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.ipFrame;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent.StateChanged;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnycastGatewayTest {
    static final MacAddress IFACE = mac("02:00:00:00:01:00");
    static final MacAddress VMAC = mac("00:1c:73:00:00:99");
    static final Ipv4Address VIP = ip("10.0.0.1");
    static final MacAddress HOST_MAC = mac("02:00:00:00:00:0a");
    static final Ipv4Address HOST_IP = ip("10.0.0.10");

    static Bench leaf(AnycastGateway g) {
        Router r = new Router(RouterConfig.of("leaf",
                RouterInterface.of("v10", IFACE, ifaddr("10.0.0.2/24")),
                RouterInterface.of("up", mac("02:00:00:00:01:01"), ifaddr("192.0.2.1/24"))));
        r.addGroup(g);
        Bench b = new Bench(r).powerOn();
        return b;
    }

    @Test
    @DisplayName("active from power-on with no election: answers ARP for the gateway address with the shared MAC, as sender and Ethernet source")
    void answersArp() {
        AnycastGateway g = new AnycastGateway(0, AnycastConfig.varp(VMAC, VIP));
        Bench b = leaf(g);
        assertTrue(g.active());
        assertEquals(List.of(new StateChanged(0, "leaf", "varp 10.0.0.1 on v10", "down", "active", "startup")), b.events(StateChanged.class));
        assertTrue(b.out.timers.isEmpty(), "no hello, no timer");
        b.clear();
        b.frame(0, arpRequest(HOST_MAC, HOST_IP, VIP));
        Sent reply = b.takeSent().get(0);
        assertEquals(VMAC, reply.frame().source());
        assertEquals(VMAC, assertInstanceOf(ArpPacket.class, reply.frame().payload()).senderMac());
    }

    @Test
    @DisplayName("routes frames sent to the shared MAC and answers pings to the gateway address")
    void routesAndAnswers() {
        AnycastGateway g = new AnycastGateway(0, AnycastConfig.anycast(VMAC, VIP));
        Bench b = leaf(g);
        b.frame(0, arpRequest(HOST_MAC, HOST_IP, VIP));
        b.clear();
        b.frame(0, ipFrame(VMAC, HOST_MAC, echoRequest(HOST_IP, ip("192.0.2.50"), 64, 1, 1)));
        List<Sent> sent = b.takeSent();
        assertEquals(1, sent.get(0).port(), "forwarded upstream (an ARP request for the next hop)");
        b.frame(0, ipFrame(VMAC, HOST_MAC, echoRequest(HOST_IP, VIP, 64, 2, 1)));
        Sent echo = b.takeSent().get(0);
        IcmpEcho reply = assertInstanceOf(IcmpEcho.class, assertInstanceOf(Ipv4Packet.class, echo.frame().payload()).payload());
        assertTrue(reply.reply());
        assertEquals(VIP, ((Ipv4Packet) echo.frame().payload()).source());
    }

    @Test
    @DisplayName("goes down with its port and after a crash: no ARP answer, frames to the shared MAC dropped")
    void downWithItsPort() {
        AnycastGateway g = new AnycastGateway(0, AnycastConfig.anycast(VMAC, VIP));
        Bench b = leaf(g);
        b.input(new DeviceInput.CarrierChanged(0, false));
        assertFalse(g.active());
        assertEquals("interface-down", b.events(StateChanged.class).get(1).cause());
        b.input(new DeviceInput.CarrierChanged(0, true));
        assertTrue(g.active());
        b.input(DeviceInput.CRASH);
        assertFalse(g.active());
        assertEquals(null, g.arpReplyMac(VIP, HOST_MAC, HOST_IP));
        b.powerOn().clear();
        assertTrue(g.active());
        b.frame(0, ipFrame(mac("00:1c:73:00:00:98"), HOST_MAC, echoRequest(HOST_IP, VIP, 64, 2, 1)));
        assertEquals(1, b.drops(DropReason.NOT_FOR_US).size(), "another MAC is not ours");
    }

    @Test
    @DisplayName("configuration: a unicast MAC and at least one address, no duplicates")
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> AnycastConfig.anycast(MacAddress.BROADCAST, VIP));
        assertThrows(IllegalArgumentException.class, () -> AnycastConfig.anycast(VMAC));
        assertThrows(IllegalArgumentException.class, () -> AnycastConfig.anycast(VMAC, VIP, VIP));
    }
}
