package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.IcmpMessage;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.WireOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ICMP (RFC 792)")
class IcmpCodecTest {
    /** Time exceeded from 10.0.0.2, quoting the echo request's header and first 8 octets; checksum 0xb9c6. */
    static final String TIME_EXCEEDED_PACKET = """
            4500 0038 0002 0000 40 01 66b8 0a000002 0a00000a
            0b 00 b9c6 00000000
            4500002000014000400126d20a00000a0a000001 0800210412340001""";

    static Ipv4Payload decodeIcmp(String hex) throws Exception {
        byte[] b = bytes(hex);
        return IcmpCodec.decode(b, 0, b.length);
    }

    static String encode(IcmpMessage m) {
        byte[] b = new byte[IcmpCodec.length(m)];
        IcmpCodec.encode(m, b, 0);
        return hex(b);
    }

    @Test
    @DisplayName("RFC 792 echo: bytes -> record -> bytes, checksum over the whole message")
    void echoBothWays() throws Exception {
        String icmp = "0800 2104 1234 0001 61626364";
        assertEquals(Ipv4CodecTest.ECHO_IP.payload(), decodeIcmp(icmp));
        assertEquals(hex(bytes(icmp)), encode((IcmpMessage) Ipv4CodecTest.ECHO_IP.payload()));
    }

    @Test
    @DisplayName("RFC 792: the reply echoes identifier, sequence and data, type 0, checksum recomputed")
    void echoReply() throws Exception {
        IcmpEcho reply = ((IcmpEcho) Ipv4CodecTest.ECHO_IP.payload()).toReply();
        // type 8 -> 0 lowers the sum by 0x0800, so the checksum rises by 0x0800
        assertEquals("0000 2904 1234 0001 61626364".replace(" ", ""), encode(reply));
        assertEquals(reply, decodeIcmp(encode(reply)));
    }

    @Test
    @DisplayName("RFC 792 time exceeded (type 11) carries the invoking header + 64 bits, both ways")
    void timeExceededBothWays() throws Exception {
        byte[] b = bytes(TIME_EXCEEDED_PACKET);
        Ipv4Packet p = Ipv4Codec.decode(b, 0, b.length, WireOptions.DEFAULT);
        Ipv4Packet expected = new Ipv4Packet(0, 0, 2, false, 64, Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.10"),
                Bytes.EMPTY, IcmpError.timeExceeded(Bytes.of(b, 28, 28)));
        assertEquals(expected, p);
        byte[] out = new byte[Ipv4Codec.length(expected)];
        Ipv4Codec.encode(expected, out, 0, WireOptions.DEFAULT);
        assertEquals(hex(b), hex(out));
    }

    @Test
    @DisplayName("RFC 792 destination unreachable (type 3, port unreachable code 3) round-trips")
    void unreachable() throws Exception {
        IcmpError e = IcmpError.unreachable(IcmpError.CODE_PORT_UNREACHABLE, Bytes.ofHex("45000020000100004011"));
        assertEquals(e, decodeIcmp(encode(e)));
    }

    @Test
    @DisplayName("a type firsthop does not model (redirect, 5) is kept raw once its checksum verifies")
    void otherTypesRaw() throws Exception {
        byte[] b = bytes("0501 0000 0a000003 4500");
        int c = InternetChecksum.of(b, 0, b.length);
        b[2] = (byte) (c >>> 8);
        b[3] = (byte) c;
        assertEquals(new RawIpPayload(1, Bytes.of(b)), IcmpCodec.decode(b, 0, b.length));
    }

    @Test
    @DisplayName("fewer than 8 octets: TRUNCATED")
    void truncated() {
        assertDecodeError(DecodeError.TRUNCATED, () -> decodeIcmp("0800f7ff0000"));
    }

    @Test
    @DisplayName("a checksum that does not verify: BAD_CHECKSUM")
    void badChecksum() {
        assertDecodeError(DecodeError.BAD_CHECKSUM, () -> decodeIcmp("0800 2105 1234 0001 61626364"));
    }
}
