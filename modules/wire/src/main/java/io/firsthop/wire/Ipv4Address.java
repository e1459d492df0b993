package io.firsthop.wire;

/** An IPv4 address held in an int (network byte order read as a big-endian number). */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(0xFFFF_FFFF);
    /** VRRP's multicast group (RFC 5798 §5.1.1.2). */
    public static final Ipv4Address VRRP_MULTICAST = parse("224.0.0.18");
    /** All routers on this subnet: HSRP v1's destination (RFC 2281 §5). */
    public static final Ipv4Address ALL_ROUTERS = parse("224.0.0.2");
    /** HSRP version 2's multicast group. */
    public static final Ipv4Address HSRP_V2_MULTICAST = parse("224.0.0.102");

    public static Ipv4Address parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int v = 0;
        for (String p : parts) {
            int octet;
            try {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) throw new NumberFormatException();
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "' (octet " + octet + " > 255)");
            }
            v = (v << 8) | octet;
        }
        return new Ipv4Address(v);
    }

    public static Ipv4Address fromBytes(byte[] b, int offset) {
        return new Ipv4Address(((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF));
    }

    public void toBytes(byte[] b, int offset) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }

    public boolean isMulticast() {
        return (value >>> 28) == 0xE;
    }

    public boolean isBroadcast() {
        return value == -1;
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }
}
