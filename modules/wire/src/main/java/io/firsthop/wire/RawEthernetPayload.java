package io.firsthop.wire;

/** A payload of an EtherType firsthop does not model, kept byte for byte. */
public record RawEthernetPayload(int etherType, Bytes data) implements EthernetPayload {
}
