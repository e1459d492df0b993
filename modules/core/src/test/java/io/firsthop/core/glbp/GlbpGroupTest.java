package io.firsthop.core.glbp;

import static io.firsthop.core.glbp.GlbpLan.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GlbpGroup: GLBP as a router's FirstHopGroup")
class GlbpGroupTest {
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.254");
    static final GlbpConfig CONFIG = GlbpConfig.defaults(1, VIP);
    static final MacAddress HOST = MacAddress.parse("02:00:00:00:00:99");
    static final Ipv4Address HOST_IP = Ipv4Address.parse("10.0.0.99");

    /** A router port as the group sees it: what it sent, armed and traced. */
    static final class FakeIo implements GroupIo {
        final String router;
        final MacAddress mac;
        final InterfaceAddress address;
        final List<EthernetFrame> sent = new ArrayList<>();
        final Map<Object, Long> timers = new LinkedHashMap<>();
        final List<TraceEvent> traces = new ArrayList<>();

        FakeIo(String router, int host) {
            this.router = router;
            this.mac = new MacAddress(0x0200_0000_0000L | host);
            this.address = InterfaceAddress.parse("10.0.0." + host + "/24");
        }

        @Override public void send(EthernetFrame frame) { sent.add(frame); }
        @Override public void armTimer(Object key, long at) { timers.put(key, at); }
        @Override public void cancelTimer(Object key) { timers.remove(key); }
        @Override public void trace(TraceEvent event) { traces.add(event); }
        @Override public String routerName() { return router; }
        @Override public String portName() { return "ge0"; }
        @Override public MacAddress interfaceMac() { return mac; }
        @Override public InterfaceAddress primaryAddress() { return address; }
        @Override public boolean portUp(int port) { return true; }

        List<TraceEvent.StateChanged> stateChanges() {
            List<TraceEvent.StateChanged> r = new ArrayList<>();
            for (TraceEvent e : traces) if (e instanceof TraceEvent.StateChanged s) r.add(s);
            return r;
        }
    }

    /** Fires the group's due timers in time order up to {@code until}; returns the time reached. */
    static void runTimers(GlbpGroup g, FakeIo io, long until) {
        while (true) {
            Map.Entry<Object, Long> next = null;
            for (Map.Entry<Object, Long> e : io.timers.entrySet()) {
                if (next == null || e.getValue() < next.getValue()) next = e;
            }
            if (next == null || next.getValue() > until) return;
            io.timers.remove(next.getKey());
            g.timerFired(next.getKey(), next.getValue(), io);
        }
    }

    static GlbpGroup startedAlone(FakeIo io) {
        GlbpGroup g = new GlbpGroup(0, CONFIG);
        g.start(0, io);
        runTimers(g, io, 25 * S);
        return g;
    }

