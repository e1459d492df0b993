package io.firsthop.wire;

/** An IP payload of a protocol firsthop does not model, kept byte for byte. */
public record RawIpPayload(int protocol, Bytes data) implements Ipv4Payload {
    public RawIpPayload {
        java.util.Objects.requireNonNull(data, "data");
        if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("IP protocol must be 0..255, was " + protocol);
    }
}
