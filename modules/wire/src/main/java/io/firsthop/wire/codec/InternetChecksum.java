package io.firsthop.wire.codec;

import io.firsthop.wire.Ipv4Address;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum
 * of 16-bit words. Sums are accumulated in an int and folded once at the end, which is exact
 * for anything shorter than 128 KiB, far beyond a 1500-byte frame.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds {@code len} bytes starting at {@code off} to {@code sum}; an odd last byte is padded with zero (RFC 1071 §4.1). */
    public static int add(int sum, byte[] b, int off, int len) {
        int end = off + len - 1;
        int i = off;
        for (; i < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i == end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    /**
     * Adds the IPv4 pseudo-header (RFC 768, RFC 793 §3.1): source, destination, zero,
     * protocol and the upper-layer length.
     */
    public static int addPseudoHeader(int sum, Ipv4Address source, Ipv4Address destination, int protocol, int length) {
        int s = source.value();
        int d = destination.value();
        return sum + (s >>> 16) + (s & 0xFFFF) + (d >>> 16) + (d & 0xFFFF) + protocol + length;
    }

    /** Folds the carries and complements: the value to write into a checksum field. */
    public static int finish(int sum) {
        sum = (sum >>> 16) + (sum & 0xFFFF);
        sum += sum >>> 16;
        return ~sum & 0xFFFF;
    }

    /** The checksum of a byte range alone. */
    public static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }
}
