package io.firsthop.core.hsrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The HSRP group as a router sees it: frames on the wire, timers, traces and the data-plane answers. */
class HsrpGroupTest {
    static final long SECOND = 1_000_000_000L;
    static final int PORT = 1;
    static final MacAddress OWN_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final InterfaceAddress OWN = InterfaceAddress.parse("10.0.0.2/24");
    static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.3");
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.254");
    static final Ipv4Address HOST = Ipv4Address.parse("10.0.0.50");
    static final MacAddress HOST_MAC = MacAddress.parse("02:00:00:00:00:50");

    /** A router port as the group sees it, recording everything the group does. */
    static final class RecordingIo implements GroupIo {
        final List<EthernetFrame> sent = new ArrayList<>();
        final Map<Object, Long> timers = new HashMap<>();
        final List<TraceEvent> traces = new ArrayList<>();
        boolean portUp = true;

        @Override
        public void send(EthernetFrame frame) {
            sent.add(frame);
        }

        @Override
        public void armTimer(Object key, long at) {
            timers.put(key, at);
        }

        @Override
        public void cancelTimer(Object key) {
            timers.remove(key);
        }

        @Override
        public void trace(TraceEvent event) {
            traces.add(event);
        }

        @Override
        public String routerName() {
            return "r1";
        }

        @Override
        public String portName() {
            return "ge0";
        }

        @Override
        public MacAddress interfaceMac() {
            return OWN_MAC;
        }

        @Override
        public InterfaceAddress primaryAddress() {
            return OWN;
        }

        @Override
        public boolean portUp(int port) {
            return port == PORT && portUp;
        }

        /** Fires {@code key} at its deadline. */
        long fire(HsrpGroup group, HsrpTimer key) {
            long at = timers.remove(key);
            group.timerFired(key, at, this);
            return at;
        }

        <T> List<T> payloads(Class<T> type) {
            List<T> found = new ArrayList<>();
            for (EthernetFrame f : sent) {
                if (f.payload() instanceof Ipv4Packet ip && ip.payload() instanceof UdpDatagram udp && type.isInstance(udp.payload())) {
                    found.add(type.cast(udp.payload()));
                }
            }
            return found;
        }

        List<TraceEvent.StateChanged> stateChanges() {
            return traces.stream().filter(TraceEvent.StateChanged.class::isInstance).map(TraceEvent.StateChanged.class::cast).toList();
        }
    }

    /** A lone group brought to Active: Listen at 0, Speak at 10 s, Active at 20 s. */
    static HsrpGroup activeGroup(HsrpConfig config, RecordingIo io) {
        HsrpGroup g = new HsrpGroup(PORT, config);
        g.start(0, io);
        io.fire(g, HsrpTimer.ACTIVE);
        io.fire(g, HsrpTimer.ACTIVE);
        io.fire(g, HsrpTimer.STANDBY);
        assertEquals(HsrpState.ACTIVE, g.state());
        return g;
    }

    static HsrpGroup speakingGroup(HsrpConfig config, RecordingIo io) {
        HsrpGroup g = new HsrpGroup(PORT, config);
        g.start(0, io);
        io.fire(g, HsrpTimer.ACTIVE);
        assertEquals(HsrpState.SPEAK, g.state());
        return g;
    }

    static EthernetFrame frameFrom(Ipv4Address source, UdpPayload payload) {
        Ipv4Packet ip = Ipv4Packet.of(1, source, payload instanceof HsrpV2Message ? Ipv4Address.HSRP_V2_MULTICAST : Ipv4Address.ALL_ROUTERS,
                new UdpDatagram(UdpDatagram.PORT_HSRP, UdpDatagram.PORT_HSRP, payload));
        return EthernetFrame.untagged(MacAddress.ofIpv4Multicast(ip.destination()), MacAddress.parse("02:00:00:00:00:03"), ip);
    }

    static boolean offer(HsrpGroup g, EthernetFrame frame, long now, RecordingIo io) {
        return g.receive(frame, (Ipv4Packet) frame.payload(), now, io);
    }

