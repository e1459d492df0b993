package io.firsthop.core.l3;

import static io.firsthop.core.devtest.Bench.MS;
import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.arpReply;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.ObjectTracker;
import io.firsthop.core.track.SetTrackedObject;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.core.vrrp.VrrpState;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A router hosting tracked objects for its VRRP group: the notes' "tracking lowers the priority by 20". */
class RouterTrackingTest {
    static final int GE0 = 0;
    static final int GE1 = 1;
    static final MacAddress GE0_MAC = mac("02:00:00:00:01:00");
    static final MacAddress GE1_MAC = mac("02:00:00:00:01:01");
    static final Ipv4Address GE1_IP = ip("172.16.0.2");
    static final Ipv4Address UPSTREAM = ip("172.16.0.1");
    static final MacAddress UPSTREAM_MAC = mac("02:00:00:00:00:fe");
    static final Ipv4Address SERVER = ip("198.51.100.10");
    static final Ipv4Address VIP = ip("10.0.0.1");

    final Router router = new Router(RouterConfig.of("r1",
            RouterInterface.of("ge0", GE0_MAC, ifaddr("10.0.0.2/24")),
            RouterInterface.of("ge1", GE1_MAC, ifaddr("172.16.0.2/24"))).withStaticRoutes(StaticRoute.of("0.0.0.0/0", "172.16.0.1")));
    final VrrpGroup group = new VrrpGroup(GE0, VrrpConfig.v3(1, 110, 100, List.of(VIP)));

    Bench bench() {
        return new Bench(router);
    }

    /** Powers on and lets the group become Master (Master_Down_Interval after start). */
    Bench master() {
        Bench b = bench().powerOn();
        b.advanceTo(4 * S);
        assertEquals(VrrpState.MASTER, group.state());
        return b;
    }

    static List<Integer> advertisedPriorities(List<Sent> sent) {
        return sent.stream().filter(s -> s.frame().payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement)
                .map(s -> ((VrrpAdvertisement) ((Ipv4Packet) s.frame().payload()).payload()).priority()).toList();
    }

    static List<TraceEvent.Note> notes(Bench b, String containing) {
        return b.events(TraceEvent.Note.class).stream().filter(n -> n.text().contains(containing)).toList();
    }

    @Nested
    @DisplayName("interface line state")
    class InterfaceLine {
        InterfaceLine() {
            router.addGroup(group);
            router.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
            router.track(group, "uplink", TrackEffect.decrement(20));
        }

        @Test
        @DisplayName("the notes' configuration: the uplink failing lowers priority 110 by 20; the next advertisement carries 90")
        void uplinkDownLowersPriority() {
            Bench b = master();
            b.takeSent();
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            assertEquals(List.of(new TraceEvent.StateChanged(4 * S, "r1", "track uplink", "up", "down", "interface ge1 down")),
                    b.events(TraceEvent.StateChanged.class).stream().filter(e -> e.group().startsWith("track")).toList());
            assertEquals(List.of(new TraceEvent.Note(4 * S, "r1", "vrrp 1 on ge0: priority 110 -> 90 (tracked down: uplink)")),
                    notes(b, "priority"));
            assertEquals(90, group.trackedValue());
            b.advanceTo(5 * S);
            assertEquals(List.of(90), advertisedPriorities(b.takeSent()));
            assertFalse(router.trackedObjectUp("uplink"));
        }

        @Test
        @DisplayName("SetTrackedObject forces the object down (110 -> 90) and holds it; its release puts it back as the line "
                + "state says, and an unknown object is a Note")
        void override() {
            Bench b = master();
            b.command(new SetTrackedObject("uplink", false));
            assertEquals(90, group.trackedValue());
            b.input(new DeviceInput.CarrierChanged(GE1, false)).input(new DeviceInput.CarrierChanged(GE1, true));
            assertEquals(90, group.trackedValue(), "held down whatever the interface does");
            b.command(new SetTrackedObject("uplink", true));
            assertEquals(110, group.trackedValue());
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            b.command(new SetTrackedObject("uplink", false)).command(new SetTrackedObject("uplink", true));
            assertEquals(90, group.trackedValue(), "released while the interface is down: down, as its line state says");
            b.command(new SetTrackedObject("nope", false));
            assertEquals(1, notes(b, "no tracked object 'nope' to force down").size());
        }

        @Test
        @DisplayName("the uplink coming back restores 110; an administrative shutdown counts as down too")
        void uplinkBack() {
            Bench b = master();
            b.input(new DeviceInput.AdminPortState(GE1, false));
            assertEquals(90, group.trackedValue());
            b.input(new DeviceInput.AdminPortState(GE1, true));
            assertEquals(110, group.trackedValue());
            assertEquals("vrrp 1 on ge0: priority 90 -> 110 (no tracked object down)", notes(b, "priority").getLast().text());
        }

        @Test
        @DisplayName("a restart starts with every object up: the configured priority")
        void restart() {
            Bench b = master();
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            b.input(DeviceInput.CRASH).powerOn();
            assertTrue(router.trackedObjectUp("uplink"));
            assertTrue(router.interfaceUp(GE1), "a router powers on assuming carrier; the runtime corrects it");
            b.advanceTo(9 * S);
            assertEquals(110, group.router().priority());
        }
    }

    @Nested
    @DisplayName("reachability by probe")
    class Reachability {
        Reachability() {
            router.addGroup(group);
            router.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
            router.addTrackedObject(TrackedObject.reachability("server", SERVER));
            router.track(group, "server", TrackEffect.decrement(20));
        }