    @Test
    @DisplayName("hellos go out as UDP 3222 -> 3222 from the primary address to 224.0.0.102 (01:00:5e:00:00:66), TTL 255, and encode")
    void helloFrame() throws Exception {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = new GlbpGroup(0, CONFIG);
        g.start(0, io);
        EthernetFrame f = io.sent.getFirst();
        assertEquals(MacAddress.parse("01:00:5e:00:00:66"), f.destination());
        assertEquals(io.mac, f.source(), "no forwarder yet: the interface MAC");
        Ipv4Packet ip = assertInstanceOf(Ipv4Packet.class, f.payload());
        assertEquals(255, ip.ttl());
        assertEquals(io.address.address(), ip.source());
        assertEquals(GlbpMessage.MULTICAST, ip.destination());
        UdpDatagram udp = assertInstanceOf(UdpDatagram.class, ip.payload());
        assertEquals(3222, udp.sourcePort());
        assertEquals(3222, udp.destinationPort());
        GlbpMessage m = assertInstanceOf(GlbpMessage.class, udp.payload());
        assertEquals(1, m.group());
        assertEquals(io.mac, m.ownerId());
        assertEquals(GlbpState.LISTEN, m.hello().vgState());
        assertEquals(f, Frames.decode(Frames.encode(f, WireOptions.DEFAULT), WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("state changes are traced as \"glbp 1 on ge0\" (VG) and \"glbp 1 on ge0 forwarder 1\" (VF), in Cisco's words")
    void traces() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = startedAlone(io);
        assertEquals("glbp 1 on ge0", g.describe());
        List<TraceEvent.StateChanged> changes = io.stateChanges();
        assertEquals(new TraceEvent.StateChanged(0, "r1", "glbp 1 on ge0", "Initial", "Listen", "startup"), changes.get(0));
        assertEquals(new TraceEvent.StateChanged(10 * S, "r1", "glbp 1 on ge0", "Listen", "Speak", "active-down"), changes.get(1));
        assertEquals(new TraceEvent.StateChanged(20 * S, "r1", "glbp 1 on ge0", "Speak", "Active", "active-down"), changes.get(2));
        assertEquals(new TraceEvent.StateChanged(20 * S, "r1", "glbp 1 on ge0 forwarder 1", "Disabled", "Active", "assigned"), changes.get(3));
    }

    @Test
    @DisplayName("the AVG answers ARP for the virtual IP only, owns the virtual IP, accepts its virtual MAC, and says hello from it")
    void dataPlane() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = startedAlone(io);
        MacAddress vmac = MacAddress.parse("0007.b400.0101");
        assertEquals(vmac, g.arpReplyMac(VIP, HOST, HOST_IP));
        assertNull(g.arpReplyMac(io.address.address(), HOST, HOST_IP));
        assertTrue(g.ownsAddress(VIP));
        assertFalse(g.ownsAddress(HOST_IP));
        assertTrue(g.acceptsMac(vmac));
        assertFalse(g.acceptsMac(MacAddress.parse("0007.b400.0102")));
        assertFalse(g.acceptsMac(io.mac));
        assertEquals(vmac, io.sent.getLast().source());
    }

    @Test
    @DisplayName("through a router: the AVG's ARP reply names the virtual MAC in the ARP body and comes from the interface MAC, so no switch learns a virtual MAC at the AVG's port")
    void arpReplyThroughRouter() {
        MacAddress ifMac = MacAddress.parse("02:00:00:00:00:01");
        Router router = new Router(RouterConfig.of("r1", RouterInterface.of("ge0", ifMac, InterfaceAddress.parse("10.0.0.1/24"))));
        GlbpGroup g = new GlbpGroup(0, CONFIG);
        router.addGroup(g);
        Bench bench = new Bench(router).powerOn().advanceTo(25 * S);
        assertTrue(g.core().isAvg());
        bench.takeSent();
        bench.frame(0, io.firsthop.core.devtest.Frames.arpRequest(HOST, HOST_IP, VIP));
        List<RecordingOutputs.Sent> sent = bench.takeSent();
        assertEquals(1, sent.size());
        EthernetFrame reply = sent.getFirst().frame();
        assertEquals(ifMac, reply.source(), "Ethernet source: the interface MAC");
        assertEquals(HOST, reply.destination());
        ArpPacket arp = assertInstanceOf(ArpPacket.class, reply.payload());
        assertEquals(MacAddress.parse("0007.b400.0101"), arp.senderMac(), "ARP sender: the forwarder's virtual MAC");
        assertEquals(VIP, arp.senderIp());
    }

    @Test
    @DisplayName("receive() takes GLBP packets of its own group only")
    void receiveFilter() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = new GlbpGroup(0, CONFIG);
        g.start(0, io);
        GlbpTlv.Hello hello = GlbpTlv.Hello.of(GlbpState.LISTEN, 100, 3000, 10000, 600, 14400, VIP);
        assertTrue(g.receive(null, glbpPacket(GlbpMessage.of(1, MacAddress.parse("02:00:00:00:00:02"), List.of(hello))), S, io));
        assertFalse(g.receive(null, glbpPacket(GlbpMessage.of(2, MacAddress.parse("02:00:00:00:00:02"), List.of(hello))), S, io));
        Ipv4Packet other = Ipv4Packet.of(255, Ipv4Address.parse("10.0.0.2"), GlbpMessage.MULTICAST,
                new UdpDatagram(1234, 3223, new RawUdpPayload(Bytes.ofHex("00"))));
        assertFalse(g.receive(null, other, S, io));
    }

