package io.firsthop.wire;

/** An IP payload of a protocol firsthop does not model, kept byte for byte. */
public record RawIpPayload(int protocol, Bytes data) implements Ipv4Payload {
}
