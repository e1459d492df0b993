package io.firsthop.wire;

import java.util.Objects;

/**
 * An IPv4 packet (RFC 791). Total length, IHL, protocol and header checksum are derived
 * when encoding; fragments are not modelled (firsthop never fragments).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * |                    Options (if IHL > 5)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param options header options, a multiple of 4 bytes; {@link Bytes#EMPTY} for none
 */
public record Ipv4Packet(int dscp, int ecn, int identification, boolean dontFragment, int ttl,
                         Ipv4Address source, Ipv4Address destination, Bytes options,
                         Ipv4Payload payload) implements EthernetPayload {
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_VRRP = 112;
    /** DSCP CS6 (48), which VRRP and routing protocols use. */
    public static final int DSCP_CS6 = 48;
    public static final int DEFAULT_TTL = 64;

    public Ipv4Packet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(payload, "payload");
        if (ttl < 0 || ttl > 255) throw new IllegalArgumentException("TTL must be 0..255, was " + ttl);
        if (dscp < 0 || dscp > 63) throw new IllegalArgumentException("DSCP must be 0..63, was " + dscp);
        if (ecn < 0 || ecn > 3) throw new IllegalArgumentException("ECN must be 0..3, was " + ecn);
        if (identification < 0 || identification > 0xFFFF) {
            throw new IllegalArgumentException("IPv4 identification must be 0..65535, was " + identification);
        }
        if (options.length() % 4 != 0 || options.length() > 40) {
            throw new IllegalArgumentException("IPv4 options must be a multiple of 4 bytes, at most 40, was " + options.length());
        }
    }

    /** A plain packet: DSCP 0, identification 0, DF clear, no options. */
    public static Ipv4Packet of(int ttl, Ipv4Address source, Ipv4Address destination, Ipv4Payload payload) {
        return new Ipv4Packet(0, 0, 0, false, ttl, source, destination, Bytes.EMPTY, payload);
    }

    public int protocol() {
        return payload.protocol();
    }

    public Ipv4Packet withTtl(int newTtl) {
        return new Ipv4Packet(dscp, ecn, identification, dontFragment, newTtl, source, destination, options, payload);
    }

    @Override
    public int etherType() {
        return EthernetFrame.ETHERTYPE_IPV4;
    }
}
