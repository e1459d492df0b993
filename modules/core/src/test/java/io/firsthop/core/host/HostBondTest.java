package io.firsthop.core.host;

import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.arpRequest;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent.ProbeAnswered;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HostBondTest {
    static final MacAddress HOST_MAC = mac("02:00:00:00:00:0a");
    static final Ipv4Address HOST_IP = ip("10.0.0.10");
    static final MacAddress GW_MAC = mac("02:00:00:00:00:01");
    static final Ipv4Address GW_IP = ip("10.0.0.1");
    static final Ipv4Address REMOTE = ip("192.0.2.1");
    static final int FLOWS = 8;

    /** A bonded host with {@link #FLOWS} probe flows to REMOTE, every 1 s from t = 1 s. */
    static Bench bonded() {
        return bonded(BondHash.Policy.LAYER3_4);
    }

    static Bench bonded(BondHash.Policy policy) {
        ProbeFlow[] flows = new ProbeFlow[FLOWS];
        for (int i = 0; i < FLOWS; i++) flows[i] = ProbeFlow.of("f" + i, REMOTE, S, S);
        HostConfig c = HostConfig.of("h1", HOST_MAC, ifaddr("10.0.0.10/24"), GW_IP).withProbes(flows).withBond("eth1", policy);
        Bench b = new Bench(new Host(c)).powerOn();
        // the gateway ARPs for the host first, which teaches the host the gateway: probes go straight out
        b.advanceTo(S / 2);
        b.frame(0, arpRequest(GW_MAC, GW_IP, HOST_IP));
        b.clear();
        return b;
    }

    static IcmpEcho echoOf(Sent s) {
        return assertInstanceOf(IcmpEcho.class, assertInstanceOf(Ipv4Packet.class, s.frame().payload()).payload());
    }

    @Test
    @DisplayName("a single-homed host keeps one port, named after its interface")
    void singleHomed() {
        Host h = new Host(HostConfig.of("h1", HOST_MAC, ifaddr("10.0.0.10/24"), GW_IP));
        assertEquals(List.of("eth0"), h.portNames());
        assertEquals(List.of("eth0", "eth1"), new Host(HostConfig.of("h1", HOST_MAC, ifaddr("10.0.0.10/24"), GW_IP).withBond("eth1")).portNames());
        assertThrows(IllegalArgumentException.class, () -> HostConfig.of("h1", HOST_MAC, ifaddr("10.0.0.10/24"), GW_IP).withBond("eth0"));
    }

    @Nested
    @DisplayName("both members up")
    class BothUp {
        @Test
        @DisplayName("each probe flow leaves on the member its layer3+4 hash picks, the same member every time")
        void perFlowHashing() {
            Bench b = bonded();
            b.advanceTo(3 * S);
            List<Sent> sent = b.takeSent();
            assertEquals(3 * FLOWS, sent.size());
            Set<Integer> used = new HashSet<>();
            for (Sent s : sent) {
                int flow = echoOf(s).identifier() - 1;
                assertEquals(BondHash.probeMember(HOST_IP, REMOTE, flow), s.port(), "flow f" + flow);
                used.add(s.port());
            }
            assertEquals(Set.of(0, 1), used, "the flows spread over both members");
        }

        @Test
        @DisplayName("frames are accepted on either member: a reply arriving on the other member still answers the probe")
        void receiveOnEither() {
            Bench b = bonded();
            b.advanceTo(S);
            for (Sent s : b.takeSent()) {
                IcmpEcho echo = echoOf(s);
                int other = 1 - s.port();
                b.frame(other, EthernetFrame.untagged(HOST_MAC, GW_MAC, Ipv4Packet.of(60, REMOTE, HOST_IP, echo.toReply())));
            }
            assertEquals(FLOWS, b.events(ProbeAnswered.class).size());
        }
    }

    @Nested
    @DisplayName("xmit_hash_policy layer2")
    class Layer2 {
        @Test
        @DisplayName("every flow to the gateway's MAC takes the one member its MACs' last octets and the EtherType pick")
        void oneMemberPerPeerMac() {
            Bench b = bonded(BondHash.Policy.LAYER2);
            b.advanceTo(3 * S);
            List<Sent> sent = b.takeSent();
            assertEquals(3 * FLOWS, sent.size());
            int expected = BondHash.member((0x0a ^ 0x01) ^ 0x0800, 2);
            for (Sent s : sent) {
                assertEquals(expected, s.port());
                assertEquals(expected, BondHash.probeMember(BondHash.Policy.LAYER2, HOST_MAC, HOST_IP, GW_MAC, REMOTE, echoOf(s).identifier() - 1));
            }
        }

        @Test
        @DisplayName("the layer3+4 prediction with a policy argument is the plain one")
        void layer34Prediction() {
            for (int f = 0; f < FLOWS; f++) {
                assertEquals(BondHash.probeMember(HOST_IP, REMOTE, f),
                        BondHash.probeMember(BondHash.Policy.LAYER3_4, HOST_MAC, HOST_IP, GW_MAC, REMOTE, f));
            }
        }
    }

    @Nested
    @DisplayName("one member down")
    class OneDown {
        @Test
        @DisplayName("every flow moves to the surviving member, and comes back when the member returns")
        void survivorCarriesAll() {
            Bench b = bonded();
            b.input(new DeviceInput.CarrierChanged(1, false));
            b.advanceTo(S);
            for (Sent s : b.takeSent()) assertEquals(0, s.port());
            b.input(new DeviceInput.CarrierChanged(1, true));
            b.advanceTo(2 * S);
            for (Sent s : b.takeSent()) assertEquals(BondHash.probeMember(HOST_IP, REMOTE, echoOf(s).identifier() - 1), s.port());
        }

        @Test
        @DisplayName("the ARP cache survives while one member is up, and is flushed when both are down (Linux flushes a dead interface's neighbours)")
        void interfaceDownOnlyWhenBothAre() {
            Bench b = bonded();
            Host h = (Host) b.device;
            b.input(new DeviceInput.CarrierChanged(0, false));
            assertEquals(GW_MAC, h.arpLookup(GW_IP));
            b.input(new DeviceInput.CarrierChanged(1, false));
            assertEquals(null, h.arpLookup(GW_IP));
            b.advanceTo(S);
            assertTrue(b.takeSent().isEmpty());
            assertEquals(FLOWS, b.drops(DropReason.PORT_DOWN).size(), "each probe dropped: the interface is down");
        }
    }

    @Nested
    @DisplayName("BondHash")
    class Hash {
        @Test
        @DisplayName("ARP falls back to the layer-2 hash of the MACs' last octets and the EtherType")
        void arpUsesLayer2() {
            EthernetFrame arp = EthernetFrame.untagged(MacAddress.BROADCAST, HOST_MAC, ArpPacket.request(HOST_MAC, HOST_IP, GW_IP));
            assertEquals((0xff ^ 0x0a) ^ 0x0806, BondHash.of(arp));
        }

        @Test
        @DisplayName("an echo request and its reply hash alike (the hash is symmetric), so both directions of a flow share a member")
        void symmetric() {
            IcmpEcho request = IcmpEcho.request(7, 1, Bytes.zeros(8));
            EthernetFrame out = EthernetFrame.untagged(GW_MAC, HOST_MAC, Ipv4Packet.of(64, HOST_IP, REMOTE, request));
            EthernetFrame back = EthernetFrame.untagged(HOST_MAC, GW_MAC, Ipv4Packet.of(64, REMOTE, HOST_IP, request.toReply()));
            assertEquals(BondHash.of(out), BondHash.of(back));
            assertEquals(BondHash.layer34(HOST_IP, REMOTE, 7), BondHash.of(out));
        }

        @Property
        @Label("the layer3+4 hash is non-negative, symmetric in the addresses, and picks a member in range")
        void layer34Properties(@ForAll int src, @ForAll int dst, @ForAll @IntRange(min = 0, max = 0xFFFF) int id,
                               @ForAll @IntRange(min = 1, max = 8) int members) {
            int h = BondHash.layer34(new Ipv4Address(src), new Ipv4Address(dst), id);
            assertTrue(h >= 0);
            assertEquals(h, BondHash.layer34(new Ipv4Address(dst), new Ipv4Address(src), id));
            int m = BondHash.member(h, members);
            assertTrue(m >= 0 && m < members);
        }
    }
}