    @Nested
    @DisplayName("Version 1 frames")
    class Version1 {
        @Test
        @DisplayName("RFC 2281 §5.1: a Speak hello is UDP 1985->1985 from the primary address to 224.0.0.2, TTL 1, from the interface MAC")
        void speakHello() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = speakingGroup(HsrpConfig.of(1, 1, VIP).withPriority(110), io);
            io.fire(g, HsrpTimer.HELLO);
            EthernetFrame f = io.sent.get(io.sent.size() - 1);
            assertEquals(MacAddress.parse("01:00:5e:00:00:02"), f.destination());
            assertEquals(OWN_MAC, f.source(), "RFC 2281 §6.1: not Active, so the interface MAC");
            assertNull(f.vlan());
            Ipv4Packet ip = (Ipv4Packet) f.payload();
            assertEquals(OWN.address(), ip.source());
            assertEquals(Ipv4Address.ALL_ROUTERS, ip.destination());
            assertEquals(1, ip.ttl());
            assertEquals(Ipv4Packet.DSCP_CS6, ip.dscp());
            UdpDatagram udp = (UdpDatagram) ip.payload();
            assertEquals(1985, udp.sourcePort());
            assertEquals(1985, udp.destinationPort());
            assertEquals(new HsrpV1Message(HsrpOpCode.HELLO, HsrpState.SPEAK, 3, 10, 110, 1, HsrpV1Message.DEFAULT_AUTH, VIP), udp.payload());
        }

