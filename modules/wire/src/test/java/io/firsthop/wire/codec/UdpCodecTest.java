package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("UDP (RFC 768)")
class UdpCodecTest {
    static final Ipv4Address SRC = Ipv4CodecTest.HOST;
    static final Ipv4Address DST = Ipv4CodecTest.GATEWAY;
    /** 5000 -> 7, "hello"; checksum 0x9468 over the pseudo-header 10.0.0.10 -> 10.0.0.1. */
    static final String HELLO = "1388 0007 000d 9468 68656c6c6f";

    static UdpDatagram decode(String hex) throws Exception {
        byte[] b = bytes(hex);
        return UdpCodec.decode(b, 0, b.length, SRC, DST);
    }

    @Test
    @DisplayName("RFC 768: bytes -> record -> bytes, checksum over the IPv4 pseudo-header")
    void bothWays() throws Exception {
        UdpDatagram d = new UdpDatagram(5000, 7, new RawUdpPayload(Bytes.ofHex("68656c6c6f")));
        assertEquals(d, decode(HELLO));
        byte[] b = new byte[UdpCodec.length(d)];
        UdpCodec.encode(d, b, 0, SRC, DST);
        assertEquals(hex(bytes(HELLO)), hex(b));
    }

    @Test
    @DisplayName("RFC 768: checksum 0 means none was computed and is accepted")
    void zeroChecksumAccepted() throws Exception {
        assertEquals(decode(HELLO), decode("1388 0007 000d 0000 68656c6c6f"));
    }

    @Test
    @DisplayName("RFC 768: a computed checksum of zero is sent as 0xffff")
    void computedZeroSentAsOnes() throws Exception {
        // choose the data word so that the one's complement sum is 0xffff
        byte[] b = bytes("1388 0007 000a 0000 0000");
        int c = InternetChecksum.finish(InternetChecksum.add(
                InternetChecksum.addPseudoHeader(0, SRC, DST, 17, 10), b, 0, 10));
        b[8] = (byte) (c >>> 8);
        b[9] = (byte) c;
        UdpDatagram d = UdpCodec.decode(b, 0, b.length, SRC, DST);
        byte[] out = new byte[10];
        UdpCodec.encode(d, out, 0, SRC, DST);
        assertEquals("ffff", hex(out).substring(12, 16));
        assertEquals(d, UdpCodec.decode(out, 0, out.length, SRC, DST));
    }

    @Test
    @DisplayName("port 1985 dispatches to HSRP, 3222 to GLBP, others stay raw")
    void dispatchByPort() throws Exception {
        assertInstanceOf(HsrpV1Message.class, Hex.udpPayload(HsrpCodecTest.V1_FRAME));
        assertInstanceOf(GlbpMessage.class, Hex.udpPayload(GlbpCodecTest.FRAME));
        assertInstanceOf(RawUdpPayload.class, decode(HELLO).payload());
    }

    @Test
    @DisplayName("an HSRP or GLBP record cannot be sent to another port (it would decode as something else)")
    void payloadKindFollowsPort() {
        assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(1985, 1986, HsrpCodecTest.V1));
        assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(3222, 1985, GlbpCodecTest.MESSAGE));
    }

    @Test
    @DisplayName("fewer than 8 octets, or fewer than the Length field says: TRUNCATED")
    void truncated() {
        assertDecodeError(DecodeError.TRUNCATED, () -> decode("1388 0007 000d"));
        assertDecodeError(DecodeError.TRUNCATED, () -> decode("1388 0007 000e 0000 68656c6c6f"));
    }

    @Test
    @DisplayName("a Length field shorter than the IPv4 payload (or below 8): BAD_LENGTH")
    void badLength() {
        assertDecodeError(DecodeError.BAD_LENGTH, () -> decode("1388 0007 000c 0000 68656c6c6f"));
        assertDecodeError(DecodeError.BAD_LENGTH, () -> decode("1388 0007 0007 0000 68656c6c6f"));
    }

    @Test
    @DisplayName("a checksum that does not verify: BAD_CHECKSUM")
    void badChecksum() {
        assertDecodeError(DecodeError.BAD_CHECKSUM, () -> decode("1388 0007 000d 9469 68656c6c6f"));
    }
}
