package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_CHECKSUM;
import static io.firsthop.wire.DecodeError.BAD_HEADER_LENGTH;
import static io.firsthop.wire.DecodeError.BAD_LENGTH;
import static io.firsthop.wire.DecodeError.BAD_VERSION;
import static io.firsthop.wire.DecodeError.TRUNCATED;
import static io.firsthop.wire.DecodeError.UNSUPPORTED_FRAGMENT;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.IcmpMessage;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;

/**
 * IPv4 (RFC 791) with its header checksum, options kept as bytes, and payload by protocol:
 * 1 ICMP, 17 UDP, 112 VRRP, anything else {@link RawIpPayload}. Fragments are refused.
 */
public final class Ipv4Codec {
    public static final int MIN_HEADER_LENGTH = 20;
    private static final int FLAG_DF = 0x4000;
    private static final int FLAG_MF = 0x2000;
    private static final int FRAGMENT_OFFSET = 0x1FFF;

    private Ipv4Codec() {
    }

    public static int length(Ipv4Packet p) {
        return MIN_HEADER_LENGTH + p.options().length() + payloadLength(p.payload());
    }

    public static int payloadLength(Ipv4Payload payload) {
        return switch (payload) {
            case UdpDatagram u -> UdpCodec.length(u);
            case VrrpAdvertisement v -> VrrpCodec.length(v);
            case IcmpMessage m -> IcmpCodec.length(m);
            case RawIpPayload r -> r.data().length();
        };
    }

    /** Writes {@code p}, header checksum and payload checksums included, at {@code off}; returns the offset just past it. */
    public static int encode(Ipv4Packet p, byte[] b, int off, WireOptions options) {
        int headerLength = MIN_HEADER_LENGTH + p.options().length();
        int total = headerLength + payloadLength(p.payload());
        b[off] = (byte) (0x40 | (headerLength >>> 2));
        b[off + 1] = (byte) ((p.dscp() << 2) | p.ecn());
        Be.u16(b, off + 2, total);
        Be.u16(b, off + 4, p.identification());
        Be.u16(b, off + 6, p.dontFragment() ? FLAG_DF : 0);
        b[off + 8] = (byte) p.ttl();
        b[off + 9] = (byte) p.protocol();
        b[off + 10] = 0;
        b[off + 11] = 0;
        p.source().toBytes(b, off + 12);
        p.destination().toBytes(b, off + 16);
        p.options().copyTo(b, off + MIN_HEADER_LENGTH);
        Be.u16(b, off + 10, InternetChecksum.of(b, off, headerLength));
        int q = off + headerLength;
        switch (p.payload()) {
            case UdpDatagram u -> UdpCodec.encode(u, b, q, p.source(), p.destination());
            case VrrpAdvertisement v -> VrrpCodec.encode(v, b, q, p.source(), p.destination(), options);
            case IcmpMessage m -> IcmpCodec.encode(m, b, q);
            case RawIpPayload r -> r.data().copyTo(b, q);
        }
        return off + total;
    }

    /**
     * Reads the IPv4 packet at {@code off}. {@code len} octets are available; the packet's own
     * Total Length says how many it uses, the rest being the caller's concern (Ethernet padding).
     */
    public static Ipv4Packet decode(byte[] b, int off, int len, WireOptions options) throws DecodeException {
        if (len < MIN_HEADER_LENGTH) throw new DecodeException(TRUNCATED, "IPv4 header needs 20 octets, have " + len);
        int version = Be.u8(b, off) >>> 4;
        if (version != 4) throw new DecodeException(BAD_VERSION, "IP version " + version + " in an IPv4 frame");
        int headerLength = (Be.u8(b, off) & 0x0F) << 2;
        if (headerLength < MIN_HEADER_LENGTH) throw new DecodeException(BAD_HEADER_LENGTH, "IPv4 IHL " + (headerLength >>> 2));
        if (headerLength > len) {
            throw new DecodeException(TRUNCATED, "IPv4 header of " + headerLength + " octets, have " + len);
        }
        int total = Be.u16(b, off + 2);
        if (total < headerLength) {
            throw new DecodeException(BAD_LENGTH, "IPv4 total length " + total + " shorter than its header of " + headerLength);
        }
        if (total > len) throw new DecodeException(TRUNCATED, "IPv4 total length " + total + ", have " + len);
        if (InternetChecksum.of(b, off, headerLength) != 0) {
            throw new DecodeException(BAD_CHECKSUM, String.format("IPv4 header checksum 0x%04x does not verify", Be.u16(b, off + 10)));
        }
        int flagsAndOffset = Be.u16(b, off + 6);
        if ((flagsAndOffset & (FLAG_MF | FRAGMENT_OFFSET)) != 0) {
            throw new DecodeException(UNSUPPORTED_FRAGMENT, "IPv4 fragment (MF " + ((flagsAndOffset & FLAG_MF) != 0)
                    + ", offset " + (flagsAndOffset & FRAGMENT_OFFSET) * 8 + ")");
        }
        Ipv4Address source = Ipv4Address.fromBytes(b, off + 12);
        Ipv4Address destination = Ipv4Address.fromBytes(b, off + 16);
        int protocol = Be.u8(b, off + 9);
        int q = off + headerLength;
        int n = total - headerLength;
        Ipv4Payload payload = switch (protocol) {
            case Ipv4Packet.PROTOCOL_UDP -> UdpCodec.decode(b, q, n, source, destination);
            case Ipv4Packet.PROTOCOL_VRRP -> VrrpCodec.decode(b, q, n, source, destination, options);
            case Ipv4Packet.PROTOCOL_ICMP -> IcmpCodec.decode(b, q, n);
            default -> new RawIpPayload(protocol, Bytes.of(b, q, n));
        };
        int tos = Be.u8(b, off + 1);
        // the reserved flag bit (RFC 791 bit 0) is not interpreted
        return new Ipv4Packet(tos >>> 2, tos & 3, Be.u16(b, off + 4), (flagsAndOffset & FLAG_DF) != 0, Be.u8(b, off + 8),
                source, destination, Bytes.of(b, off + MIN_HEADER_LENGTH, headerLength - MIN_HEADER_LENGTH), payload);
    }

    /** The Total Length field of the IPv4 header at {@code off}, which {@link #decode} has validated. */
    static int totalLength(byte[] b, int off) {
        return Be.u16(b, off + 2);
    }
}
