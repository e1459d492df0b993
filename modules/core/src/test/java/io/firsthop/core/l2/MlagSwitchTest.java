package io.firsthop.core.l2;

import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.arpRequest;
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
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.VlanTag;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MlagSwitchTest {
    // ports: 0 peer (trunk 10), 1 m1 (member, MLAG 1), 2 m2 (member, MLAG 2), 3 single (access 10), 4 svi (access 10)
    static final int PEER = 0;
    static final int M1 = 1;
    static final int M2 = 2;
    static final int SINGLE = 3;
    static final int SVI = 4;
    static final MacAddress H1 = mac("02:00:00:00:00:01");
    static final MacAddress H2 = mac("02:00:00:00:00:02");
    static final MacAddress X = mac("02:00:00:00:00:99");
    static final MacAddress GW = mac("00:00:5e:00:01:01");
    static final Ipv4Address GW_IP = ip("10.0.0.1");
    static final RawEthernetPayload DATA = new RawEthernetPayload(0x88B5, Bytes.zeros(46));

    static SwitchConfig config() {
        return SwitchConfig.of("swA", SwitchPort.trunk("peer", Set.of(10), 1), SwitchPort.access("m1", 10),
                SwitchPort.access("m2", 10), SwitchPort.access("single", 10), SwitchPort.access("svi", 10))
                .withMlag(MlagConfig.of("peer", "m1", 1, "m2", 2));
    }

    static Bench running(SwitchConfig c) {
        Bench b = new Bench(new EthernetSwitch(c)).powerOn();
        b.clear();
        return b;
    }

    static EthernetFrame frame(MacAddress dst, MacAddress src) {
        return EthernetFrame.untagged(dst, src, DATA);
    }

    /** A data frame as it arrives over the peer link: tagged with VLAN 10. */
    static EthernetFrame fromPeer(MacAddress dst, MacAddress src) {
        return new EthernetFrame(dst, src, VlanTag.of(10), DATA);
    }

    static EthernetFrame peerState(int... upIds) {
        byte[] b = new byte[4 + 2 * upIds.length];
        b[0] = 0x4D;
        b[1] = 1;
        b[3] = (byte) upIds.length;
        for (int i = 0; i < upIds.length; i++) b[5 + 2 * i] = (byte) upIds[i];
        return control(b);
    }

    static EthernetFrame peerMac(int vlan, MacAddress mac, int id) {
        byte[] b = new byte[14];
        b[0] = 0x4D;
        b[1] = 2;
        b[3] = (byte) vlan;
        mac.toBytes(b, 4);
        b[11] = (byte) id;
        return control(b);
    }

    static EthernetFrame control(byte[] data) {
        return EthernetFrame.untagged(EthernetSwitch.MLAG_CONTROL_MAC, mac("02:6d:6c:61:67:00"),
                new RawEthernetPayload(EthernetSwitch.MLAG_ETHERTYPE, Bytes.of(data)));
    }

    static List<Integer> ports(List<Sent> sent) {
        return sent.stream().map(Sent::port).toList();
    }

    static EthernetSwitch sw(Bench b) {
        return (EthernetSwitch) b.device;
    }

    static boolean isControl(Sent s) {
        return s.frame().payload() instanceof RawEthernetPayload raw && raw.etherType() == EthernetSwitch.MLAG_ETHERTYPE;
    }

    @Nested
    @DisplayName("peer synchronisation")
    class Sync {
        @Test
        @DisplayName("at power-on the switch tells its peer which MLAG ids have an up member, on the peer link only")
        void stateAtPowerOn() {
            Bench b = new Bench(new EthernetSwitch(config())).powerOn();
            List<Sent> sent = b.takeSent();
            assertEquals(1, sent.size());
            assertEquals(PEER, sent.get(0).port());
            RawEthernetPayload raw = assertInstanceOf(RawEthernetPayload.class, sent.get(0).frame().payload());
            byte[] d = raw.data().toArray();
            assertEquals(2, d[3], "two ids up");
            assertEquals(Set.of(1, 2), Set.of((int) d[5], (int) d[7]));
        }

        @Test
        @DisplayName("a member going down is reported to the peer at once")
        void memberDownReported() {
            Bench b = running(config());
            b.input(new DeviceInput.CarrierChanged(M2, false));
            List<Sent> sent = b.takeSent();
            assertEquals(1, sent.size());
            assertTrue(isControl(sent.get(0)));
            assertEquals(1, sent.get(0).frame().payload() instanceof RawEthernetPayload r ? r.data().get(3) : -1);
        }

        @Test
        @DisplayName("a MAC learned on a member is announced to the peer with its MLAG id; control frames from the peer are consumed, never forwarded")
        void macAnnounced() {
            Bench b = running(config());
            b.frame(M1, frame(MacAddress.BROADCAST, H1));
            List<Sent> sent = b.takeSent();
            assertEquals(PEER, sent.get(0).port());
            assertTrue(isControl(sent.get(0)), "the announcement goes before the frame that taught it");
            assertEquals(peerMac(10, H1, 1).payload(), sent.get(0).frame().payload());
            b.frame(PEER, peerState(1));
            assertTrue(b.takeSent().isEmpty());
        }

        @Test
        @DisplayName("a MAC is announced once while it stays put, again at once when it moves to another member, and again after half the ageing time")
        void reannounced() {
            Bench b = running(config());
            b.frame(M1, frame(MacAddress.BROADCAST, H1));
            b.frame(M1, frame(MacAddress.BROADCAST, H1));
            assertEquals(1, b.takeSent().stream().filter(MlagSwitchTest::isControl).count());
            b.frame(M2, frame(MacAddress.BROADCAST, H1));
            assertEquals(List.of(peerMac(10, H1, 2).payload()),
                    b.takeSent().stream().filter(MlagSwitchTest::isControl).map(s -> s.frame().payload()).toList());
            b.advanceTo(SwitchConfig.DEFAULT_AGING_NANOS / 2);
            b.frame(M2, frame(MacAddress.BROADCAST, H1));
            assertEquals(1, b.takeSent().stream().filter(MlagSwitchTest::isControl).count(), "refreshed before the peer's copy ages out");
        }

        @Test
        @DisplayName("a MAC the peer announces is installed on the local member of the same id, or on the peer link if that member is down")
        void macInstalled() {
            Bench b = running(config());
            b.frame(PEER, peerMac(10, H1, 1));
            assertEquals(M1, sw(b).lookup(10, H1));
            b.input(new DeviceInput.CarrierChanged(M2, false));
            b.frame(PEER, peerMac(10, H2, 2));
            assertEquals(PEER, sw(b).lookup(10, H2));
            b.input(new DeviceInput.CarrierChanged(M2, true));
            assertEquals(M2, sw(b).lookup(10, H2), "back on the member when it comes up");
        }
    }

    @Nested
    @DisplayName("forwarding")
    class Forwarding {
        @Test
        @DisplayName("MLAG: a flood from the peer link skips members whose peer-side member is up, and reaches the others")
        void noDuplicatesFromThePeer() {
            Bench b = running(config());
            b.frame(PEER, peerState(1));
            b.frame(PEER, fromPeer(MacAddress.BROADCAST, X));
            assertEquals(List.of(M2, SINGLE, SVI), ports(b.takeSent()), "m1's host got it from the peer");
            b.frame(PEER, peerState(1, 2));
            b.frame(PEER, fromPeer(MacAddress.BROADCAST, X));
            assertEquals(List.of(SINGLE, SVI), ports(b.takeSent()));
        }

        @Test
        @DisplayName("a local flood reaches every member and the peer link")
        void localFlood() {
            Bench b = running(config());
            b.frame(PEER, peerState(1, 2));
            b.frame(SINGLE, frame(MacAddress.BROADCAST, X));
            assertEquals(List.of(PEER, M1, M2, SVI), ports(b.takeSent()));
        }

        @Test
        @DisplayName("frames from the peer link do not take a MAC away from an up member")
        void memberHoldsItsMac() {
            Bench b = running(config());
            b.frame(PEER, peerState(1));
            b.frame(M1, frame(MacAddress.BROADCAST, H1));
            b.clear();
            b.frame(PEER, fromPeer(MacAddress.BROADCAST, H1));
            assertEquals(List.of(M2, SINGLE, SVI), ports(b.takeSent()), "the frame itself is forwarded");
            assertEquals(M1, sw(b).lookup(10, H1));
            assertTrue(b.events(TraceEvent.MacMoved.class).isEmpty());
        }

        @Test
        @DisplayName("a member going down moves its MACs to the peer link when the peer's member is up, and removes them otherwise")
        void memberDown() {
            Bench b = running(config());
            b.frame(PEER, peerState(1));
            b.frame(M1, frame(MacAddress.BROADCAST, H1));
            b.frame(M2, frame(MacAddress.BROADCAST, H2));
            b.clear();
            b.input(new DeviceInput.CarrierChanged(M1, false));
            b.input(new DeviceInput.CarrierChanged(M2, false));
            assertEquals(PEER, sw(b).lookup(10, H1));
            assertEquals(-1, sw(b).lookup(10, H2));
            assertEquals(List.of(new TraceEvent.MacMoved(0, "swA", 10, H1, "m1", "peer")), b.events(TraceEvent.MacMoved.class));
        }

        @Test
        @DisplayName("losing the peer link forgets the peer's members: floods reach every local member again")
        void peerLinkLost() {
            Bench b = running(config());
            b.frame(PEER, peerState(1, 2));
            b.input(new DeviceInput.CarrierChanged(PEER, false));
            assertFalse(sw(b).peerMemberUp(1));
            b.frame(SINGLE, frame(MacAddress.BROADCAST, X));
            assertEquals(List.of(M1, M2, SVI), ports(b.takeSent()));
        }
    }

    @Nested
    @DisplayName("gateway MACs")
    class GatewayMacs {
        static SwitchConfig withGateway() {
            return config().withGatewayMacs(GatewayMac.withArp(10, GW, "svi", GW_IP));
        }

        @Test
        @DisplayName("frames to the gateway MAC go to the local router only, even when the MAC was seen elsewhere; the MAC is never learned")
        void keptLocal() {
            Bench b = running(withGateway());
            b.frame(PEER, fromPeer(MacAddress.BROADCAST, GW));
            b.clear();
            b.frame(SINGLE, frame(GW, X));
            assertEquals(List.of(SVI), ports(b.takeSent()));
            assertTrue(b.events(TraceEvent.MacLearned.class).stream().noneMatch(e -> e.mac().equals(GW)));
            assertEquals(SVI, sw(b).lookup(10, GW));
            b.frame(SVI, frame(GW, X));
            assertEquals(1, b.drops(DropReason.SAME_PORT).size());
        }

        @Test
        @DisplayName("an ARP request for the gateway address is answered locally: it goes to the router port only, not over the peer link")
        void arpSuppressed() {
            Bench b = running(withGateway());
            b.frame(SINGLE, arpRequest(X, ip("10.0.0.50"), GW_IP));
            assertEquals(List.of(SVI), ports(b.takeSent()));
            b.frame(SINGLE, arpRequest(X, ip("10.0.0.50"), ip("10.0.0.7")));
            assertEquals(List.of(PEER, M1, M2, SVI), ports(b.takeSent()), "other ARP requests flood");
        }

        @Test
        @DisplayName("with the local router down, the gateway MAC and its ARP are flooded like unknown ones, so another router answering for it is reached")
        void fallback() {
            Bench b = running(withGateway());
            b.input(new DeviceInput.CarrierChanged(SVI, false));
            b.clear();
            b.frame(SINGLE, frame(GW, X));
            assertEquals(List.of(PEER, M1, M2), ports(b.takeSent()));
            b.frame(SINGLE, arpRequest(X, ip("10.0.0.50"), GW_IP));
            assertEquals(List.of(PEER, M1, M2), ports(b.takeSent()));
            b.frame(PEER, fromPeer(X, GW));
            assertTrue(b.events(TraceEvent.MacLearned.class).stream().noneMatch(e -> e.mac().equals(GW)), "still never learned");
        }

        @Test
        @DisplayName("configuration: the gateway port must exist and carry the VLAN; one entry per (VLAN, MAC)")
        void validation() {
            assertThrows(IllegalArgumentException.class, () -> config().withGatewayMacs(GatewayMac.of(10, GW, "nope")));
            assertThrows(IllegalArgumentException.class, () -> config().withGatewayMacs(GatewayMac.of(20, GW, "svi")));
            assertThrows(IllegalArgumentException.class, () -> config().withGatewayMacs(GatewayMac.of(10, GW, "svi"), GatewayMac.of(10, GW, "m1")));
            assertThrows(IllegalArgumentException.class, () -> MlagConfig.of("peer", "m1", 1, "m2", 1));
            assertThrows(IllegalArgumentException.class, () -> MlagConfig.of("peer", "peer", 1));
        }
    }
}
