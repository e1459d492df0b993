package io.firsthop.wire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firsthop.wire.DecodeError;
import io.firsthop.wire.DecodeException;
import java.util.HexFormat;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: hex fixtures (whitespace ignored) and decode-error assertions. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Asserts that {@code decode} fails with exactly {@code expected}. */
    static void assertDecodeError(DecodeError expected, Executable decode) {
        DecodeException e = assertThrows(DecodeException.class, decode);
        assertEquals(expected, e.error(), e.getMessage());
    }

    /** The UDP payload of the IPv4/UDP frame in {@code frameHex}, decoded with default options. */
    static io.firsthop.wire.UdpPayload udpPayload(String frameHex) throws DecodeException {
        io.firsthop.wire.EthernetFrame f = Frames.decode(bytes(frameHex), io.firsthop.wire.WireOptions.DEFAULT);
        return ((io.firsthop.wire.UdpDatagram) ((io.firsthop.wire.Ipv4Packet) f.payload()).payload()).payload();
    }

    /**
     * Recomputes the IPv4 header checksum of the header at {@code off}, so a negative test
     * can change one header field and still reach the check it aims at.
     */
    static byte[] fixIpv4HeaderChecksum(byte[] b, int off) {
        int ihl = (b[off] & 0x0F) * 4;
        b[off + 10] = 0;
        b[off + 11] = 0;
        int c = InternetChecksum.of(b, off, Math.min(ihl, b.length - off));
        b[off + 10] = (byte) (c >>> 8);
        b[off + 11] = (byte) c;
        return b;
    }
}