    @Test
    @DisplayName("a rejected message is traced as a PROTOCOL_CHECK drop naming the reason")
    void rejectedIsTraced() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = new GlbpGroup(0, CONFIG.withAuthentication("right"));
        g.start(0, io);
        GlbpMessage m = GlbpMessage.of(1, MacAddress.parse("02:00:00:00:00:02"), List.of(
                new GlbpTlv.Auth(GlbpTlv.Auth.AUTH_PLAIN_TEXT, Bytes.of("wrong".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                GlbpTlv.Hello.of(GlbpState.ACTIVE, 100, 3000, 10000, 600, 14400, VIP)));
        Ipv4Packet p = glbpPacket(m);
        EthernetFrame frame = EthernetFrame.untagged(MacAddress.parse("01:00:5e:00:00:66"), MacAddress.parse("02:00:00:00:00:02"), p);
        assertTrue(g.receive(frame, p, S, io));
        TraceEvent.FrameDropped drop = (TraceEvent.FrameDropped) io.traces.stream()
                .filter(t -> t instanceof TraceEvent.FrameDropped).findFirst().orElseThrow();
        assertEquals(DropReason.PROTOCOL_CHECK, drop.reason());
        assertEquals("glbp 1 on ge0: authentication mismatch", drop.detail());
        assertEquals(frame, drop.frame());
    }

    @Test
    @DisplayName("commands: SetWeighting and SetPriority for its group are taken; other groups and other commands are not")
    void commands() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = startedAlone(io);
        assertTrue(g.command(new GlbpCommand.SetWeighting(1, 80), 30 * S, io));
        assertEquals(80, g.core().weighting());
        assertTrue(g.command(new GlbpCommand.SetPriority(1, 150), 30 * S, io));
        assertEquals(150, g.core().priority());
        assertFalse(g.command(new GlbpCommand.SetWeighting(2, 80), 30 * S, io));
        assertFalse(g.command(new DeviceCommand() { }, 30 * S, io));
    }

