package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.WireOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ARP for IPv4 over Ethernet (RFC 826)")
class ArpCodecTest {
    static final MacAddress HOST = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress VMAC = MacAddress.parse("00:00:5e:00:01:33");
    static final Ipv4Address HOST_IP = Ipv4Address.parse("10.0.0.10");
    static final Ipv4Address GATEWAY = Ipv4Address.parse("10.0.0.1");

    static final String REQUEST_FRAME = """
            ffffffffffff 02000000000a 0806
            0001 0800 06 04 0001 02000000000a 0a00000a 000000000000 0a000001""";
    static final EthernetFrame REQUEST = EthernetFrame.untagged(MacAddress.BROADCAST, HOST,
            ArpPacket.request(HOST, HOST_IP, GATEWAY));

    static final String TAGGED_REPLY_FRAME = """
            02000000000a 00005e000133 8100 c00a 0806
            0001 0800 06 04 0002 00005e000133 0a000001 02000000000a 0a00000a""";
    static final EthernetFrame TAGGED_REPLY = new EthernetFrame(HOST, VMAC, new VlanTag(6, false, 10),
            ArpPacket.reply(VMAC, GATEWAY, HOST, HOST_IP));

    @Test
    @DisplayName("RFC 826: a request's bytes decode to the record, and the record encodes to those bytes")
    void requestBothWays() throws Exception {
        assertEquals(REQUEST, Frames.decode(bytes(REQUEST_FRAME), WireOptions.DEFAULT));
        assertEquals(hex(bytes(REQUEST_FRAME)), hex(Frames.encode(REQUEST, WireOptions.DEFAULT)));
    }

    @Test
    @DisplayName("RFC 826 in an 802.1Q-tagged frame: a reply, both ways, tag PCP 6 VID 10")
    void taggedReplyBothWays() throws Exception {
        EthernetFrame decoded = Frames.decode(bytes(TAGGED_REPLY_FRAME), WireOptions.DEFAULT);
        assertEquals(TAGGED_REPLY, decoded);
        assertTrue(((ArpPacket) decoded.payload()).isReply());
        assertArrayEquals(bytes(TAGGED_REPLY_FRAME), Frames.encode(TAGGED_REPLY, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("RFC 5227 §3: a gratuitous ARP (sender IP = target IP) round-trips and reads as gratuitous")
    void gratuitous() throws Exception {
        ArpPacket g = ArpPacket.gratuitous(VMAC, GATEWAY);
        byte[] b = new byte[ArpCodec.LENGTH];
        ArpCodec.encode(g, b, 0);
        ArpPacket back = ArpCodec.decode(b, 0, b.length);
        assertEquals(g, back);
        assertTrue(back.isGratuitous() && back.isRequest());
    }

    @Test
    @DisplayName("fewer than 28 octets: TRUNCATED")
    void truncated() {
        byte[] b = bytes(REQUEST_FRAME);
        assertDecodeError(DecodeError.TRUNCATED, () -> ArpCodec.decode(b, 14, 27));
        assertDecodeError(DecodeError.TRUNCATED, () -> Frames.decode(java.util.Arrays.copyOf(b, 41), WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("hardware type other than Ethernet, or lengths other than 6/4: UNSUPPORTED_ARP_FORMAT")
    void unsupportedFormat() {
        byte[] b = bytes(REQUEST_FRAME);
        b[15] = 6; // IEEE 802 hardware type
        assertDecodeError(DecodeError.UNSUPPORTED_ARP_FORMAT, () -> Frames.decode(b, WireOptions.DEFAULT));
        byte[] c = bytes(REQUEST_FRAME);
        c[19] = 16; // protocol length of IPv6
        assertDecodeError(DecodeError.UNSUPPORTED_ARP_FORMAT, () -> Frames.decode(c, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("operation other than request (1) or reply (2), e.g. RARP's 3: BAD_ARP_OPERATION")
    void badOperation() {
        byte[] b = bytes(REQUEST_FRAME);
        b[21] = 3;
        assertDecodeError(DecodeError.BAD_ARP_OPERATION, () -> Frames.decode(b, WireOptions.DEFAULT));
    }
}
