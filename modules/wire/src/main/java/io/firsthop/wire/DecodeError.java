package io.firsthop.wire;

/** Why a decode failed: one value per cause, so tests and counters can tell them apart. */
public enum DecodeError {
    /** Fewer bytes than the header or a declared length needs. */
    TRUNCATED,
    /** A version field other than the ones the format defines. */
    BAD_VERSION,
    /** A header length field that is impossible (e.g. IPv4 IHL below 5). */
    BAD_HEADER_LENGTH,
    /** A total/payload length field that disagrees with the bytes present. */
    BAD_LENGTH,
    /** A checksum that does not verify. */
    BAD_CHECKSUM,
    /** ARP with a hardware or protocol type/length other than Ethernet/IPv4. */
    UNSUPPORTED_ARP_FORMAT,
    /** An ARP operation other than request or reply. */
    BAD_ARP_OPERATION,
    /** A fragmented IPv4 packet (firsthop never fragments). */
    UNSUPPORTED_FRAGMENT,
    /** A message type the format does not define (e.g. VRRP type other than 1). */
    BAD_TYPE,
    /** An address count that disagrees with the bytes present. */
    BAD_ADDRESS_COUNT,
    /** A field value the format forbids (e.g. VRID 0). */
    BAD_FIELD,
    /** A TLV whose length runs past the message or is too short for its type. */
    BAD_TLV
}
