package io.firsthop.core.l3;

import static io.firsthop.core.devtest.Bench.MS;
import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.arpReply;
import static io.firsthop.core.devtest.Frames.arpRequest;
import static io.firsthop.core.devtest.Frames.echoRequest;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouterTest {
    static final int GE0 = 0;
    static final int GE1 = 1;
    static final int GE2 = 2;
    static final MacAddress GE0_MAC = mac("02:00:00:00:01:00");
    static final MacAddress GE1_MAC = mac("02:00:00:00:01:01");
    static final MacAddress GE2_MAC = mac("02:00:00:00:01:02");
    static final Ipv4Address GE0_IP = ip("10.0.0.1");
    static final Ipv4Address GE1_IP = ip("10.0.1.1");
    static final Ipv4Address GE1_SECONDARY = ip("10.0.9.1");
    static final MacAddress A_MAC = mac("02:00:00:00:00:0a");
    static final Ipv4Address A_IP = ip("10.0.0.10");
    static final MacAddress B_MAC = mac("02:00:00:00:00:0b");
    static final Ipv4Address B_IP = ip("10.0.1.50");
    static final MacAddress UPSTREAM_MAC = mac("02:00:00:00:00:ff");
    static final Ipv4Address UPSTREAM_IP = ip("172.16.0.2");

    static RouterInterface ge0() {
        return RouterInterface.of("ge0", GE0_MAC, ifaddr("10.0.0.1/24"));
    }

    static RouterConfig config(StaticRoute... routes) {
        return RouterConfig.of("r1", ge0(),
                RouterInterface.of("ge1", GE1_MAC, ifaddr("10.0.1.1/24"), ifaddr("10.0.9.1/24")),
                RouterInterface.of("ge2", GE2_MAC, ifaddr("172.16.0.1/30"))).withStaticRoutes(routes);
    }

    static RouterConfig withDefault() {
        return config(StaticRoute.of("0.0.0.0/0", "172.16.0.2"),
                StaticRoute.of("198.51.100.0/24", "10.0.1.254"),
                StaticRoute.of("198.51.100.128/25", "10.0.1.253"));
    }

    static Bench running(Router r) {
        return new Bench(r).powerOn();
    }

    static Router router(Bench b) {
        return (Router) b.device;
    }

    /** Host A on ge0 ARPs for the router, which learns it (and answers). */
    static void learnA(Bench b) {
        b.frame(GE0, arpRequest(A_MAC, A_IP, GE0_IP));
        b.clear();
    }

    static EthernetFrame fromA(Ipv4Packet p) {
        return EthernetFrame.untagged(GE0_MAC, A_MAC, p);
    }

    static Ipv4Packet ipOf(Sent s) {
        return assertInstanceOf(Ipv4Packet.class, s.frame().payload());
    }

    static ArpPacket arpOf(Sent s) {
        return assertInstanceOf(ArpPacket.class, s.frame().payload());
    }

    @Nested
    @DisplayName("routing table")
    class Table {
        @Test
        @DisplayName("RFC 1812 §5.2.4.3: the longest matching prefix wins")
        void longestPrefixMatch() {
            Router r = new Router(withDefault());
            running(r);
            assertEquals(new Route(Ipv4Prefix.parse("198.51.100.128/25"), GE1, ip("10.0.1.253")), r.route(ip("198.51.100.200")));
            assertEquals(new Route(Ipv4Prefix.parse("198.51.100.0/24"), GE1, ip("10.0.1.254")), r.route(ip("198.51.100.5")));
            assertEquals(new Route(Ipv4Prefix.parse("0.0.0.0/0"), GE2, UPSTREAM_IP), r.route(ip("8.8.8.8")));
            assertEquals(new Route(Ipv4Prefix.parse("10.0.9.0/24"), GE1, null), r.route(ip("10.0.9.9")));
        }

        @Test
        @DisplayName("a connected route beats a static one for the same prefix; a static route needs a connected next hop")
        void connectedBeatsStatic() {
            Router r = new Router(config(StaticRoute.of("10.0.1.0/24", "172.16.0.2"), StaticRoute.of("203.0.113.0/24", "192.0.2.1")));
            running(r);
            assertTrue(r.route(ip("10.0.1.7")).connected());
            assertNull(r.route(ip("203.0.113.1")), "next hop 192.0.2.1 is not on a connected subnet");
        }

        @Test
        @DisplayName("an interface going down takes its connected routes and the static routes through it; up restores them")
        void interfaceDown() {
            Router r = new Router(withDefault());
            Bench b = running(r);
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            assertFalse(r.interfaceUp(GE1));
            assertEquals(UPSTREAM_IP, r.route(B_IP).nextHop());
            assertEquals(UPSTREAM_IP, r.route(ip("198.51.100.5")).nextHop());
            assertTrue(b.events(TraceEvent.DeviceEvent.class).stream().anyMatch(e -> e.what().equals("port ge1 down (carrier)")));
            b.input(new DeviceInput.CarrierChanged(GE1, true));
            assertTrue(r.route(B_IP).connected());
            b.input(new DeviceInput.AdminPortState(GE1, false));
            assertEquals(UPSTREAM_IP, r.route(B_IP).nextHop());
            assertTrue(b.events(TraceEvent.DeviceEvent.class).stream().anyMatch(e -> e.what().equals("port ge1 down (admin)")));
        }

        @Test
        @DisplayName("with the interface down, traffic to its subnet has no route")
        void downMeansNoRoute() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.input(new DeviceInput.AdminPortState(GE1, false));
            b.frame(GE0, fromA(echoRequest(A_IP, B_IP, 64, 1, 1)));
            assertEquals(1, b.drops(DropReason.NO_ROUTE).size());
        }
    }

    @Nested
    @DisplayName("forwarding")
    class Forwarding {
        @Test
        @DisplayName("RFC 1812 §5.3.1, §5.2.1: TTL is decremented, the frame rewritten from the egress MAC to the next hop's")
        void forwardsWithRewrite() {
            Bench b = running(new Router(config()));
            learnA(b);
            Ipv4Packet p = echoRequest(A_IP, B_IP, 64, 1, 1);
            b.frame(GE0, fromA(p));
            Sent req = b.takeSent().get(0);
            assertEquals(GE1, req.port());
            assertEquals(ArpPacket.request(GE1_MAC, GE1_IP, B_IP), arpOf(req));
            b.advanceTo(MS).frame(GE1, arpReply(B_MAC, B_IP, GE1_MAC, GE1_IP));
            Sent fwd = b.takeSent().get(0);
            assertEquals(GE1, fwd.port());
            assertEquals(B_MAC, fwd.frame().destination());
            assertEquals(GE1_MAC, fwd.frame().source());
            assertEquals(p.withTtl(63), fwd.frame().payload());
        }

        @Test
        @DisplayName("a static route sends to its next hop's MAC")
        void viaNextHop() {
            Bench b = running(new Router(withDefault()));
            b.frame(GE2, arpRequest(UPSTREAM_MAC, UPSTREAM_IP, ip("172.16.0.1")));
            learnA(b);
            b.frame(GE0, fromA(echoRequest(A_IP, ip("8.8.8.8"), 64, 1, 1)));
            Sent fwd = b.takeSent().get(0);
            assertEquals(GE2, fwd.port());
            assertEquals(UPSTREAM_MAC, fwd.frame().destination());
            assertEquals(ip("8.8.8.8"), ipOf(fwd).destination());
        }

        @Test
        @DisplayName("a packet routed back out of its ingress interface is forwarded (the FHRP detour)")
        void hairpin() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.frame(GE0, arpRequest(B_MAC, ip("10.0.0.20"), GE0_IP));
            b.clear();
            b.frame(GE0, fromA(echoRequest(A_IP, ip("10.0.0.20"), 64, 1, 1)));
            Sent fwd = b.takeSent().get(0);
            assertEquals(GE0, fwd.port());
            assertEquals(B_MAC, fwd.frame().destination());
        }

        @Test
        @DisplayName("RFC 1812 §5.3.1: TTL 1 is dropped TTL_EXPIRED with Time Exceeded from the ingress primary address")
        void ttlExpired() {
            Bench b = running(new Router(config()));
            learnA(b);
            Ipv4Packet p = echoRequest(A_IP, B_IP, 1, 1, 1);
            b.frame(GE0, fromA(p));
            assertEquals(1, b.drops(DropReason.TTL_EXPIRED).size());
            Sent s = b.takeSent().get(0);
            assertEquals(GE0, s.port());
            assertEquals(A_MAC, s.frame().destination());
            Ipv4Packet err = ipOf(s);
            assertEquals(GE0_IP, err.source());
            assertEquals(A_IP, err.destination());
            assertEquals(IcmpError.timeExceeded(Router.quote(p)), err.payload());
            assertEquals(28, ((IcmpError) err.payload()).invokingPacket().length(), "IP header + 8 bytes");
        }

        @Test
        @DisplayName("RFC 1812 §4.3.2.4: the error is sourced from the ingress interface's primary address (the way back out)")
        void errorSourceIsIngressPrimary() {
            Bench b = running(new Router(config()));
            b.frame(GE1, arpRequest(B_MAC, ip("10.0.9.50"), GE1_SECONDARY));
            b.clear();
            b.frame(GE1, EthernetFrame.untagged(GE1_MAC, B_MAC, echoRequest(ip("10.0.9.50"), A_IP, 1, 1, 1)));
            assertEquals(GE1_IP, ipOf(b.takeSent().get(0)).source());
        }

        @Test
        @DisplayName("RFC 1812 §5.2.7.1: no route is dropped NO_ROUTE with Destination Unreachable code 0 (net)")
        void noRoute() {
            Bench b = running(new Router(config()));
            learnA(b);
            Ipv4Packet p = echoRequest(A_IP, ip("8.8.8.8"), 64, 1, 1);
            b.frame(GE0, fromA(p));
            assertEquals(1, b.drops(DropReason.NO_ROUTE).size());
            IcmpError err = assertInstanceOf(IcmpError.class, ipOf(b.takeSent().get(0)).payload());
            assertEquals(IcmpError.unreachable(IcmpError.CODE_NET_UNREACHABLE, Router.quote(p)), err);
        }

        @Test
        @DisplayName("RFC 1812 §5.2.7.1: ARP failure for the next hop drops each waiting packet ARP_FAILED with Host Unreachable")
        void arpFailure() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.frame(GE0, fromA(echoRequest(A_IP, B_IP, 64, 1, 1)));
            b.advanceTo(100 * MS).frame(GE0, fromA(echoRequest(A_IP, B_IP, 64, 1, 2)));
            assertEquals(List.of(GE1), b.takeSent().stream().map(Sent::port).toList(), "one request so far");
            b.advanceTo(3 * S - 1);
            assertEquals(2, b.takeSent().size(), "requests at 1 s and 2 s");
            b.advanceTo(3 * S);
            assertEquals(List.of(new TraceEvent.ArpFailed(3 * S, "r1", B_IP, 3)), b.events(TraceEvent.ArpFailed.class));
            assertEquals(2, b.drops(DropReason.ARP_FAILED).size());
            List<Sent> errors = b.takeSent();
            assertEquals(2, errors.size());
            for (Sent s : errors) {
                assertEquals(GE0, s.port());
                IcmpError e = assertInstanceOf(IcmpError.class, ipOf(s).payload());
                assertEquals(IcmpError.TYPE_DESTINATION_UNREACHABLE, e.type());
                assertEquals(IcmpError.CODE_HOST_UNREACHABLE, e.code());
                assertEquals(63, e.invokingPacket().get(8), "quotes the packet as it was when dropped");
            }
        }

        @Test
        @DisplayName("RFC 1812 §4.3.2.7: no ICMP error about an ICMP error, or about a packet to a broadcast address")
        void noErrorAboutError() {
            Bench b = running(new Router(config()));
            learnA(b);
            Ipv4Packet error = Ipv4Packet.of(1, A_IP, B_IP, IcmpError.timeExceeded(Bytes.zeros(28)));
            b.frame(GE0, fromA(error));
            assertEquals(1, b.drops(DropReason.TTL_EXPIRED).size());
            assertTrue(b.takeSent().isEmpty());
        }

        @Test
        @DisplayName("directed broadcasts (RFC 2644) and unicast IP in a link-layer broadcast (RFC 1812 §5.3.4) are not forwarded")
        void broadcasts() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.frame(GE0, fromA(echoRequest(A_IP, ip("10.0.1.255"), 64, 1, 1)));
            b.frame(GE0, EthernetFrame.untagged(MacAddress.BROADCAST, A_MAC, echoRequest(A_IP, B_IP, 64, 1, 1)));
            assertEquals(2, b.drops(DropReason.NOT_FOR_US).size());
            assertTrue(b.takeSent().isEmpty());
        }

        @Test
        @DisplayName("a frame for another MAC is dropped NOT_FOR_US")
        void otherMac() {
            Bench b = running(new Router(config()));
            b.frame(GE0, EthernetFrame.untagged(B_MAC, A_MAC, echoRequest(A_IP, B_IP, 64, 1, 1)));
            assertEquals(1, b.drops(DropReason.NOT_FOR_US).size());
        }
    }

    @Nested
    @DisplayName("the router as a host")
    class Local {
        @Test
        @DisplayName("RFC 826: a request for an interface address is answered with that interface's MAC; others are not")
        void answersArp() {
            Bench b = running(new Router(config()));
            b.frame(GE1, arpRequest(B_MAC, B_IP, GE1_SECONDARY));
            Sent s = b.takeSent().get(0);
            assertEquals(GE1, s.port());
            assertEquals(ArpPacket.reply(GE1_MAC, GE1_SECONDARY, B_MAC, B_IP), arpOf(s));
            assertEquals(B_MAC, router(b).arpLookup(GE1, B_IP));
            b.frame(GE1, arpRequest(B_MAC, B_IP, GE0_IP));
            assertTrue(b.takeSent().isEmpty(), "ge0's address is not answered on ge1");
        }

        @Test
        @DisplayName("RFC 1122 §3.2.2.6: a ping to any router address is answered from that address, whatever its TTL")
        void echo() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.frame(GE0, fromA(echoRequest(A_IP, GE1_IP, 1, 9, 4)));
            Ipv4Packet reply = ipOf(b.takeSent().get(0));
            assertEquals(GE1_IP, reply.source());
            assertEquals(A_IP, reply.destination());
            assertEquals(new IcmpEcho(true, 9, 4, Bytes.zeros(8)), reply.payload());
            assertTrue(b.drops(DropReason.TTL_EXPIRED).isEmpty());
        }

        @Test
        @DisplayName("other protocols to the router are dropped UNSUPPORTED")
        void unsupported() {
            Bench b = running(new Router(config()));
            b.frame(GE0, fromA(Ipv4Packet.of(64, A_IP, GE0_IP, new RawIpPayload(89, Bytes.zeros(4)))));
            assertEquals(1, b.drops(DropReason.UNSUPPORTED).size());
        }
    }

    @Nested
    @DisplayName("lifecycle")
    class Lifecycle {
        @Test
        @DisplayName("a router that is not running drops frames DEVICE_DOWN")
        void down() {
            Bench b = new Bench(new Router(config()));
            b.frame(GE0, arpRequest(A_MAC, A_IP, GE0_IP));
            assertEquals(1, b.drops(DropReason.DEVICE_DOWN).size());
        }

        @Test
        @DisplayName("a crash drops the waiting packets, cancels timers, and a restart has empty ARP caches")
        void crash() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.frame(GE0, fromA(echoRequest(A_IP, B_IP, 64, 1, 1)));
            b.input(DeviceInput.CRASH);
            assertEquals(1, b.drops(DropReason.DEVICE_DOWN).size());
            assertTrue(b.out.timers.isEmpty());
            b.advanceTo(S).powerOn();
            assertNull(router(b).arpLookup(GE0, A_IP));
        }

        @Test
        @DisplayName("the interface's ARP cache is flushed when it goes down")
        void flushOnDown() {
            Bench b = running(new Router(config()));
            learnA(b);
            b.input(new DeviceInput.CarrierChanged(GE0, false));
            assertNull(router(b).arpLookup(GE0, A_IP));
            b.frame(GE0, arpRequest(A_MAC, A_IP, GE0_IP));
            assertEquals(1, b.drops(DropReason.PORT_DOWN).size());
        }
    }

    /** A group that records every call and plays a VRRP master for VIP 10.0.0.254 on ge0. */
    static class FakeGroup implements FirstHopGroup {
        static final Ipv4Address VIP = ip("10.0.0.254");
        static final MacAddress VMAC = VrrpAdvertisement.virtualMac(7);
        final List<String> calls = new ArrayList<>();
        final int port;
        boolean active = true;

        FakeGroup(int port) {
            this.port = port;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String describe() {
            return "fake 7 on port " + port;
        }

        @Override
        public void start(long now, GroupIo io) {
            calls.add("start " + now + " " + io.routerName() + " " + io.portName() + " " + io.interfaceMac() + " " + io.primaryAddress());
            io.armTimer("hello", now + S);
        }

        @Override
        public void shutdown(long now, GroupIo io) {
            calls.add("shutdown");
            io.send(EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST), VMAC,
                    Ipv4Packet.of(255, io.primaryAddress().address(), Ipv4Address.VRRP_MULTICAST,
                            VrrpAdvertisement.v3(7, 0, 100, List.of(VIP)))));
        }

        @Override
        public void crash() {
            calls.add("crash");
        }

        @Override
        public void portStateChanged(int p, boolean up, long now, GroupIo io) {
            calls.add("port " + p + (up ? " up" : " down") + " tracked=" + io.portUp(p));
        }

        @Override
        public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) {
            if (!packet.destination().equals(Ipv4Address.VRRP_MULTICAST)) return false;
            calls.add("receive " + now);
            return true;
        }

        @Override
        public void timerFired(Object key, long now, GroupIo io) {
            calls.add("timer " + key + " " + now);
            io.armTimer(key, now + S);
        }

        @Override
        public boolean command(DeviceCommand command, long now, GroupIo io) {
            if (!(command instanceof Poke)) return false;
            calls.add("poke");
            return true;
        }

        @Override
        public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
            return active && target.equals(VIP) ? VMAC : null;
        }

        @Override
        public boolean acceptsMac(MacAddress mac) {
            return active && mac.equals(VMAC);
        }

        @Override
        public boolean ownsAddress(Ipv4Address address) {
            return active && address.equals(VIP);
        }
    }

    record Poke() implements DeviceCommand {}

    record Unknown() implements DeviceCommand {}

    @Nested
    @DisplayName("first-hop redundancy hooks")
    class Groups {
        final FakeGroup group = new FakeGroup(GE0);
        final Router router = new Router(config());
        final Bench b;

        Groups() {
            router.addGroup(group);
            b = running(router);
        }

        @Test
        @DisplayName("PowerOn starts each group with a GroupIo for its port")
        void start() {
            assertEquals(List.of("start 0 r1 ge0 02:00:00:00:01:00 10.0.0.1/24"), group.calls);
            assertThrows(IllegalStateException.class, () -> router.addGroup(new FakeGroup(GE1)));
        }

        @Test
        @DisplayName("group timers are namespaced (GroupTimer) and come back to the group with its own key")
        void timers() {
            assertEquals(S, b.out.timers.get(new Router.GroupTimer(0, "hello")));
            b.advanceTo(2 * S);
            assertEquals(List.of("timer hello " + S, "timer hello " + 2 * S), group.calls.subList(1, 3));
        }

        @Test
        @DisplayName("a multicast packet on the group's port is offered to the group first and consumed")
        void receive() {
            Ipv4Packet advert = Ipv4Packet.of(255, ip("10.0.0.2"), Ipv4Address.VRRP_MULTICAST, VrrpAdvertisement.v3(7, 100, 100, List.of(FakeGroup.VIP)));
            b.frame(GE0, EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST), mac("00:00:5e:00:01:07"), advert));
            assertEquals("receive 0", group.calls.get(1));
            assertTrue(b.events(TraceEvent.FrameDropped.class).isEmpty());
            b.frame(GE1, EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST), B_MAC, advert));
            assertEquals(2, group.calls.size(), "not offered packets from another port");
            assertEquals(1, b.drops(DropReason.NOT_FOR_US).size());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: an ARP request for the virtual address is answered with the group's MAC as sender and source")
        void arpReplyMac() {
            b.frame(GE0, arpRequest(A_MAC, A_IP, FakeGroup.VIP));
            Sent s = b.takeSent().get(0);
            assertEquals(GE0, s.port());
            assertEquals(FakeGroup.VMAC, s.frame().source());
            assertEquals(A_MAC, s.frame().destination());
            assertEquals(ArpPacket.reply(FakeGroup.VMAC, FakeGroup.VIP, A_MAC, A_IP), arpOf(s));
            group.active = false;
            b.frame(GE0, arpRequest(A_MAC, A_IP, FakeGroup.VIP));
            assertTrue(b.takeSent().isEmpty(), "a group that returns null answers nothing");
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: a group answering for the interface's own address (the owner) wins over the interface")
        void groupBeforeInterface() {
            FakeGroup owner = new FakeGroup(GE0) {
                @Override
                public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
                    return target.equals(GE0_IP) ? VMAC : null;
                }
            };
            Router r = new Router(config());
            r.addGroup(owner);
            Bench bench = running(r);
            bench.frame(GE0, arpRequest(A_MAC, A_IP, GE0_IP));
            Sent s = bench.takeSent().get(0);
            assertEquals(FakeGroup.VMAC, s.frame().source());
            assertEquals(ArpPacket.reply(FakeGroup.VMAC, GE0_IP, A_MAC, A_IP), arpOf(s));
        }

        @Test
        @DisplayName("frames to a MAC the group accepts are routed as if sent to the router")
        void acceptsMac() {
            learnA(b);
            b.frame(GE0, EthernetFrame.untagged(FakeGroup.VMAC, A_MAC, echoRequest(A_IP, B_IP, 64, 1, 1)));
            assertEquals(ArpPacket.request(GE1_MAC, GE1_IP, B_IP), arpOf(b.takeSent().get(0)));
            group.active = false;
            b.frame(GE0, EthernetFrame.untagged(FakeGroup.VMAC, A_MAC, echoRequest(A_IP, B_IP, 64, 1, 2)));
            assertEquals(1, b.drops(DropReason.NOT_FOR_US).size());
        }

        @Test
        @DisplayName("pings to an address the group owns are answered from that address")
        void ownsAddress() {
            learnA(b);
            b.frame(GE0, EthernetFrame.untagged(FakeGroup.VMAC, A_MAC, echoRequest(A_IP, FakeGroup.VIP, 64, 3, 3)));
            Ipv4Packet reply = ipOf(b.takeSent().get(0));
            assertEquals(FakeGroup.VIP, reply.source());
            assertEquals(A_IP, reply.destination());
            assertInstanceOf(IcmpEcho.class, reply.payload());
        }

        @Test
        @DisplayName("commands the router does not understand go to the groups; unknown to all gives a Note")
        void commands() {
            b.command(new Poke());
            assertEquals("poke", group.calls.get(1));
            b.command(new Unknown());
            assertTrue(b.events(TraceEvent.Note.class).stream().anyMatch(n -> n.text().contains("not understood")));
        }

        @Test
        @DisplayName("port state changes reach every group, with the new state visible through GroupIo")
        void portState() {
            b.input(new DeviceInput.CarrierChanged(GE1, false));
            assertEquals("port 1 down tracked=false", group.calls.get(1));
        }

        @Test
        @DisplayName("Shutdown: the group says goodbye while the port works, then the router stops and its timers go")
        void shutdown() {
            b.advanceTo(500 * MS).input(DeviceInput.SHUTDOWN);
            assertEquals(List.of("shutdown"), group.calls.subList(1, group.calls.size()));
            Sent goodbye = b.takeSent().get(0);
            assertEquals(GE0, goodbye.port());
            assertEquals(0, ((VrrpAdvertisement) ipOf(goodbye).payload()).priority());
            assertTrue(b.out.timers.isEmpty());
            assertFalse(router.running());
            List<TraceEvent> events = b.out.events;
            assertEquals(new TraceEvent.DeviceEvent(500 * MS, "r1", "shutdown"), events.get(events.size() - 1));
        }

        @Test
        @DisplayName("Crash: the group hears nothing but crash(), sends nothing, and its timers are cancelled")
        void crash() {
            b.input(DeviceInput.CRASH);
            assertEquals(List.of("crash"), group.calls.subList(1, group.calls.size()));
            assertTrue(b.takeSent().isEmpty());
            assertTrue(b.out.timers.isEmpty());
            b.advanceTo(5 * S).powerOn();
            assertTrue(group.calls.get(2).startsWith("start " + 5 * S));
        }
    }
}
