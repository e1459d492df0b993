package io.firsthop.core.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The FirstHopGroup adapter, driven through a fake router. */
class VrrpGroupTest {
    static final int PORT = 1;
    static final int VRID = 51;
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address VIP2 = Ipv4Address.parse("10.0.0.254");
    static final InterfaceAddress PRIMARY = InterfaceAddress.parse("10.0.0.2/24");
    static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.3");
    static final MacAddress INTERFACE_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final MacAddress VIRTUAL_MAC = MacAddress.parse("00:00:5e:00:01:33");
    static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:03");
    static final long T0 = 3_000_000_000L;

    /** A router seen from the group: records what the group does. */
    static final class FakeIo implements GroupIo {
        final List<EthernetFrame> sent = new ArrayList<>();
        final Map<Object, Long> timers = new HashMap<>();
        final List<TraceEvent> traces = new ArrayList<>();
        boolean portUp = true;

        @Override public void send(EthernetFrame frame) { sent.add(frame); }
        @Override public void armTimer(Object key, long at) { timers.put(key, at); }
        @Override public void cancelTimer(Object key) { timers.remove(key); }
        @Override public void trace(TraceEvent event) { traces.add(event); }
        @Override public String routerName() { return "r1"; }
        @Override public String portName() { return "ge0"; }
        @Override public MacAddress interfaceMac() { return INTERFACE_MAC; }
        @Override public InterfaceAddress primaryAddress() { return PRIMARY; }
        @Override public boolean portUp(int port) { return port == PORT && portUp; }

