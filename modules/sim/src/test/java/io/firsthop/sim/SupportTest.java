package io.firsthop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SupportTest {
    static final MacAddress M1 = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv4Address IP1 = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address IP2 = Ipv4Address.parse("10.0.0.2");

    @Test
    @DisplayName("endpoints parse \"device:port\", the device ending at the first colon")
    void endpoints() {
        assertEquals(new Endpoint("r1", "ge0"), Endpoint.parse("r1:ge0"));
        assertEquals(new Endpoint("sw1", "eth0:1"), Endpoint.parse("sw1:eth0:1"));
        assertEquals("r1:ge0", Endpoint.parse("r1:ge0").toString());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(":ge0"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("r1:"));
    }

    @Test
    @DisplayName("stream seeds depend on the run seed and the name only, and differ between names and seeds")
    void seedStreams() {
        assertEquals(SeedStreams.streamSeed(7, "wan"), SeedStreams.streamSeed(7, "wan"));
        assertNotEquals(SeedStreams.streamSeed(7, "wan"), SeedStreams.streamSeed(7, "lan"));
        assertNotEquals(SeedStreams.streamSeed(7, "wan"), SeedStreams.streamSeed(8, "wan"));
        assertEquals(SeedStreams.stream(7, "wan").nextLong(), SeedStreams.stream(7, "wan").nextLong());
    }

    @Test
    @DisplayName("frame length estimate: short frames pad to 60 bytes plus FCS, an 802.1Q tag adds 4")
    void shortFrames() {
        EthernetFrame arp = EthernetFrame.untagged(MacAddress.BROADCAST, M1, ArpPacket.request(M1, IP1, IP2));
        assertEquals(64, FrameLengths.estimate(arp));
        assertEquals(64, FrameLengths.estimate(arp.withVlan(VlanTag.of(10))), "14 + 4 + 28 still pads to 60");
        EthernetFrame vrrp = EthernetFrame.untagged(VrrpAdvertisement.virtualMac(1), M1,
                Ipv4Packet.of(255, IP1, Ipv4Address.parse("224.0.0.18"), VrrpAdvertisement.v3(1, 100, 100, List.of(IP2))));
        assertEquals(64, FrameLengths.estimate(vrrp));
    }

    @Test
    @DisplayName("frame length estimate: Ethernet, IPv4, ICMP/UDP headers and payload, plus FCS")
    void longFrames() {
        EthernetFrame ping = EthernetFrame.untagged(M1, M1, Ipv4Packet.of(64, IP1, IP2, IcmpEcho.request(1, 1, Bytes.zeros(56))));
        assertEquals(14 + 20 + 8 + 56 + 4, FrameLengths.estimate(ping));
        EthernetFrame udp = EthernetFrame.untagged(M1, M1, Ipv4Packet.of(64, IP1, IP2, new UdpDatagram(1, 2, new RawUdpPayload(Bytes.zeros(1000)))));
        assertEquals(14 + 20 + 8 + 1000 + 4, FrameLengths.estimate(udp));
        assertEquals(14 + 4 + 20 + 8 + 1000 + 4, FrameLengths.estimate(udp.withVlan(VlanTag.of(5))));
    }
}