        /** The echo requests sent so far (forgetting everything else sent). */
        static List<Sent> echoes(Bench b) {
            return b.takeSent().stream().filter(s -> s.frame().payload() instanceof Ipv4Packet ip
                    && ip.payload() instanceof IcmpEcho e && !e.reply()).toList();
        }

        @Test
        @DisplayName("the router probes from the egress interface's primary address, after resolving the next hop by ARP")
        void probeFromEgressAddress() {
            Bench b = bench().powerOn().advanceTo(0);
            Sent arp = b.takeSent().stream().filter(s -> s.frame().payload() instanceof ArpPacket).findFirst().orElseThrow();
            assertEquals(GE1, arp.port());
            assertEquals(UPSTREAM, ((ArpPacket) arp.frame().payload()).targetIp());
            b.frame(GE1, arpReply(UPSTREAM_MAC, UPSTREAM, GE1_MAC, GE1_IP));
            Sent probe = echoes(b).getFirst();
            assertEquals(GE1, probe.port());
            assertEquals(UPSTREAM_MAC, probe.frame().destination());
            Ipv4Packet ip = (Ipv4Packet) probe.frame().payload();
            assertEquals(GE1_IP, ip.source());
            assertEquals(SERVER, ip.destination());
            assertEquals(ObjectTracker.PROBE_IDENTIFIER_BASE + 1, assertInstanceOf(IcmpEcho.class, ip.payload()).identifier());
        }

        @Test
        @DisplayName("echo replies to the router's probes are taken by the tracker, not dropped; three misses lower the priority")
        void repliesKeepItUp() {
            Bench b = bench().powerOn().advanceTo(0);
            b.frame(GE1, arpReply(UPSTREAM_MAC, UPSTREAM, GE1_MAC, GE1_IP));
            for (long t = 0; t < 5 * S; t += S) {
                b.advanceTo(t + 10 * MS);
                Ipv4Packet request = (Ipv4Packet) echoes(b).getLast().frame().payload();
                b.frame(GE1, EthernetFrame.untagged(GE1_MAC, UPSTREAM_MAC,
                        Ipv4Packet.of(60, SERVER, GE1_IP, ((IcmpEcho) request.payload()).toReply())));
            }
            assertEquals(List.of(), b.drops(DropReason.UNSUPPORTED));
            assertTrue(router.trackedObjectUp("server"));
            b.advanceTo(8 * S - 1);
            assertTrue(router.trackedObjectUp("server"), "misses at 6 s and 7 s");
            b.advanceTo(8 * S);
            assertFalse(router.trackedObjectUp("server"));
            assertEquals(90, group.trackedValue());
        }

        @Test
        @DisplayName("with its uplink down the router has no route for the probe: dropped NO_ROUTE, and the object goes down")
        void noRoute() {
            Bench b = bench().powerOn();
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            b.advanceTo(3 * S);
            assertTrue(b.drops(DropReason.NO_ROUTE).stream().anyMatch(d -> d.detail().equals("no route to 198.51.100.10 for a tracking probe")));
            assertFalse(router.trackedObjectUp("server"));
        }
    }

    @Nested
    @DisplayName("fault (keepalived's weight 0)")
    class Fault {
        Fault() {
            router.addGroup(group);
            router.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
            router.track(group, "uplink", TrackEffect.fault());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3 as on Shutdown: the Master sends priority 0 on ge0 and waits in Initialize; the uplink back starts it as Backup")
        void masterResigns() {
            Bench b = master();
            b.takeSent();
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            assertEquals(List.of(0), advertisedPriorities(b.takeSent()));
            assertEquals(VrrpState.INITIALIZE, group.state());
            assertEquals("fault", b.events(TraceEvent.StateChanged.class).stream()
                    .filter(e -> e.group().startsWith("vrrp")).toList().getLast().cause());
            assertEquals("vrrp 1 on ge0: priority 110 -> 110, fault (tracked down: uplink)", notes(b, "priority").getLast().text());
            b.advanceTo(20 * S);
            assertEquals(VrrpState.INITIALIZE, group.state());
            b.input(new DeviceInput.CarrierChanged(GE1, true));
            assertEquals(VrrpState.BACKUP, group.state());
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {
        @Test
        @DisplayName("RFC 5798 §5.2.4: an address owner cannot be tracked")
        void ownerRejected() {
            VrrpGroup owner = new VrrpGroup(GE0, VrrpConfig.v3(2, 255, 100, List.of(ip("10.0.0.2"))));
            router.addGroup(owner);
            router.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
            var e = assertThrows(IllegalArgumentException.class, () -> router.track(owner, "uplink", TrackEffect.DEFAULT));
            assertTrue(e.getMessage().contains("address owner is 255"), e.getMessage());
        }

        @Test
        @DisplayName("a group must be the router's and able to be tracked; an interface object names an interface; all before PowerOn")
        void validation() {
            router.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
            assertThrows(IllegalArgumentException.class, () -> router.track(group, "uplink", TrackEffect.DEFAULT), "not added");
            RouterTest.FakeGroup untrackable = new RouterTest.FakeGroup(GE0);
            router.addGroup(untrackable);
            assertThrows(IllegalArgumentException.class, () -> router.track(untrackable, "uplink", TrackEffect.DEFAULT));
            var e = assertThrows(IllegalArgumentException.class, () -> router.addTrackedObject(TrackedObject.interfaceLine("x", "ge7")));
            assertEquals("r1: track x names interface 'ge7', but interfaces are [ge0, ge1]", e.getMessage());
            router.addGroup(group);
            bench().powerOn();
            assertThrows(IllegalStateException.class, () -> router.addTrackedObject(TrackedObject.reachability("s", SERVER)));
            assertThrows(IllegalStateException.class, () -> router.track(group, "uplink", TrackEffect.DEFAULT));
        }
    }
}