        <T extends TraceEvent> List<T> traces(Class<T> type) {
            return traces.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    final FakeIo io = new FakeIo();

    static VrrpConfig config(int priority) {
        return VrrpConfig.v3(VRID, priority, 100, List.of(VIP, VIP2));
    }

    /** Fires the group's earliest timer, as the router would. */
    long fireNextTimer(VrrpGroup group) {
        Map.Entry<Object, Long> next = io.timers.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        io.timers.remove(next.getKey());
        group.timerFired(next.getKey(), next.getValue(), io);
        return next.getValue();
    }

    VrrpGroup backup(VrrpConfig config) {
        VrrpGroup group = new VrrpGroup(PORT, config);
        group.start(T0, io);
        assertEquals(VrrpState.BACKUP, group.state());
        return group;
    }

    VrrpGroup master(VrrpConfig config) {
        VrrpGroup group = backup(config);
        fireNextTimer(group);
        assertEquals(VrrpState.MASTER, group.state());
        return group;
    }

    static EthernetFrame advertFrame(Ipv4Address source, int ttl, VrrpAdvertisement advert) {
        return EthernetFrame.untagged(VrrpGroup.VRRP_MULTICAST_MAC, PEER_MAC,
                new Ipv4Packet(48, 0, 0, false, ttl, source, Ipv4Address.VRRP_MULTICAST, Bytes.EMPTY, advert));
    }

    static <T> T single(List<T> list) {
        assertEquals(1, list.size(), () -> "expected exactly one, got " + list);
        return list.getFirst();
    }

    boolean deliver(VrrpGroup group, EthernetFrame frame, long now) {
        return group.receive(frame, (Ipv4Packet) frame.payload(), now, io);
    }

    @Nested
    @DisplayName("Frames (RFC 5798 §7.2, §7.3)")
    class Frames {
        @Test
        @DisplayName("RFC 5798 §7.2/§7.3: an advertisement goes from the virtual MAC to 01-00-5E-00-00-12, from the primary address to 224.0.0.18, TTL 255, protocol 112, DSCP CS6")
        void advertisementFrame() {
            new VrrpGroup(PORT, config(255)).start(T0, io);
            EthernetFrame frame = io.sent.getFirst();
            assertEquals(MacAddress.parse("01:00:5e:00:00:12"), frame.destination());
            assertEquals(VIRTUAL_MAC, frame.source());
            assertNull(frame.vlan());
            Ipv4Packet ip = (Ipv4Packet) frame.payload();
            assertEquals(PRIMARY.address(), ip.source());
            assertEquals(Ipv4Address.parse("224.0.0.18"), ip.destination());
            assertEquals(255, ip.ttl());
            assertEquals(112, ip.protocol());
            assertEquals(48, ip.dscp());
            assertEquals(VrrpAdvertisement.v3(VRID, 255, 100, List.of(VIP, VIP2)), ip.payload());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.1: becoming Master broadcasts one gratuitous ARP per virtual address from the virtual MAC")
        void gratuitousArpOnBecomingMaster() {
            VrrpGroup group = backup(config(100));
            assertEquals(List.of(), io.sent);
            fireNextTimer(group);
            assertEquals(3, io.sent.size());
            assertEquals(List.of(VIP, VIP2), io.sent.subList(1, 3).stream().map(f -> {
                assertEquals(MacAddress.BROADCAST, f.destination());
                assertEquals(VIRTUAL_MAC, f.source());
                ArpPacket arp = (ArpPacket) f.payload();
                assertTrue(arp.isRequest() && arp.isGratuitous());
                assertEquals(VIRTUAL_MAC, arp.senderMac());
                // RFC 5798 §6.4.2 (erratum 7949): target link-layer address = the virtual MAC.
                assertEquals(VIRTUAL_MAC, arp.targetMac());
                return arp.senderIp();
            }).toList());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: Shutdown sends the priority-0 advertisement and traces master -> initialize (shutdown)")
        void shutdownSendsPriorityZero() {
            VrrpGroup group = master(config(100));
            io.sent.clear();
            group.shutdown(T0 + 10_000_000_000L, io);
            assertEquals(0, ((VrrpAdvertisement) ((Ipv4Packet) single(io.sent).payload()).payload()).priority());
            assertEquals(new TraceEvent.StateChanged(T0 + 10_000_000_000L, "r1", "vrrp 51 on ge0", "master", "initialize", "shutdown"),
                    io.traces(TraceEvent.StateChanged.class).getLast());
            assertTrue(io.timers.isEmpty());
        }
    }

    @Nested
    @DisplayName("Data plane (RFC 5798 §6.4.2, §6.4.3)")
    class DataPlane {
        @Test
        @DisplayName("RFC 5798 §6.4.2: a Backup answers no ARP, refuses the virtual MAC and the virtual addresses")
        void backupAnswersNothing() {
            VrrpGroup group = backup(config(100));
            assertNull(group.arpReplyMac(VIP, PEER_MAC, PEER));
            assertFalse(group.acceptsMac(VIRTUAL_MAC));
            assertFalse(group.ownsAddress(VIP));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: only the Master answers ARP for a virtual address, with the virtual MAC, and routes frames to it")
        void masterAnswers() {
            VrrpGroup group = master(config(100));
            assertEquals(VIRTUAL_MAC, group.arpReplyMac(VIP, PEER_MAC, PEER));
            assertEquals(VIRTUAL_MAC, group.arpReplyMac(VIP2, PEER_MAC, PEER));
            assertNull(group.arpReplyMac(PRIMARY.address(), PEER_MAC, PEER));
            assertTrue(group.acceptsMac(VIRTUAL_MAC));
            assertFalse(group.acceptsMac(INTERFACE_MAC));
            assertFalse(group.ownsAddress(VIP), "no Accept_Mode: a non-owner Master does not accept packets to the virtual address");
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: a Master with Accept_Mode accepts packets to the virtual addresses; the owner always does")
        void acceptMode() {
            assertTrue(master(config(100).withAcceptMode(true)).ownsAddress(VIP));
            VrrpGroup owner = new VrrpGroup(PORT, config(255));
            owner.start(T0, io);
            assertTrue(owner.ownsAddress(VIP));
            assertFalse(owner.ownsAddress(PEER));
        }

        @Test
        @DisplayName("A crashed group loses its state silently: nothing sent, no ARP answers")
        void crash() {
            VrrpGroup group = master(config(100));
            io.sent.clear();
            io.traces.clear();
            group.crash();
            assertEquals(List.of(), io.sent);
            assertEquals(List.of(), io.traces);
            assertEquals(VrrpState.INITIALIZE, group.state());
            assertNull(group.arpReplyMac(VIP, PEER_MAC, PEER));
            assertFalse(group.acceptsMac(VIRTUAL_MAC));
        }
    }

    @Nested
    @DisplayName("Receiving (RFC 5798 §7.1)")
    class Receiving {
        @Test
        @DisplayName("RFC 5798 §7.1: an advertisement for our VRID is consumed and resets Master_Down_Timer")
        void consumesOwnVrid() {
            VrrpGroup group = backup(config(100));
            long t = T0 + 500_000_000L;
            assertTrue(deliver(group, advertFrame(PEER, 255, VrrpAdvertisement.v3(VRID, 200, 100, List.of(VIP, VIP2))), t));
            assertEquals(t + group.router().masterDownIntervalNanos(), io.timers.get(VrrpTimer.MASTER_DOWN_TIMER));
        }

        @Test
        @DisplayName("Packets of other VRIDs, other protocols and other destinations are left to the router")
        void leavesOthersAlone() {
            VrrpGroup group = backup(config(100));
            assertFalse(deliver(group, advertFrame(PEER, 255, VrrpAdvertisement.v3(52, 200, 100, List.of(VIP))), T0 + 1));
            EthernetFrame ping = EthernetFrame.untagged(INTERFACE_MAC, PEER_MAC,
                    Ipv4Packet.of(64, PEER, PRIMARY.address(), IcmpEcho.request(1, 1, Bytes.EMPTY)));
            assertFalse(deliver(group, ping, T0 + 1));
            EthernetFrame unicastVrrp = EthernetFrame.untagged(INTERFACE_MAC, PEER_MAC,
                    Ipv4Packet.of(255, PEER, PRIMARY.address(), VrrpAdvertisement.v3(VRID, 200, 100, List.of(VIP))));
            assertFalse(deliver(group, unicastVrrp, T0 + 1));
            assertEquals(0, group.router().statistics().advertisementRcvd());
        }

        @Test
        @DisplayName("RFC 5798 §7.1: an advertisement with TTL 254 is consumed, dropped with PROTOCOL_CHECK and counted")
        void ttlDropTraced() {
            VrrpGroup group = backup(config(100));
            long armed = io.timers.get(VrrpTimer.MASTER_DOWN_TIMER);
            EthernetFrame frame = advertFrame(PEER, 254, VrrpAdvertisement.v3(VRID, 200, 100, List.of(VIP, VIP2)));
            assertTrue(deliver(group, frame, T0 + 1));
            TraceEvent.FrameDropped drop = single(io.traces(TraceEvent.FrameDropped.class));
            assertEquals(DropReason.PROTOCOL_CHECK, drop.reason());
            assertEquals(frame, drop.frame());
            assertEquals("ge0", drop.port());
            assertTrue(drop.detail().contains("ip-ttl-error"), drop.detail());
            assertEquals(armed, io.timers.get(VrrpTimer.MASTER_DOWN_TIMER));
            assertEquals(1, group.router().statistics().ipTtlErrors());
        }

        @Test
        @DisplayName("RFC 5798 §7.1: an undecodable VRRP packet for our VRID is dropped and counted by the check it fails")
        void undecodableDropped() {
            VrrpGroup group = backup(config(100));
            // version 3, type 1, VRID 51, priority 200, 1 address, interval 100, bad checksum 0, 10.0.0.1
            Bytes bad = Bytes.ofHex("3133c801" + "00640000" + "0a000001");
            EthernetFrame frame = EthernetFrame.untagged(VrrpGroup.VRRP_MULTICAST_MAC, PEER_MAC,
                    Ipv4Packet.of(255, PEER, Ipv4Address.VRRP_MULTICAST, new RawIpPayload(112, bad)));
            assertTrue(deliver(group, frame, T0 + 1));
            assertEquals(1, group.router().statistics().checksumErrors());
            Bytes truncated = Bytes.ofHex("3133c802" + "00640000" + "0a000001");
            assertTrue(deliver(group, EthernetFrame.untagged(VrrpGroup.VRRP_MULTICAST_MAC, PEER_MAC,
                    Ipv4Packet.of(255, PEER, Ipv4Address.VRRP_MULTICAST, new RawIpPayload(112, truncated))), T0 + 2));
            assertEquals(1, group.router().statistics().packetLengthErrors());
            assertEquals(2, io.traces(TraceEvent.FrameDropped.class).size());
            Bytes otherVrid = Bytes.ofHex("3134c801" + "00640000" + "0a000001");
            assertFalse(deliver(group, EthernetFrame.untagged(VrrpGroup.VRRP_MULTICAST_MAC, PEER_MAC,
                    Ipv4Packet.of(255, PEER, Ipv4Address.VRRP_MULTICAST, new RawIpPayload(112, otherVrid))), T0 + 3));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: a Master hearing a higher priority traces master -> backup (higher-priority-backup)")
        void masterStepsDownTraced() {
            VrrpGroup group = master(config(100));
            deliver(group, advertFrame(PEER, 255, VrrpAdvertisement.v3(VRID, 200, 100, List.of(VIP, VIP2))), T0 + 5_000_000_000L);
            assertEquals(new TraceEvent.StateChanged(T0 + 5_000_000_000L, "r1", "vrrp 51 on ge0", "master", "backup",
                    "higher-priority-backup"), io.traces(TraceEvent.StateChanged.class).getLast());
            assertNull(group.arpReplyMac(VIP, PEER_MAC, PEER));
            assertFalse(io.timers.containsKey(VrrpTimer.ADVER_TIMER));
        }
    }

    @Nested
    @DisplayName("Lifecycle")
    class Lifecycle {
        @Test
        @DisplayName("Start traces initialize -> backup (startup); the Master_Down_Timer fires into master (no-response)")
        void startTraces() {
            VrrpGroup group = backup(config(100));
            assertEquals("vrrp 51 on ge0", group.describe());
            long due = fireNextTimer(group);
            assertEquals(List.of(
                    new TraceEvent.StateChanged(T0, "r1", "vrrp 51 on ge0", "initialize", "backup", "startup"),
                    new TraceEvent.StateChanged(due, "r1", "vrrp 51 on ge0", "backup", "master", "no-response")),
                    io.traces(TraceEvent.StateChanged.class));
        }

        @Test
        @DisplayName("Own port down: a Master goes to Initialize without sending; port up: Startup again")
        void portDownAndUp() {
            VrrpGroup group = master(config(100));
            io.sent.clear();
            group.portStateChanged(PORT, false, T0 + 5_000_000_000L, io);
            assertEquals(List.of(), io.sent);
            assertEquals(VrrpState.INITIALIZE, group.state());
            assertTrue(io.timers.isEmpty());
            assertEquals("interface-down", io.traces(TraceEvent.StateChanged.class).getLast().cause());
            group.portStateChanged(PORT, true, T0 + 6_000_000_000L, io);
            assertEquals(VrrpState.BACKUP, group.state());
            assertEquals("interface-up", io.traces(TraceEvent.StateChanged.class).getLast().cause());
        }

        @Test
        @DisplayName("Another port's state leaves the group alone")
        void otherPortIgnored() {
            VrrpGroup group = master(config(100));
            group.portStateChanged(PORT + 1, false, T0 + 5_000_000_000L, io);
            assertEquals(VrrpState.MASTER, group.state());
        }

        @Test
        @DisplayName("A router powering on with the group's port down waits in Initialize until the port comes up")
        void startWithPortDown() {
            io.portUp = false;
            VrrpGroup group = new VrrpGroup(PORT, config(100));
            group.start(T0, io);
            assertEquals(VrrpState.INITIALIZE, group.state());
            assertTrue(io.timers.isEmpty());
            io.portUp = true;
            group.portStateChanged(PORT, true, T0 + 1, io);
            assertEquals(VrrpState.BACKUP, group.state());
        }
    }

    @Nested
    @DisplayName("Tracking (PriorityTracking)")
    class Tracking {
        static int advertisedPriority(EthernetFrame frame) {
            return ((VrrpAdvertisement) ((Ipv4Packet) frame.payload()).payload()).priority();
        }

        @Test
        @DisplayName("the running priority is the configured one lowered by the decrement, clamped to 1..254; adverts carry it")
        void decrementLowersPriority() {
            VrrpGroup group = master(config(110));
            group.trackingChanged(20, false, T0 + 4_000_000_000L, io);
            assertEquals(90, group.trackedValue());
            assertEquals(90, group.router().priority());
            io.sent.clear();
            fireNextTimer(group);
            assertEquals(90, advertisedPriority(single(io.sent)));
            group.trackingChanged(500, false, T0 + 6_000_000_000L, io);
            assertEquals(1, group.trackedValue(), "never below 1: 0 would mean resigning");
            group.trackingChanged(0, false, T0 + 7_000_000_000L, io);
            assertEquals(110, group.trackedValue());
        }

        @Test
        @DisplayName("SetPriority moves the base that tracking lowers from")
        void setPriorityIsTheBase() {
            VrrpGroup group = master(config(110));
            group.trackingChanged(20, false, T0 + 4_000_000_000L, io);
            group.command(new VrrpCommand.SetPriority("ge0", VRID, 150), T0 + 5_000_000_000L, io);
            assertEquals(130, group.router().priority());
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: the address owner cannot be tracked")
        void ownerNotTrackable() {
            assertFalse(new VrrpGroup(PORT, config(255)).trackable());
            assertTrue(new VrrpGroup(PORT, config(254)).trackable());
        }

        @Test
        @DisplayName("a fault makes a Master send priority 0 and wait in Initialize through port flaps, until the fault clears")
        void faultHoldsInInitialize() {
            VrrpGroup group = master(config(110));
            io.sent.clear();
            group.trackingChanged(0, true, T0 + 4_000_000_000L, io);
            assertEquals(0, advertisedPriority(single(io.sent)));
            assertEquals(VrrpState.INITIALIZE, group.state());
            assertTrue(group.faulted());
            assertEquals("fault", io.traces(TraceEvent.StateChanged.class).getLast().cause());
            group.portStateChanged(PORT, false, T0 + 5_000_000_000L, io);
            group.portStateChanged(PORT, true, T0 + 6_000_000_000L, io);
            assertEquals(VrrpState.INITIALIZE, group.state(), "the port coming up does not start a faulted group");
            group.trackingChanged(0, false, T0 + 7_000_000_000L, io);
            assertEquals(VrrpState.BACKUP, group.state());
            assertEquals("fault-cleared", io.traces(TraceEvent.StateChanged.class).getLast().cause());
        }

        @Test
        @DisplayName("a fault clearing while the port is down leaves the group for the port to start")
        void faultClearedPortDown() {
            VrrpGroup group = master(config(110));
            group.trackingChanged(0, true, T0 + 4_000_000_000L, io);
            io.portUp = false;
            group.portStateChanged(PORT, false, T0 + 5_000_000_000L, io);
            group.trackingChanged(0, false, T0 + 6_000_000_000L, io);
            assertEquals(VrrpState.INITIALIZE, group.state());
            io.portUp = true;
            group.portStateChanged(PORT, true, T0 + 7_000_000_000L, io);
            assertEquals(VrrpState.BACKUP, group.state());
        }

        @Test
        @DisplayName("a restart starts with nothing tracked down")
        void restartForgetsTracking() {
            VrrpGroup group = master(config(110));
            group.trackingChanged(20, true, T0 + 4_000_000_000L, io);
            group.crash();
            io.timers.clear();
            group.start(T0 + 20_000_000_000L, io);
            assertEquals(110, group.router().priority());
            assertFalse(group.faulted());
            assertEquals(VrrpState.BACKUP, group.state());
        }

        @Test
        @DisplayName("RFC 5798 §7.3: VRRP groups collide by VRID whatever the version; members share VRID, version and addresses")
        void identity() {
            VrrpGroup v3 = new VrrpGroup(PORT, config(100));
            VrrpGroup v2 = new VrrpGroup(PORT, VrrpConfig.v2(VRID, 100, 1, List.of(VIP)));
            assertEquals("vrrp", v3.protocol());
            assertEquals(v3.protocol(), v2.protocol());
            assertEquals(VRID, v3.groupId());
            assertEquals(VRID, v2.groupId());
            assertTrue(v3.sameGroupAs(new VrrpGroup(PORT, VrrpConfig.v3(VRID, 120, 100, List.of(VIP2, VIP)))),
                    "members: the same VRID, version and addresses, in any order, at any priority");
            assertFalse(v3.sameGroupAs(new VrrpGroup(PORT, VrrpConfig.v3(VRID, 100, 100, List.of(VIP)))), "other addresses");
            assertFalse(v3.sameGroupAs(new VrrpGroup(PORT, VrrpConfig.v2(VRID, 100, 1, List.of(VIP, VIP2)))),
                    "RFC 5798 §7.1: v2 and v3 discard each other's advertisements");
        }
    }

    @Nested
    @DisplayName("Commands")
    class Commands {
        @Test
        @DisplayName("SetPriority changes the running priority of the matching group; adverts carry it")
        void setPriority() {
            VrrpGroup group = master(config(100));
            assertTrue(group.command(new VrrpCommand.SetPriority("ge0", VRID, 80), T0 + 4_000_000_000L, io));
            assertEquals(80, group.router().priority());
            io.sent.clear();
            fireNextTimer(group);
            assertEquals(80, ((VrrpAdvertisement) ((Ipv4Packet) single(io.sent).payload()).payload()).priority());
        }

        @Test
        @DisplayName("SetPriority for another VRID or port, or another command, is not this group's")
        void otherCommands() {
            VrrpGroup group = master(config(100));
            assertFalse(group.command(new VrrpCommand.SetPriority("ge0", 52, 80), T0, io));
            assertFalse(group.command(new VrrpCommand.SetPriority("ge1", VRID, 80), T0, io));
            assertTrue(group.command(new VrrpCommand.SetPriority(null, VRID, 80), T0, io));
            assertFalse(group.command(new DeviceCommand() { }, T0, io));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: SetPriority on the address owner leaves 255 and says so")
        void ownerKeeps255() {
            VrrpGroup owner = new VrrpGroup(PORT, config(255));
            owner.start(T0, io);
            assertTrue(owner.command(new VrrpCommand.SetPriority("ge0", VRID, 80), T0 + 1, io));
            assertEquals(255, owner.router().priority());
            assertEquals(1, io.traces(TraceEvent.Note.class).size());
        }

        @Test
        @DisplayName("A priority set before a restart is kept across it")
        void priorityKeptAcrossRestart() {
            VrrpGroup group = master(config(100));
            group.command(new VrrpCommand.SetPriority("ge0", VRID, 80), T0 + 1, io);
            group.crash();
            io.timers.clear();
            group.start(T0 + 20_000_000_000L, io);
            assertEquals(80, group.router().priority());
        }
    }
}
