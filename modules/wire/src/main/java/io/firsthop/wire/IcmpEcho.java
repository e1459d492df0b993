package io.firsthop.wire;

/**
 * ICMP echo request (type 8) or reply (type 0), RFC 792.
 *
 * <pre>
 * | Type (1) | Code=0 (1) | Checksum (2) | Identifier (2) | Sequence Number (2) | Data ... |
 * </pre>
 */
public record IcmpEcho(boolean reply, int identifier, int sequence, Bytes data) implements IcmpMessage {
    public IcmpEcho {
        java.util.Objects.requireNonNull(data, "data");
        if (identifier < 0 || identifier > 0xFFFF) throw new IllegalArgumentException("ICMP identifier must be 0..65535, was " + identifier);
        if (sequence < 0 || sequence > 0xFFFF) throw new IllegalArgumentException("ICMP sequence must be 0..65535, was " + sequence);
    }

    public static IcmpEcho request(int identifier, int sequence, Bytes data) {
        return new IcmpEcho(false, identifier, sequence, data);
    }

    /** The reply to this request, echoing identifier, sequence and data (RFC 792). */
    public IcmpEcho toReply() {
        return new IcmpEcho(true, identifier, sequence, data);
    }

    @Override
    public int type() {
        return reply ? TYPE_ECHO_REPLY : TYPE_ECHO_REQUEST;
    }

    @Override
    public int code() {
        return 0;
    }
}