        @Test
        @DisplayName("RFC 2281 §6.1: an Active hello comes from the virtual MAC 0000.0c07.ac01, and a gratuitous ARP announces it")
        void activeHelloAndGratuitousArp() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            MacAddress vmac = MacAddress.parse("0000.0c07.ac01");
            assertEquals(vmac, g.virtualMac());
            EthernetFrame hello = io.sent.get(io.sent.size() - 2);
            assertEquals(vmac, hello.source());
            assertEquals(HsrpState.ACTIVE, io.payloads(HsrpV1Message.class).getLast().state());
            EthernetFrame arp = io.sent.getLast();
            assertEquals(MacAddress.BROADCAST, arp.destination());
            assertEquals(vmac, arp.source());
            assertEquals(ArpPacket.reply(vmac, VIP, vmac, VIP), arp.payload(), "RFC 2281 §5.6 I: an ARP response, virtual MAC in both headers");
        }

        @Test
        @DisplayName("Millisecond timers on version 1 go on the wire as whole seconds, rounded up (300 ms/2500 ms -> 1/3)")
        void millisecondTimersRoundedUp() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = speakingGroup(HsrpConfig.of(1, 1, VIP).withTimers(HsrpTimers.millis(300, 2500)), io);
            io.fire(g, HsrpTimer.HELLO);
            HsrpV1Message m = io.payloads(HsrpV1Message.class).getLast();
            assertEquals(1, m.helloTime());
            assertEquals(3, m.holdTime());
            assertEquals(1, HsrpGroup.wireSeconds(1));
            assertEquals(255, HsrpGroup.wireSeconds(300_000));
        }

        @Test
        @DisplayName("Every frame the group sends encodes and decodes back to itself")
        void framesEncode() throws Exception {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            g.shutdown(30 * SECOND, io);
            assertFalse(io.sent.isEmpty());
            for (EthernetFrame f : io.sent) assertEquals(f, Frames.decode(Frames.encode(f, WireOptions.DEFAULT), WireOptions.DEFAULT));
        }
    }

    @Nested
    @DisplayName("Version 2 frames")
    class Version2 {
        @Test
        @DisplayName("Cisco HSRPv2: hello to 224.0.0.102, TTL 1, Group State TLV with ms timers and the interface MAC as identifier, text auth")
        void speakHello() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = speakingGroup(HsrpConfig.of(2, 300, VIP).withTimers(HsrpTimers.millis(300, 1000)), io);
            io.fire(g, HsrpTimer.HELLO);
            EthernetFrame f = io.sent.getLast();
            assertEquals(MacAddress.parse("01:00:5e:00:00:66"), f.destination());
            assertEquals(OWN_MAC, f.source());
            Ipv4Packet ip = (Ipv4Packet) f.payload();
            assertEquals(OWN.address(), ip.source());
            assertEquals(Ipv4Address.HSRP_V2_MULTICAST, ip.destination());
            assertEquals(1, ip.ttl());
            UdpDatagram udp = (UdpDatagram) ip.payload();
            assertEquals(1985, udp.sourcePort());
            assertEquals(1985, udp.destinationPort());
            HsrpV2Message expected = HsrpV2Message.of(new HsrpV2Tlv.GroupState(HsrpOpCode.HELLO, HsrpState.SPEAK, 300, OWN_MAC, 100, 300, 1000, VIP),
                    HsrpV2Tlv.TextAuth.DEFAULT);
            assertEquals(expected, udp.payload());
        }

        @Test
        @DisplayName("Cisco HSRPv2: the Active sends from the virtual MAC 0000.0c9f.f12c (group 300) and announces it by gratuitous ARP")
        void activeFromVirtualMac() throws Exception {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(2, 300, VIP), io);
            MacAddress vmac = MacAddress.parse("0000.0c9f.f12c");
            assertEquals(vmac, io.sent.get(io.sent.size() - 2).source());
            assertEquals(vmac, io.sent.getLast().source());
            for (EthernetFrame f : io.sent) assertEquals(f, Frames.decode(Frames.encode(f, WireOptions.DEFAULT), WireOptions.DEFAULT));
        }
    }

    @Nested
    @DisplayName("Receiving")
    class Receiving {
        private final RecordingIo io = new RecordingIo();
        private final HsrpGroup v1 = speakingGroup(HsrpConfig.of(1, 1, VIP), io);

        @Test
        @DisplayName("A version 1 hello of its group is consumed and drives the state machine")
        void ownGroupConsumed() {
            HsrpV1Message m = HsrpV1Message.hello(HsrpState.SPEAK, 3, 10, 150, 1, VIP);
            assertTrue(offer(v1, frameFrom(PEER, m), 11 * SECOND, io));
            assertEquals(HsrpState.LISTEN, v1.state(), "RFC 2281 §5.7 (f, Speak): B/3");
        }

        @Test
        @DisplayName("Other groups, other versions, other UDP ports and other protocols are not consumed")
        void othersNotConsumed() {
            assertFalse(offer(v1, frameFrom(PEER, HsrpV1Message.hello(HsrpState.ACTIVE, 3, 10, 150, 2, VIP)), SECOND, io));
            assertFalse(offer(v1, frameFrom(PEER, HsrpV2Message.hello(HsrpState.ACTIVE, 1, OWN_MAC, 150, VIP)), SECOND, io));
            Ipv4Packet otherUdp = Ipv4Packet.of(64, PEER, OWN.address(), new UdpDatagram(5000, 53, new RawUdpPayload(Bytes.ofHex("00"))));
            assertFalse(v1.receive(EthernetFrame.untagged(OWN_MAC, HOST_MAC, otherUdp), otherUdp, SECOND, io));
            Ipv4Packet ping = Ipv4Packet.of(64, HOST, VIP, IcmpEcho.request(1, 1, Bytes.EMPTY));
            assertFalse(v1.receive(EthernetFrame.untagged(OWN_MAC, HOST_MAC, ping), ping, SECOND, io));
            assertEquals(HsrpState.SPEAK, v1.state());
        }

        @Test
        @DisplayName("A version 2 group consumes version 2 messages of its group only")
        void version2Group() {
            RecordingIo io2 = new RecordingIo();
            HsrpGroup v2 = speakingGroup(HsrpConfig.of(2, 1, VIP), io2);
            assertFalse(offer(v2, frameFrom(PEER, HsrpV1Message.hello(HsrpState.SPEAK, 3, 10, 150, 1, VIP)), SECOND, io2));
            assertFalse(offer(v2, frameFrom(PEER, HsrpV2Message.hello(HsrpState.SPEAK, 2, OWN_MAC, 150, VIP)), SECOND, io2));
            assertTrue(offer(v2, frameFrom(PEER, HsrpV2Message.hello(HsrpState.SPEAK, 1, OWN_MAC, 150, VIP)), 11 * SECOND, io2));
            assertEquals(HsrpState.LISTEN, v2.state());
        }

        @Test
        @DisplayName("RFC 2281 §5.1: a hello with another password is consumed, ignored, and noted in the trace")
        void authenticationMismatch() {
            Bytes secret = Bytes.ofHex("7365637265740000");
            HsrpV1Message m = new HsrpV1Message(HsrpOpCode.HELLO, HsrpState.SPEAK, 3, 10, 150, 1, secret, VIP);
            assertTrue(offer(v1, frameFrom(PEER, m), 11 * SECOND, io));
            assertEquals(HsrpState.SPEAK, v1.state());
            TraceEvent.Note note = (TraceEvent.Note) io.traces.getLast();
            assertEquals("hsrp 1 on ge0: hello from 10.0.0.3 ignored, authentication mismatch", note.text());
        }

        @Test
        @DisplayName("A version 2 hello without a text authentication TLV does not authenticate")
        void version2WithoutAuth() {
            RecordingIo io2 = new RecordingIo();
            HsrpGroup v2 = speakingGroup(HsrpConfig.of(2, 1, VIP), io2);
            HsrpV2Message noAuth = new HsrpV2Message(List.of(new HsrpV2Tlv.GroupState(HsrpOpCode.HELLO, HsrpState.SPEAK, 1, OWN_MAC, 150,
                    3000, 10_000, VIP)));
            assertTrue(offer(v2, frameFrom(PEER, noAuth), 11 * SECOND, io2));
            assertEquals(HsrpState.SPEAK, v2.state());
        }
    }

    @Nested
    @DisplayName("Data plane")
    class DataPlane {
        @Test
        @DisplayName("Only the Active answers ARP for the virtual IP (with the virtual MAC), accepts the virtual MAC and owns the virtual IP")
        void onlyActiveAnswers() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = speakingGroup(HsrpConfig.of(1, 1, VIP), io);
            MacAddress vmac = g.virtualMac();
            assertNull(g.arpReplyMac(VIP, HOST_MAC, HOST));
            assertFalse(g.acceptsMac(vmac));
            assertFalse(g.ownsAddress(VIP));
            io.fire(g, HsrpTimer.ACTIVE);
            io.fire(g, HsrpTimer.STANDBY);
            assertEquals(HsrpState.ACTIVE, g.state());
            assertEquals(vmac, g.arpReplyMac(VIP, HOST_MAC, HOST));
            assertNull(g.arpReplyMac(OWN.address(), HOST_MAC, HOST), "the router's own address is not the group's business");
            assertTrue(g.acceptsMac(vmac));
            assertFalse(g.acceptsMac(OWN_MAC));
            assertTrue(g.ownsAddress(VIP));
            assertFalse(g.ownsAddress(OWN.address()));
        }

        @Test
        @DisplayName("A learned virtual IP is answered for once Active")
        void learnedVirtualIp() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = new HsrpGroup(PORT, HsrpConfig.of(1, 1, null).withPriority(200).withPreempt(true));
            g.start(0, io);
            assertEquals(HsrpState.LEARN, g.state());
            offer(g, frameFrom(PEER, HsrpV1Message.hello(HsrpState.ACTIVE, 3, 10, 100, 1, VIP)), SECOND, io);
            offer(g, frameFrom(PEER, HsrpV1Message.hello(HsrpState.ACTIVE, 3, 10, 100, 1, VIP)), 4 * SECOND, io);
            assertEquals(HsrpState.ACTIVE, g.state(), "learned in Learn, then preempted the lower-priority Active");
            assertEquals(g.virtualMac(), g.arpReplyMac(VIP, HOST_MAC, HOST));
        }
    }

    @Nested
    @DisplayName("Lifecycle, traces and commands")
    class Lifecycle {
        @Test
        @DisplayName("State changes are traced as 'hsrp <group> on <port>' with the cause")
        void stateChangeTraces() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 7, VIP), io);
            assertEquals("hsrp 7 on ge0", g.describe());
            List<TraceEvent.StateChanged> changes = io.stateChanges();
            assertEquals(List.of("initial>listen", "listen>speak", "speak>standby", "standby>active"),
                    changes.stream().map(c -> c.from() + ">" + c.to()).toList());
            TraceEvent.StateChanged last = changes.getLast();
            assertEquals("r1", last.device());
            assertEquals("hsrp 7 on ge0", last.group());
            assertEquals("active-timer-expiry", last.cause());
            assertEquals(20 * SECOND, last.at());
        }

        @Test
        @DisplayName("RFC 2281 §5.5 event b: the own port going down returns the group to Initial, silently; coming up starts it again")
        void portDownAndUp() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            int sentBefore = io.sent.size();
            io.portUp = false;
            g.portStateChanged(PORT, false, 30 * SECOND, io);
            assertEquals(HsrpState.INITIAL, g.state());
            assertEquals(sentBefore, io.sent.size(), "the Resign has no wire to leave by");
            assertTrue(io.timers.isEmpty(), "every timer cancelled");
            assertFalse(g.acceptsMac(g.virtualMac()));
            io.portUp = true;
            g.portStateChanged(PORT, true, 40 * SECOND, io);
            assertEquals(HsrpState.LISTEN, g.state());
        }

        @Test
        @DisplayName("Another port changing state does not concern the group")
        void otherPort() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            g.portStateChanged(PORT + 1, false, 30 * SECOND, io);
            assertEquals(HsrpState.ACTIVE, g.state());
        }

        @Test
        @DisplayName("start() with the port down waits in Initial for the port to come up")
        void startWithPortDown() {
            RecordingIo io = new RecordingIo();
            io.portUp = false;
            HsrpGroup g = new HsrpGroup(PORT, HsrpConfig.of(1, 1, VIP));
            g.start(0, io);
            assertEquals(HsrpState.INITIAL, g.state());
            assertTrue(io.timers.isEmpty());
        }

        @Test
        @DisplayName("A graceful shutdown of the Active sends a Resign (RFC 2281 §5.7 (b, Active): CDH/1); a crash sends nothing")
        void shutdownVersusCrash() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            g.shutdown(30 * SECOND, io);
            HsrpV1Message resign = io.payloads(HsrpV1Message.class).getLast();
            assertEquals(HsrpOpCode.RESIGN, resign.opCode());
            assertEquals(HsrpState.ACTIVE, resign.state());
            assertEquals(g.virtualMac(), io.sent.getLast().source());

            RecordingIo io2 = new RecordingIo();
            HsrpGroup crashed = activeGroup(HsrpConfig.of(1, 1, VIP), io2);
            int before = io2.sent.size();
            crashed.crash();
            assertEquals(before, io2.sent.size());
            assertEquals(HsrpState.INITIAL, crashed.state());
            assertNull(crashed.arpReplyMac(VIP, HOST_MAC, HOST));
        }

        @Test
        @DisplayName("SetHsrpPriority changes the priority of the matching group; others are not understood")
        void priorityCommand() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            assertTrue(g.command(new SetHsrpPriority("ge0", 1, 80), 21 * SECOND, io));
            assertTrue(g.command(new SetHsrpPriority(null, 1, 90), 21 * SECOND, io), "null port: any port running the group");
            assertFalse(g.command(new SetHsrpPriority("ge1", 1, 10), 21 * SECOND, io));
            assertFalse(g.command(new SetHsrpPriority("ge0", 2, 10), 21 * SECOND, io));
            assertFalse(g.command(new DeviceCommand() {}, 21 * SECOND, io));
            io.fire(g, HsrpTimer.HELLO);
            assertEquals(90, io.payloads(HsrpV1Message.class).getLast().priority());
        }

        @Test
        @DisplayName("Timer keys are the HsrpTimer values; foreign keys are ignored")
        void timerKeys() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = new HsrpGroup(PORT, HsrpConfig.of(1, 1, VIP));
            g.start(0, io);
            assertEquals(Map.of(HsrpTimer.ACTIVE, 10 * SECOND, HsrpTimer.STANDBY, 10 * SECOND, HsrpTimer.HELLO, 3 * SECOND), io.timers);
            int traces = io.traces.size();
            g.timerFired("not ours", 10 * SECOND, io);
            assertEquals(traces, io.traces.size());
            assertInstanceOf(HsrpRouter.class, g.core());
        }
    }

    @Nested
    @DisplayName("Tracking (PriorityTracking) and segment validation")
    class Tracking {
        @Test
        @DisplayName("a decrement lowers the priority carried by the next hello; nothing down restores it, 255 included")
        void decrement() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP).withPriority(255), io);
            assertTrue(g.trackable());
            assertEquals("priority", g.trackedValueName());
            assertEquals(255, g.trackedValue());
            g.trackingChanged(20, false, 21 * SECOND, io);
            assertEquals(235, g.trackedValue());
            io.fire(g, HsrpTimer.HELLO);
            assertEquals(235, io.payloads(HsrpV1Message.class).getLast().priority());
            g.trackingChanged(0, false, 22 * SECOND, io);
            assertEquals(255, g.trackedValue(), "no tracked object down: the base priority itself");
            g.trackingChanged(300, false, 22 * SECOND, io);
            assertEquals(1, g.trackedValue(), "clamped to 1");
        }

        @Test
        @DisplayName("tracking lowers the commanded priority too, and every start begins with nothing down")
        void commandedBaseAndRestart() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            g.command(new SetHsrpPriority(null, 1, 120), 21 * SECOND, io);
            g.trackingChanged(30, false, 21 * SECOND, io);
            assertEquals(90, g.trackedValue());
            assertEquals(90, g.core().priority());
            g.crash();
            g.start(30 * SECOND, io);
            assertEquals(120, g.trackedValue(), "the command survives a restart, the tracked decrement does not");
            assertEquals(120, g.core().priority());
        }

        @Test
        @DisplayName("RFC 2281 §5.5 event b: a fault makes the Active resign and wait in Initial, port up or not, until it clears (event a)")
        void fault() {
            RecordingIo io = new RecordingIo();
            HsrpGroup g = activeGroup(HsrpConfig.of(1, 1, VIP), io);
            g.trackingChanged(0, true, 21 * SECOND, io);
            assertTrue(g.faulted());
            assertEquals(HsrpState.INITIAL, g.state());
            assertEquals(HsrpOpCode.RESIGN, io.payloads(HsrpV1Message.class).getLast().opCode());
            assertEquals(new TraceEvent.StateChanged(21 * SECOND, "r1", "hsrp 1 on ge0", "active", "initial", HsrpGroup.TRACK_FAULT),
                    io.stateChanges().getLast());
            assertNull(g.arpReplyMac(VIP, HOST_MAC, HOST));
            g.portStateChanged(PORT, true, 22 * SECOND, io);
            assertEquals(HsrpState.INITIAL, g.state(), "the port coming up does not start a faulted group");
            g.trackingChanged(0, false, 23 * SECOND, io);
            assertEquals(new TraceEvent.StateChanged(23 * SECOND, "r1", "hsrp 1 on ge0", "initial", "listen", "startup"),
                    io.stateChanges().getLast());
        }

        @Test
        @DisplayName("notes point 6: protocol hsrp (v1) or hsrp2 (v2), the group number, the configured address; one group shares number, address and password")
        void validationFacts() {
            HsrpGroup v1 = new HsrpGroup(PORT, HsrpConfig.of(1, 7, VIP));
            HsrpGroup v2 = new HsrpGroup(PORT, HsrpConfig.of(2, 7, VIP));
            assertEquals("hsrp", v1.protocol());
            assertEquals("hsrp2", v2.protocol());
            assertEquals(7, v1.groupId());
            assertEquals(List.of(VIP), v1.virtualAddresses());
            assertEquals(List.of(), new HsrpGroup(PORT, HsrpConfig.of(1, 7, null)).virtualAddresses(), "learns it from the Active");
            assertTrue(v1.sameGroupAs(new HsrpGroup(PORT, HsrpConfig.of(1, 7, VIP).withPriority(110))));
            assertTrue(v1.sameGroupAs(new HsrpGroup(PORT, HsrpConfig.of(1, 7, null))));
            assertFalse(v1.sameGroupAs(v2));
            assertFalse(v1.sameGroupAs(new HsrpGroup(PORT, HsrpConfig.of(1, 7, HOST))));
            assertFalse(v1.sameGroupAs(new HsrpGroup(PORT, HsrpConfig.of(1, 7, VIP).withAuthentication("other"))));
        }
    }
}
