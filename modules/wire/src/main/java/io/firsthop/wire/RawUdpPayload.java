package io.firsthop.wire;

/** UDP data firsthop does not interpret. */
public record RawUdpPayload(Bytes data) implements UdpPayload {
    public RawUdpPayload {
        java.util.Objects.requireNonNull(data, "data");
    }
}
