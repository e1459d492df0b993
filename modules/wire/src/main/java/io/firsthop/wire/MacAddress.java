package io.firsthop.wire;

import java.util.Locale;

/**
 * A 48-bit IEEE MAC address held in the low 48 bits of a long, so equality and hashing are
 * cheap and records that contain it compare by value.
 */
public record MacAddress(long value) implements Comparable<MacAddress> {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    public static final MacAddress ZERO = new MacAddress(0L);

    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(value));
        }
    }

    /** Parses {@code 00:00:5e:00:01:33}, {@code 00-00-5E-00-01-33} or Cisco's {@code 0000.0c07.ac01}. */
    public static MacAddress parse(String text) {
        String hex = text.trim().replace(":", "").replace("-", "").replace(".", "");
        if (hex.length() != 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a MAC address: '" + text + "'");
        }
        return new MacAddress(Long.parseLong(hex, 16));
    }

    public static MacAddress fromBytes(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[offset + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    public void toBytes(byte[] b, int offset) {
        for (int i = 5; i >= 0; i--) {
            b[offset + i] = (byte) (value >>> (8 * (5 - i)));
        }
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        toBytes(b, 0);
        return b;
    }

    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    /** The I/G bit: set for multicast and broadcast destinations. */
    public boolean isMulticast() {
        return (value & 0x0100_0000_0000L) != 0;
    }

    /** The MAC an IPv4 multicast group maps to (RFC 1112 §6.4): 01-00-5E plus the low 23 bits. */
    public static MacAddress ofIpv4Multicast(Ipv4Address group) {
        return new MacAddress(0x0100_5E00_0000L | (group.value() & 0x7F_FFFFL));
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int octet = (int) (value >>> (8 * i)) & 0xFF;
            if (sb.length() > 0) sb.append(':');
            sb.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
