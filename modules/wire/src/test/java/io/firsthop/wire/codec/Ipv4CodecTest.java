package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.fixIpv4HeaderChecksum;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.WireOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IPv4 (RFC 791)")
class Ipv4CodecTest {
    static final Ipv4Address HOST = Ipv4Address.parse("10.0.0.10");
    static final Ipv4Address GATEWAY = Ipv4Address.parse("10.0.0.1");

    /** Echo request 10.0.0.10 -> 10.0.0.1, ID 1, DF, TTL 64; header checksum 0x26d2, ICMP checksum 0x2104. */
    static final String ECHO_PACKET = """
            4500 0020 0001 4000 40 01 26d2 0a00000a 0a000001
            08 00 2104 1234 0001 61626364""";
    static final String ECHO_FRAME = "00005e000133 02000000000a 0800" + ECHO_PACKET;
    static final Ipv4Packet ECHO_IP = new Ipv4Packet(0, 0, 1, true, 64, HOST, GATEWAY, Bytes.EMPTY,
            IcmpEcho.request(0x1234, 1, Bytes.of("abcd".getBytes(StandardCharsets.US_ASCII))));
    static final EthernetFrame ECHO = EthernetFrame.untagged(MacAddress.parse("00:00:5e:00:01:33"),
            MacAddress.parse("02:00:00:00:00:0a"), ECHO_IP);

    /** UDP 5000 -> 7 "hello" with the Router Alert option (RFC 2113): IHL 6. */
    static final String UDP_WITH_OPTION = """
            4600 0025 0003 0000 40 11 d1b6 0a00000a 0a000001 94040000
            1388 0007 000d 9468 68656c6c6f""";
    static final Ipv4Packet UDP_WITH_OPTION_IP = new Ipv4Packet(0, 0, 3, false, 64, HOST, GATEWAY, Bytes.ofHex("94040000"),
            new UdpDatagram(5000, 7, new RawUdpPayload(Bytes.of("hello".getBytes(StandardCharsets.US_ASCII)))));

    static Ipv4Packet decode(String hex) throws Exception {
        byte[] b = bytes(hex);
        return Ipv4Codec.decode(b, 0, b.length, WireOptions.DEFAULT);
    }

    static String encode(Ipv4Packet p) {
        byte[] b = new byte[Ipv4Codec.length(p)];
        Ipv4Codec.encode(p, b, 0, WireOptions.DEFAULT);
        return hex(b);
    }

    @Test
    @DisplayName("RFC 791: bytes -> record and record -> bytes, DF and identification kept, header checksum computed")
    void bothWays() throws Exception {
        assertEquals(ECHO, Frames.decode(bytes(ECHO_FRAME), WireOptions.DEFAULT));
        assertEquals(hex(bytes(ECHO_FRAME)), hex(Frames.encode(ECHO, WireOptions.DEFAULT)));
    }

    @Test
    @DisplayName("RFC 791 §3.1: options are kept byte for byte and IHL follows their length")
    void optionsKept() throws Exception {
        assertEquals(UDP_WITH_OPTION_IP, decode(UDP_WITH_OPTION));
        assertEquals(hex(bytes(UDP_WITH_OPTION)), encode(UDP_WITH_OPTION_IP));
    }

    @Test
    @DisplayName("DSCP and ECN share the old TOS octet: CS6 with ECT(0) is 0xc2")
    void dscpAndEcn() throws Exception {
        Ipv4Packet p = new Ipv4Packet(Ipv4Packet.DSCP_CS6, 2, 7, false, 255, HOST, GATEWAY, Bytes.EMPTY,
                new RawIpPayload(89, Bytes.ofHex("0201")));
        String hex = encode(p);
        assertEquals("c2", hex.substring(2, 4));
        assertEquals(p, decode(hex));
    }

    @Test
    @DisplayName("a protocol firsthop does not model (OSPF, 89) is kept as raw bytes")
    void rawProtocol() throws Exception {
        Ipv4Packet p = Ipv4Packet.of(1, HOST, Ipv4Address.parse("224.0.0.5"), new RawIpPayload(89, Bytes.ofHex("0201002c")));
        assertEquals(p, decode(encode(p)));
    }

    @Test
    @DisplayName("fewer than 20 octets, or fewer than IHL or Total Length say: TRUNCATED")
    void truncated() {
        byte[] b = bytes(ECHO_PACKET);
        assertDecodeError(DecodeError.TRUNCATED, () -> Ipv4Codec.decode(b, 0, 19, WireOptions.DEFAULT));
        assertDecodeError(DecodeError.TRUNCATED, () -> Ipv4Codec.decode(b, 0, b.length - 1, WireOptions.DEFAULT));
        byte[] u = bytes(UDP_WITH_OPTION);
        assertDecodeError(DecodeError.TRUNCATED, () -> Ipv4Codec.decode(u, 0, 22, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("version other than 4: BAD_VERSION")
    void badVersion() {
        byte[] b = bytes(ECHO_PACKET);
        b[0] = 0x65;
        assertDecodeError(DecodeError.BAD_VERSION, () -> Ipv4Codec.decode(fixIpv4HeaderChecksum(b, 0), 0, b.length, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("IHL below 5: BAD_HEADER_LENGTH")
    void badHeaderLength() {
        byte[] b = bytes(ECHO_PACKET);
        b[0] = 0x44;
        assertDecodeError(DecodeError.BAD_HEADER_LENGTH, () -> Ipv4Codec.decode(b, 0, b.length, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("Total Length shorter than the header: BAD_LENGTH")
    void badLength() {
        byte[] b = bytes(ECHO_PACKET);
        b[3] = 19;
        assertDecodeError(DecodeError.BAD_LENGTH, () -> Ipv4Codec.decode(fixIpv4HeaderChecksum(b, 0), 0, b.length, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("RFC 791 §3.1: a header checksum that does not verify: BAD_CHECKSUM")
    void badChecksum() {
        byte[] b = bytes(ECHO_PACKET);
        b[8] = 63; // TTL changed without updating the checksum
        assertDecodeError(DecodeError.BAD_CHECKSUM, () -> Ipv4Codec.decode(b, 0, b.length, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("More Fragments set or a non-zero fragment offset: UNSUPPORTED_FRAGMENT")
    void fragments() {
        byte[] mf = bytes(ECHO_PACKET);
        mf[6] = 0x20;
        assertDecodeError(DecodeError.UNSUPPORTED_FRAGMENT,
                () -> Ipv4Codec.decode(fixIpv4HeaderChecksum(mf, 0), 0, mf.length, WireOptions.DEFAULT));
        byte[] offset = bytes(ECHO_PACKET);
        offset[6] = 0;
        offset[7] = 1;
        assertDecodeError(DecodeError.UNSUPPORTED_FRAGMENT,
                () -> Ipv4Codec.decode(fixIpv4HeaderChecksum(offset, 0), 0, offset.length, WireOptions.DEFAULT));
    }
}
