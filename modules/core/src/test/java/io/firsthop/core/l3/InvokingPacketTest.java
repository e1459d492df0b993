package io.firsthop.core.l3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvokingPacketTest {
    @Test
    @DisplayName("RFC 791: the quoted header is byte-exact, checksum included (a well-known capture: checksum 0xb861)")
    void ipv4HeaderIsExact() {
        // 192.168.0.1 -> 192.168.0.199, UDP, TTL 64, DF, total length 0x73
        Ipv4Packet p = new Ipv4Packet(0, 0, 0, true, 64, Ipv4Address.parse("192.168.0.1"), Ipv4Address.parse("192.168.0.199"),
                Bytes.EMPTY, new UdpDatagram(1234, 53, new RawUdpPayload(Bytes.zeros(0x73 - 28))));
        Bytes quoted = InvokingPacket.of(p);
        assertEquals(28, quoted.length());
        assertEquals(Bytes.ofHex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7"), Bytes.of(quoted.toArray(), 0, 20));
        assertEquals(Bytes.ofHex("04d2 0035 005f"), Bytes.of(quoted.toArray(), 20, 6), "ports and UDP length");
    }

    @Test
    @DisplayName("RFC 792: the first 8 bytes of an echo request are type, code, checksum, identifier, sequence")
    void icmpEchoHead() {
        Ipv4Packet p = Ipv4Packet.of(1, Ipv4Address.parse("10.0.0.10"), Ipv4Address.parse("10.0.1.50"), IcmpEcho.request(1, 1, Bytes.EMPTY));
        Bytes quoted = InvokingPacket.of(p);
        assertEquals(Bytes.ofHex("0800 f7fd 0001 0001"), Bytes.of(quoted.toArray(), 20, 8));
        byte[] b = quoted.toArray();
        assertEquals(0xFFFF, InvokingPacket.sum(b, 0, 20, 0), "the header checksum verifies");
        assertEquals(1, b[8], "the TTL as received");
        assertEquals(28, ((b[2] & 0xFF) << 8) | (b[3] & 0xFF), "total length");
    }

    @Test
    @DisplayName("RFC 792: a payload shorter than 8 bytes is quoted whole")
    void shortPayload() {
        Ipv4Packet p = Ipv4Packet.of(9, Ipv4Address.parse("10.0.0.10"), Ipv4Address.parse("10.0.1.50"),
                new io.firsthop.wire.RawIpPayload(253, Bytes.ofHex("aabbcc")));
        assertEquals(23, InvokingPacket.of(p).length());
    }
}
