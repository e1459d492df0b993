package io.firsthop.wire;

/**
 * An ICMP error (RFC 792): destination unreachable (type 3) or time exceeded (type 11),
 * carrying the invoking packet's IP header and first 8 data bytes.
 *
 * <pre>
 * | Type (1) | Code (1) | Checksum (2) | unused (4) | Internet Header + 64 bits of Data |
 * </pre>
 */
public record IcmpError(int type, int code, Bytes invokingPacket) implements IcmpMessage {
    public IcmpError {
        java.util.Objects.requireNonNull(invokingPacket, "invokingPacket");
        if (type != TYPE_DESTINATION_UNREACHABLE && type != TYPE_TIME_EXCEEDED) {
            throw new IllegalArgumentException("ICMP error type must be 3 or 11, was " + type);
        }
        if (code < 0 || code > 255) throw new IllegalArgumentException("ICMP code must be 0..255, was " + code);
    }

    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_TTL_EXCEEDED_IN_TRANSIT = 0;

    public static IcmpError timeExceeded(Bytes invokingPacket) {
        return new IcmpError(TYPE_TIME_EXCEEDED, CODE_TTL_EXCEEDED_IN_TRANSIT, invokingPacket);
    }

    public static IcmpError unreachable(int code, Bytes invokingPacket) {
        return new IcmpError(TYPE_DESTINATION_UNREACHABLE, code, invokingPacket);
    }
}
