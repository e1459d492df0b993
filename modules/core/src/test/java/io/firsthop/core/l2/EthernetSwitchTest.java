package io.firsthop.core.l2;

import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent.MacLearned;
import io.firsthop.core.trace.TraceEvent.MacMoved;
import io.firsthop.core.trace.TraceEvent.MacRemoved;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.VlanTag;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EthernetSwitchTest {
    // ports: 0 a1 (access 10), 1 a2 (access 10), 2 b1 (access 20), 3 t1 (trunk 10,20,30 native 10), 4 t2 (trunk all, native 1)
    static final int A1 = 0;
    static final int A2 = 1;
    static final int B1 = 2;
    static final int T1 = 3;
    static final int T2 = 4;
    static final MacAddress A = mac("02:00:00:00:00:0a");
    static final MacAddress B = mac("02:00:00:00:00:0b");
    static final MacAddress C = mac("02:00:00:00:00:0c");
    static final RawEthernetPayload DATA = new RawEthernetPayload(0x88B5, Bytes.zeros(46));

    static SwitchConfig config() {
        return SwitchConfig.of("sw1",
                SwitchPort.access("a1", 10), SwitchPort.access("a2", 10), SwitchPort.access("b1", 20),
                SwitchPort.trunk("t1", Set.of(10, 20, 30), 10), SwitchPort.trunkAll("t2", 1));
    }

    static Bench running() {
        return new Bench(new EthernetSwitch(config())).powerOn();
    }

    static EthernetFrame frame(MacAddress dst, MacAddress src) {
        return EthernetFrame.untagged(dst, src, DATA);
    }

    static EthernetFrame tagged(MacAddress dst, MacAddress src, int vlan) {
        return new EthernetFrame(dst, src, VlanTag.of(vlan), DATA);
    }

    static List<Integer> ports(List<Sent> sent) {
        return sent.stream().map(Sent::port).toList();
    }

    static EthernetSwitch sw(Bench b) {
        return (EthernetSwitch) b.device;
    }

    @Nested
    @DisplayName("learning and forwarding")
    class Learning {
        @Test
        @DisplayName("802.1D: the source is learned per VLAN; unknown unicast floods every other port of the VLAN")
        void learnAndFlood() {
            Bench b = running();
            b.frame(A1, frame(B, A));
            assertEquals(List.of(new MacLearned(0, "sw1", 10, A, "a1")), b.events(MacLearned.class));
            List<Sent> sent = b.takeSent();
            assertEquals(List.of(A2, T1, T2), ports(sent));
            assertNull(sent.get(0).frame().vlan(), "access egress is untagged");
            assertNull(sent.get(1).frame().vlan(), "native VLAN 10 leaves t1 untagged");
            assertEquals(VlanTag.of(10), sent.get(2).frame().vlan(), "VLAN 10 leaves t2 tagged");
        }

        @Test
        @DisplayName("known unicast goes out of its one port only")
        void knownUnicast() {
            Bench b = running();
            b.frame(A2, frame(A, B));
            b.clear();
            b.frame(A1, frame(B, A));
            assertEquals(List.of(A2), ports(b.takeSent()));
        }

        @Test
        @DisplayName("a MAC seen on another port moves there (MacMoved, point 8 of the notes)")
        void macMoves() {
            Bench b = running();
            b.frame(A1, frame(MacAddress.BROADCAST, A));
            b.advanceTo(S).frame(T2, tagged(MacAddress.BROADCAST, A, 10));
            assertEquals(List.of(new MacMoved(S, "sw1", 10, A, "a1", "t2")), b.events(MacMoved.class));
            b.clear();
            b.frame(A2, frame(A, B));
            assertEquals(List.of(T2), ports(b.takeSent()));
            assertEquals(T2, sw(b).lookup(10, A));
        }

        @Test
        @DisplayName("unicast to a MAC learned on the ingress port is filtered (SAME_PORT), never sent back")
        void samePort() {
            Bench b = running();
            b.frame(A1, frame(MacAddress.BROADCAST, B));
            b.clear();
            b.frame(A1, frame(B, A));
            assertTrue(b.takeSent().isEmpty());
            assertEquals(1, b.drops(DropReason.SAME_PORT).size());
        }

        @Test
        @DisplayName("broadcast and multicast flood; a multicast source is never learned")
        void multicast() {
            Bench b = running();
            MacAddress group = mac("01:00:5e:00:00:12");
            b.frame(A2, frame(A, B)); // learn B on a2; A unknown
            b.clear();
            b.frame(A1, frame(group, B)); // B now on a1
            assertEquals(List.of(A2, T1, T2), ports(b.takeSent()));
            b.frame(A1, frame(B, group));
            assertEquals(-1, sw(b).lookup(10, group));
        }

        @Test
        @DisplayName("the same MAC in two VLANs is two entries")
        void perVlan() {
            Bench b = running();
            b.frame(A1, frame(MacAddress.BROADCAST, A));
            b.frame(B1, frame(MacAddress.BROADCAST, A));
            assertEquals(A1, sw(b).lookup(10, A));
            assertEquals(B1, sw(b).lookup(20, A));
            assertTrue(b.events(MacMoved.class).isEmpty());
        }
    }

    @Nested
    @DisplayName("VLANs")
    class Vlans {
        @Test
        @DisplayName("802.1Q: a VLAN stays in its VLAN; it leaves trunks tagged and access ports untagged")
        void isolationAndTagging() {
            Bench b = running();
            b.frame(B1, frame(MacAddress.BROADCAST, C));
            List<Sent> sent = b.takeSent();
            assertEquals(List.of(T1, T2), ports(sent));
            assertEquals(VlanTag.of(20), sent.get(0).frame().vlan());
            assertEquals(VlanTag.of(20), sent.get(1).frame().vlan());
            b.frame(T1, tagged(MacAddress.BROADCAST, A, 20));
            sent = b.takeSent();
            assertEquals(List.of(B1, T2), ports(sent));
            assertNull(sent.get(0).frame().vlan(), "the tag comes off on the access port");
        }

        @Test
        @DisplayName("untagged and priority-tagged frames on a trunk belong to its native VLAN")
        void nativeVlan() {
            Bench b = running();
            b.frame(T1, frame(MacAddress.BROADCAST, A));
            assertEquals(T1, sw(b).lookup(10, A));
            b.clear();
            b.frame(T1, new EthernetFrame(MacAddress.BROADCAST, B, new VlanTag(5, false, 0), DATA));
            assertEquals(T1, sw(b).lookup(10, B));
            List<Sent> sent = b.takeSent();
            assertEquals(List.of(A1, A2, T2), ports(sent));
            assertNull(sent.get(0).frame().vlan(), "a1 gets it untagged");
            assertEquals(new VlanTag(5, false, 10), sent.get(2).frame().vlan(), "t2 keeps the priority, gets the VID");
        }

        @Test
        @DisplayName("ingress filtering: a VLAN the port does not carry is dropped VLAN_NOT_ALLOWED")
        void ingressFilter() {
            Bench b = running();
            b.frame(A1, tagged(MacAddress.BROADCAST, A, 30));
            b.frame(T1, tagged(MacAddress.BROADCAST, A, 40));
            assertEquals(2, b.drops(DropReason.VLAN_NOT_ALLOWED).size());
            assertTrue(b.takeSent().isEmpty());
            assertTrue(b.events(MacLearned.class).isEmpty());
        }

        @Test
        @DisplayName("a trunk carries only its allowed VLANs on egress")
        void egressFilter() {
            Bench b = running();
            b.frame(T2, tagged(MacAddress.BROADCAST, A, 40));
            assertTrue(b.takeSent().isEmpty());
            b.frame(T2, tagged(MacAddress.BROADCAST, A, 30));
            assertEquals(List.of(T1), ports(b.takeSent()));
        }
    }

    @Nested
    @DisplayName("ageing")
    class Ageing {
        @Test
        @DisplayName("802.1D: an entry is removed exactly the ageing time after its MAC was last seen")
        void exact() {
            Bench b = running();
            b.frame(A1, frame(MacAddress.BROADCAST, A));
            b.advanceTo(50 * S).frame(A2, frame(MacAddress.BROADCAST, B));
            b.advanceTo(100 * S).frame(A1, frame(MacAddress.BROADCAST, A));
            b.advanceTo(350 * S - 1);
            assertTrue(b.events(MacRemoved.class).isEmpty());
            b.advanceTo(350 * S);
            assertEquals(List.of(new MacRemoved(350 * S, "sw1", 10, B, "a2", "aged")), b.events(MacRemoved.class));
            b.advanceTo(400 * S - 1);
            assertEquals(1, b.events(MacRemoved.class).size());
            b.advanceTo(400 * S);
            assertEquals(new MacRemoved(400 * S, "sw1", 10, A, "a1", "aged"), b.events(MacRemoved.class).get(1));
            assertTrue(sw(b).macTable().isEmpty());
            assertTrue(b.out.timers.isEmpty(), "no timer left once the table is empty");
        }

        @Test
        @DisplayName("after ageing, traffic to the MAC floods again")
        void floodsAfterAgeing() {
            Bench b = running();
            b.frame(A2, frame(MacAddress.BROADCAST, B));
            b.advanceTo(300 * S);
            b.clear();
            b.frame(A1, frame(B, A));
            assertEquals(List.of(A2, T1, T2), ports(b.takeSent()));
        }

        @Test
        @DisplayName("a configured ageing time is honoured")
        void configured() {
            Bench b = new Bench(new EthernetSwitch(config().withAging(10 * S))).powerOn();
            b.frame(A1, frame(MacAddress.BROADCAST, A));
            b.advanceTo(10 * S);
            assertEquals(List.of(new MacRemoved(10 * S, "sw1", 10, A, "a1", "aged")), b.events(MacRemoved.class));
        }
    }

    @Nested
    @DisplayName("ports and failures")
    class Failures {
        @Test
        @DisplayName("a port going down flushes its entries and no frame leaves or enters it")
        void portDown() {
            Bench b = running();
            b.frame(A1, frame(MacAddress.BROADCAST, A));
            b.frame(A2, frame(MacAddress.BROADCAST, B));
            b.advanceTo(S).input(new DeviceInput.CarrierChanged(A1, false));
            assertEquals(List.of(new MacRemoved(S, "sw1", 10, A, "a1", "port down")), b.events(MacRemoved.class));
            b.clear();
            b.frame(A2, frame(MacAddress.BROADCAST, B));
            assertEquals(List.of(T1, T2), ports(b.takeSent()));
            b.frame(A1, frame(B, A));
            assertEquals(1, b.drops(DropReason.PORT_DOWN).size());
            b.input(new DeviceInput.CarrierChanged(A1, true));
            b.frame(A2, frame(MacAddress.BROADCAST, B));
            assertEquals(List.of(A1, T1, T2), ports(b.takeSent()));
        }

        @Test
        @DisplayName("an administratively shut port behaves as down")
        void adminDown() {
            Bench b = running();
            b.frame(T2, tagged(MacAddress.BROADCAST, A, 10));
            b.input(new DeviceInput.AdminPortState(T2, false));
            assertEquals("port down", b.events(MacRemoved.class).get(0).why());
            b.clear();
            b.frame(A1, frame(A, B));
            assertEquals(List.of(A2, T1), ports(b.takeSent()));
        }

        @Test
        @DisplayName("carrier lost while running is not remembered across a power cycle: ports are up after PowerOn")
        void powerOnAssumesCarrier() {
            Bench b = running();
            b.input(new DeviceInput.CarrierChanged(A2, false));
            b.input(DeviceInput.CRASH).advanceTo(S).powerOn();
            b.clear();
            b.frame(A1, frame(MacAddress.BROADCAST, A));
            assertEquals(List.of(A2, T1, T2), ports(b.takeSent()));
        }

        @Test
        @DisplayName("a crash loses the table; the switch drops DEVICE_DOWN; after PowerOn it floods again")
        void crash() {
            Bench b = running();
            b.frame(A2, frame(MacAddress.BROADCAST, B));
            b.advanceTo(S).input(DeviceInput.CRASH);
            assertEquals(List.of(new MacRemoved(S, "sw1", 10, B, "a2", "crash")), b.events(MacRemoved.class));
            assertTrue(b.out.timers.isEmpty());
            b.clear();
            b.frame(A1, frame(B, A));
            assertEquals(1, b.drops(DropReason.DEVICE_DOWN).size());
            assertTrue(b.takeSent().isEmpty());
            b.advanceTo(2 * S).powerOn().frame(A1, frame(B, A));
            assertEquals(List.of(A2, T1, T2), ports(b.takeSent()));
        }
    }
}
