package io.firsthop.wire;

/** An address configured on an interface with its prefix length: "10.0.0.2/24". */
public record InterfaceAddress(Ipv4Address address, int prefixLength) {
    public InterfaceAddress {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, was " + prefixLength);
        }
    }

    public static InterfaceAddress parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an interface address (expected a.b.c.d/len): '" + text + "'");
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: '" + text + "'");
        }
        return new InterfaceAddress(Ipv4Address.parse(text.substring(0, slash)), len);
    }

    public Ipv4Prefix prefix() {
        return Ipv4Prefix.containing(address, prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
