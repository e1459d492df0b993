package io.firsthop.wire;

/** A payload of an EtherType firsthop does not model, kept byte for byte. */
public record RawEthernetPayload(int etherType, Bytes data) implements EthernetPayload {
    public RawEthernetPayload {
        java.util.Objects.requireNonNull(data, "data");
        if (etherType < 0 || etherType > 0xFFFF) throw new IllegalArgumentException("EtherType must be 0..65535, was " + etherType);
    }
}
