package io.firsthop.core.l3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.Frames;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.InternetChecksum;
import io.firsthop.wire.codec.Ipv4Codec;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The invoking-packet quote of ICMP errors, which the router takes from the wire codec. */
class IcmpQuoteTest {
    static final Ipv4Address A = Ipv4Address.parse("10.0.0.10");
    static final Ipv4Address B = Ipv4Address.parse("10.0.1.50");

    static byte[] encoded(Ipv4Packet p) {
        byte[] b = new byte[Ipv4Codec.length(p)];
        Ipv4Codec.encode(p, b, 0, WireOptions.DEFAULT);
        return b;
    }

    @Test
    @DisplayName("RFC 791: the quoted header is byte-exact, checksum included (a well-known capture: checksum 0xb861)")
    void ipv4HeaderIsExact() {
        // 192.168.0.1 -> 192.168.0.199, UDP, TTL 64, DF, total length 0x73
        Ipv4Packet p = new Ipv4Packet(0, 0, 0, true, 64, Ipv4Address.parse("192.168.0.1"), Ipv4Address.parse("192.168.0.199"),
                Bytes.EMPTY, new UdpDatagram(1234, 53, new RawUdpPayload(Bytes.zeros(0x73 - 28))));
        Bytes quoted = Router.quote(p);
        assertEquals(28, quoted.length());
        assertEquals(Bytes.ofHex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7"), Bytes.of(quoted.toArray(), 0, 20));
        assertEquals(Bytes.ofHex("04d2 0035 005f"), Bytes.of(quoted.toArray(), 20, 6), "ports and UDP length");
    }

    @Test
    @DisplayName("RFC 792: the first 8 bytes of an echo request are type, code, checksum, identifier, sequence")
    void icmpEchoHead() {
        Ipv4Packet p = Ipv4Packet.of(1, A, B, IcmpEcho.request(1, 1, Bytes.EMPTY));
        byte[] b = Router.quote(p).toArray();
        assertEquals(Bytes.ofHex("0800 f7fd 0001 0001"), Bytes.of(b, 20, 8));
        assertEquals(0, InternetChecksum.of(b, 0, 20), "the header checksum verifies");
        assertEquals(1, b[8], "the TTL as received");
        assertEquals(28, ((b[2] & 0xFF) << 8) | (b[3] & 0xFF), "total length");
    }

    @Test
    @DisplayName("RFC 792: a payload shorter than 8 bytes is quoted whole")
    void shortPayload() {
        Ipv4Packet p = Ipv4Packet.of(9, A, B, new RawIpPayload(253, Bytes.ofHex("aabbcc")));
        assertEquals(Bytes.ofHex("aabbcc"), Bytes.of(Router.quote(p).toArray(), 20, 3));
        assertEquals(23, Router.quote(p).length());
    }

    @Test
    @DisplayName("RFC 1812 §4.3.2.3: the quote is the packet's own encoding cut after IP header + 8, options and UDP checksums included")
    void quoteIsThePrefixOfTheEncoding() {
        Ipv4Packet withOptions = new Ipv4Packet(0, 0, 7, false, 3, A, B, Bytes.ofHex("01010100"),
                IcmpEcho.request(9, 9, Bytes.zeros(56)));
        Ipv4Packet hsrp = Ipv4Packet.of(1, A, B, new UdpDatagram(UdpDatagram.PORT_HSRP, UdpDatagram.PORT_HSRP,
                HsrpV1Message.hello(HsrpState.ACTIVE, 3, 10, 100, 1, Ipv4Address.parse("10.0.0.1"))));
        for (Ipv4Packet p : List.of(withOptions, hsrp)) {
            byte[] full = encoded(p);
            int cut = 20 + p.options().length() + 8;
            assertEquals(Bytes.of(full, 0, cut), Router.quote(p), "quote of " + p.payload().getClass().getSimpleName());
        }
        // the UDP checksum of a payload only the codec knows (HSRP) is the real one, not zero
        byte[] q = Router.quote(hsrp).toArray();
        assertEquals(Bytes.of(encoded(hsrp), 26, 2), Bytes.of(q, 26, 2));
        assertTrue((q[26] | q[27]) != 0);
    }

    @Test
    @DisplayName("RFC 792: the Time Exceeded a router sends decodes with the wire codec, every checksum verified")
    void errorFromRouterDecodes() throws DecodeException {
        MacAddress ge0Mac = MacAddress.parse("02:00:00:00:01:00");
        MacAddress aMac = MacAddress.parse("02:00:00:00:00:0a");
        Router r = new Router(RouterConfig.of("r1", RouterInterface.of("ge0", ge0Mac, Frames.ifaddr("10.0.0.1/24")),
                RouterInterface.of("ge1", MacAddress.parse("02:00:00:00:01:01"), Frames.ifaddr("10.0.1.1/24"))));
        Bench b = new Bench(r).powerOn();
        b.frame(0, Frames.arpRequest(aMac, A, Ipv4Address.parse("10.0.0.1")));
        b.clear();
        Ipv4Packet invoking = Ipv4Packet.of(1, A, B, IcmpEcho.request(4, 2, Bytes.zeros(56)));
        b.input(new DeviceInput.FrameArrived(0, EthernetFrame.untagged(ge0Mac, aMac, invoking)));
        Sent s = b.takeSent().get(0);
        byte[] wire = io.firsthop.wire.codec.Frames.encode(s.frame(), WireOptions.DEFAULT);
        EthernetFrame decoded = io.firsthop.wire.codec.Frames.decode(wire, WireOptions.DEFAULT);
        assertEquals(s.frame(), decoded, "the ICMP checksum over the quote verifies on decode");
        IcmpError error = assertInstanceOf(IcmpError.class, ((Ipv4Packet) decoded.payload()).payload());
        assertEquals(Bytes.of(encoded(invoking), 0, 28), error.invokingPacket());
    }
}
