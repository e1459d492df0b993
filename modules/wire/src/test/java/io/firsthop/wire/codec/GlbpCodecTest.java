package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.WireOptions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GLBP on UDP 3222 (as packet-glbp.c reads it)")
class GlbpCodecTest {
    static final MacAddress OWNER = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");

    static final String HEADER = "01 00 0001 0000 020000000002";
    /** Hello: VG Active (32), priority 110, 3000/10000 ms, redirect 600 s, timeout 14400 s, IPv4 10.0.0.1. */
    static final String HELLO = "01 1c 00 20 00 6e 0000 00000bb8 00002710 0258 3840 0000 01 04 0a000001";
    /** Request/Response: forwarder 1, VF Active, priority 167, weight 100, vMAC 0007.b400.0101. */
    static final String FORWARDER = "02 14 01 20 00 a7 64 00000000000000 0007b4000101";
    static final String MSG = HEADER + HELLO + FORWARDER;
    static final GlbpMessage MESSAGE = GlbpMessage.of(1, OWNER, List.of(
            GlbpTlv.Hello.of(GlbpState.ACTIVE, 110, 3000, 10000, 600, 14400, VIP),
            GlbpTlv.RequestResponse.of(1, GlbpState.ACTIVE, 167, 100, GlbpMessage.virtualMac(1, 1))));
    /** From 10.0.0.2 to 224.0.0.102, TTL 255, UDP 3222 -> 3222, checksum 0x61db. */
    static final String FRAME = """
            01005e000066 020000000002 0800
            4500 0058 0000 0000 ff 11 d12c 0a000002 e0000066
            0c96 0c96 0044 61db
            """ + MSG;

    static GlbpMessage decode(String hex) throws Exception {
        byte[] b = bytes(hex);
        return GlbpCodec.decode(b, 0, b.length);
    }

    static String encode(GlbpMessage m) {
        byte[] b = new byte[GlbpCodec.length(m)];
        GlbpCodec.encode(m, b, 0);
        return hex(b);
    }

    @Test
    @DisplayName("header + Hello TLV (type 1, length 28) + Request/Response TLV (type 2, length 20) both ways")
    void messageBothWays() throws Exception {
        assertEquals(MESSAGE, decode(MSG));
        assertEquals(hex(bytes(MSG)), encode(MESSAGE));
        assertEquals(MESSAGE.tlvs().get(0), MESSAGE.hello());
    }

    @Test
    @DisplayName("the whole frame (224.0.0.102, UDP 3222 -> 3222) both ways")
    void frameBothWays() throws Exception {
        EthernetFrame f = EthernetFrame.untagged(MacAddress.ofIpv4Multicast(GlbpMessage.MULTICAST), OWNER,
                Ipv4Packet.of(255, Ipv4Address.parse("10.0.0.2"), GlbpMessage.MULTICAST, new UdpDatagram(3222, 3222, MESSAGE)));
        assertEquals(f, Frames.decode(bytes(FRAME), WireOptions.DEFAULT));
        assertEquals(hex(bytes(FRAME)), hex(Frames.encode(f, WireOptions.DEFAULT)));
    }

    @Test
    @DisplayName("Auth TLV (type 3: auth type, auth length, data) and an unknown TLV are kept")
    void authAndUnknown() throws Exception {
        String hex = HEADER + "03 06 01 02 7077" + "09 04 dead";
        GlbpMessage m = GlbpMessage.of(1, OWNER, List.of(new GlbpTlv.Auth(GlbpTlv.Auth.AUTH_PLAIN_TEXT, Bytes.ofHex("7077")),
                new GlbpTlv.Unknown(9, Bytes.ofHex("dead"))));
        assertEquals(m, decode(hex));
        assertEquals(hex(bytes(hex)), encode(m));
    }

    @Test
    @DisplayName("octets the dissector calls unknown are kept, so a decoded message re-encodes byte for byte")
    void unknownOctetsKept() throws Exception {
        String hex = "01 03 0001 abcd 020000000002" + "01 1c 11 20 22 6e 3344 00000bb8 00002710 0258 3840 5566 01 04 0a000001"
                + "02 14 01 04 77 a7 64 01020304050607 0007b4000102";
        GlbpMessage m = decode(hex);
        assertEquals(3, m.unknown1());
        assertEquals(0xabcd, m.unknown2());
        assertEquals(new GlbpTlv.Hello(GlbpState.ACTIVE, 110, 3000, 10000, 600, 14400, VIP, 0x11, 0x22, 0x3344, 0x5566), m.hello());
        assertEquals(new GlbpTlv.RequestResponse(1, GlbpState.LISTEN, 167, 100, MacAddress.parse("0007.b400.0102"), 0x77,
                Bytes.ofHex("01020304050607")), m.tlvs().get(1));
        assertEquals(hex(bytes(hex)), encode(m));
    }

    @Test
    @DisplayName("virtual MAC 0007.B4xx.xxyy: 10-bit group then forwarder (group 1020 VF 1 is 0007.b403.fc01)")
    void virtualMac() {
        assertEquals(MacAddress.parse("0007.b400.0101"), GlbpMessage.virtualMac(1, 1));
        assertEquals(MacAddress.parse("0007.b400.0a04"), GlbpMessage.virtualMac(10, 4));
        assertEquals(MacAddress.parse("0007.b403.fc01"), GlbpMessage.virtualMac(1020, 1));
    }

    @Test
    @DisplayName("fewer than 12 header octets: TRUNCATED")
    void truncated() {
        assertDecodeError(DecodeError.TRUNCATED, () -> decode("01 00 0001 0000 0200000000"));
    }

    @Test
    @DisplayName("version other than 1: BAD_VERSION")
    void badVersion() {
        assertDecodeError(DecodeError.BAD_VERSION, () -> decode("02" + MSG.substring(2)));
    }

    @Test
    @DisplayName("TLV length below 2 or past the end, Hello/Request-Response of the wrong length, auth length mismatch, dangling octet: BAD_TLV")
    void badTlv() {
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(HEADER + "09 01"));
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(HEADER + "09 05 dead"));
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(HEADER + HELLO.replace("01 1c", "01 1e") + "0000"));
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(HEADER + HELLO.replace("01 1c", "01 14")));
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(HEADER + "02 13 01 20 00 a7 64 00000000000000 0007b40001"));
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(HEADER + "03 06 01 03 7077"));
        assertDecodeError(DecodeError.BAD_TLV, () -> decode(MSG + "01"));
    }

    @Test
    @DisplayName("unknown VG/VF state, group above 1023, a non-IPv4 address, a negative interval: BAD_FIELD")
    void badFields() {
        assertDecodeError(DecodeError.BAD_FIELD, () -> decode(MSG.replace("01 1c 00 20", "01 1c 00 03")));
        assertDecodeError(DecodeError.BAD_FIELD, () -> decode(MSG.replace("02 14 01 20", "02 14 01 02")));
        assertDecodeError(DecodeError.BAD_FIELD, () -> decode(MSG.replace("01 00 0001", "01 00 0400")));
        assertDecodeError(DecodeError.BAD_FIELD, () -> decode(MSG.replace("01 04 0a000001", "02 04 0a000001")));
        assertDecodeError(DecodeError.BAD_FIELD, () -> decode(MSG.replace("00000bb8", "f0000bb8")));
    }
}
