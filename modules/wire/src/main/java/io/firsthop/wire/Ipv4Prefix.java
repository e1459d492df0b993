package io.firsthop.wire;

/**
 * An IPv4 prefix in CIDR form. The network address is stored with its host bits cleared;
 * use {@link InterfaceAddress} for "address/length" as configured on an interface.
 */
public record Ipv4Prefix(Ipv4Address network, int length) {
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, was " + length);
        }
        if ((network.value() & ~mask(length)) != 0) {
            throw new IllegalArgumentException(network + "/" + length + " has host bits set; the network is "
                    + new Ipv4Address(network.value() & mask(length)) + "/" + length);
        }
    }

    /** Parses "10.0.0.0/24". Host bits must be clear. */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a prefix (expected a.b.c.d/len): '" + text + "'");
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: '" + text + "'");
        }
        return new Ipv4Prefix(Ipv4Address.parse(text.substring(0, slash)), len);
    }

    /** The prefix that contains {@code address}, its host bits cleared. */
    public static Ipv4Prefix containing(Ipv4Address address, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, was " + length);
        }
        return new Ipv4Prefix(new Ipv4Address(address.value() & mask(length)), length);
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public int mask() {
        return mask(length);
    }

    public boolean contains(Ipv4Address address) {
        return (address.value() & mask(length)) == network.value();
    }

    /** The directed broadcast address of this prefix. */
    public Ipv4Address broadcast() {
        return new Ipv4Address(network.value() | ~mask(length));
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