    @Test
    @DisplayName("tracking lowers the weighting (not the AVG priority): below the lower threshold the AVF steps back, and only the upper threshold brings it back")
    void trackingOnWeighting() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = new GlbpGroup(0, CONFIG.withWeighting(100, 60, 90));
        g.start(0, io);
        runTimers(g, io, 25 * S);
        assertEquals("weight", g.trackedValueName());
        assertTrue(g.trackable());
        g.trackingChanged(30, false, 30 * S, io);
        assertEquals(70, g.trackedValue());
        assertEquals(70, g.core().weighting());
        assertEquals(100, g.core().priority(), "the AVG priority is untouched");
        assertEquals(GlbpVfState.ACTIVE, g.core().vfState(1), "70 is above the lower threshold 60");
        g.trackingChanged(50, false, 31 * S, io);
        assertEquals(GlbpVfState.LISTEN, g.core().vfState(1), "50 is below it");
        g.command(new GlbpCommand.SetWeighting(1, 130), 32 * S, io);
        assertEquals(80, g.trackedValue(), "the commanded base lowered by tracking");
        assertTrue(g.core().belowThreshold(), "80 is under the upper threshold 90");
        g.trackingChanged(0, false, 33 * S, io);
        assertEquals(130, g.trackedValue());
        assertFalse(g.core().belowThreshold());
    }

    @Test
    @DisplayName("a tracked fault takes the group out of service with a farewell hello (VG priority 0) and holds it in Initial until it clears")
    void trackedFault() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = startedAlone(io);
        g.trackingChanged(0, true, 30 * S, io);
        assertTrue(g.faulted());
        assertEquals(GlbpVgState.INITIAL, g.core().vgState());
        GlbpMessage farewell = (GlbpMessage) ((UdpDatagram) ((Ipv4Packet) io.sent.getLast().payload()).payload()).payload();
        assertEquals(GlbpRouter.RESIGN_PRIORITY, farewell.hello().priority());
        assertEquals(GlbpGroup.TRACK_FAULT, io.stateChanges().getLast().cause());
        g.portStateChanged(0, true, 31 * S, io);
        assertEquals(GlbpVgState.INITIAL, g.core().vgState(), "the port coming up does not start a faulted group");
        g.trackingChanged(0, false, 32 * S, io);
        assertEquals(GlbpVgState.LISTEN, g.core().vgState());
    }

    @Test
    @DisplayName("notes point 6: protocol glbp, the group number and virtual IP; one group shares number, address and authentication")
    void validationFacts() {
        GlbpGroup g = new GlbpGroup(0, CONFIG);
        assertEquals("glbp", g.protocol());
        assertEquals(1, g.groupId());
        assertEquals(List.of(VIP), g.virtualAddresses());
        assertTrue(g.sameGroupAs(new GlbpGroup(0, CONFIG.withPriority(110))));
        assertFalse(g.sameGroupAs(new GlbpGroup(0, GlbpConfig.defaults(1, HOST_IP))));
        assertFalse(g.sameGroupAs(new GlbpGroup(0, CONFIG.withAuthentication("secret"))));
        assertFalse(g.sameGroupAs(new GlbpGroup(0, GlbpConfig.defaults(2, VIP))));
    }

    @Test
    @DisplayName("its own port going down: back to Initial, forwarder Disabled, nothing answered; a crash forgets everything silently")
    void downAndCrash() {
        FakeIo io = new FakeIo("r1", 1);
        GlbpGroup g = startedAlone(io);
        g.portStateChanged(1, false, 30 * S, io);
        assertTrue(g.ownsAddress(VIP), "another port does not matter");
        g.portStateChanged(0, false, 30 * S, io);
        assertFalse(g.ownsAddress(VIP));
        assertFalse(g.acceptsMac(MacAddress.parse("0007.b400.0101")));
        assertEquals("Initial", io.stateChanges().getLast().to());
        assertTrue(io.timers.isEmpty());
        g.portStateChanged(0, true, 40 * S, io);
        runTimers(g, io, 70 * S);
        assertTrue(g.ownsAddress(VIP));
        int traced = io.traces.size();
        g.crash();
        assertEquals(traced, io.traces.size());
        assertFalse(g.acceptsMac(MacAddress.parse("0007.b400.0101")));
        assertNull(g.arpReplyMac(VIP, HOST, HOST_IP));
    }

    @Test
    @DisplayName("two routers over frames: the member's Request goes unicast to the AVG, the Response unicast back; it gets forwarder 2")
    void requestResponseOverFrames() {
        FakeIo io1 = new FakeIo("r1", 1), io2 = new FakeIo("r2", 2);
        GlbpGroup g1 = new GlbpGroup(0, CONFIG.withPriority(200)), g2 = new GlbpGroup(0, CONFIG);
        g1.start(0, io1);
        g2.start(0, io2);
        List<EthernetFrame> unicast = new ArrayList<>();
        for (long t = 0; t <= 30 * S; t += S / 10) {
            runTimers(g1, io1, t);
            runTimers(g2, io2, t);
            // Deliver what each sent to the other, until nothing is left to deliver.
            while (!io1.sent.isEmpty() || !io2.sent.isEmpty()) {
                deliver(io1, g2, io2, t, unicast);
                deliver(io2, g1, io1, t, unicast);
            }
        }
        assertTrue(g1.ownsAddress(VIP));
        assertEquals(2, g2.core().primaryForwarder());
        assertTrue(g2.acceptsMac(MacAddress.parse("0007.b400.0102")));
        EthernetFrame request = unicast.get(0), response = unicast.get(1);
        assertEquals(io1.mac, request.destination());
        assertEquals(io1.address.address(), ((Ipv4Packet) request.payload()).destination());
        assertEquals(io2.mac, response.destination());
        assertEquals(io2.address.address(), ((Ipv4Packet) response.payload()).destination());
        assertEquals(255, ((Ipv4Packet) response.payload()).ttl());
    }

    private static void deliver(FakeIo from, GlbpGroup to, FakeIo toIo, long now, List<EthernetFrame> unicast) {
        List<EthernetFrame> frames = new ArrayList<>(from.sent);
        from.sent.clear();
        for (EthernetFrame f : frames) {
            if (f.destination().isMulticast() || f.destination().equals(toIo.mac)) {
                if (!f.destination().isMulticast()) unicast.add(f);
                assertTrue(to.receive(f, (Ipv4Packet) f.payload(), now, toIo));
            }
        }
    }

    private static Ipv4Packet glbpPacket(GlbpMessage m) {
        return Ipv4Packet.of(255, Ipv4Address.parse("10.0.0.2"), GlbpMessage.MULTICAST, new UdpDatagram(3222, 3222, m));
    }
}
