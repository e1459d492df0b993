package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_CHECKSUM;
import static io.firsthop.wire.DecodeError.BAD_LENGTH;
import static io.firsthop.wire.DecodeError.TRUNCATED;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;

/**
 * UDP (RFC 768) with its checksum over the IPv4 pseudo-header. The payload is told by
 * destination port: 1985 HSRP ({@link HsrpCodec}), 3222 GLBP ({@link GlbpCodec}), anything
 * else {@link RawUdpPayload}.
 */
public final class UdpCodec {
    public static final int HEADER_LENGTH = 8;

    private UdpCodec() {
    }

    public static int length(UdpDatagram d) {
        return HEADER_LENGTH + payloadLength(d.payload());
    }

    public static int payloadLength(UdpPayload p) {
        return switch (p) {
            case RawUdpPayload r -> r.data().length();
            case HsrpV1Message m -> HsrpCodec.length(m);
            case HsrpV2Message m -> HsrpCodec.length(m);
            case GlbpMessage m -> GlbpCodec.length(m);
        };
    }

    /** Writes {@code d}, checksum included, at {@code off}; returns the offset just past it. */
    public static int encode(UdpDatagram d, byte[] b, int off, Ipv4Address source, Ipv4Address destination) {
        int len = length(d);
        Be.u16(b, off, d.sourcePort());
        Be.u16(b, off + 2, d.destinationPort());
        Be.u16(b, off + 4, len);
        b[off + 6] = 0;
        b[off + 7] = 0;
        int p = off + HEADER_LENGTH;
        switch (d.payload()) {
            case RawUdpPayload r -> r.data().copyTo(b, p);
            case HsrpV1Message m -> HsrpCodec.encode(m, b, p);
            case HsrpV2Message m -> HsrpCodec.encode(m, b, p);
            case GlbpMessage m -> GlbpCodec.encode(m, b, p);
        }
        int sum = InternetChecksum.addPseudoHeader(0, source, destination, Ipv4Packet.PROTOCOL_UDP, len);
        int checksum = InternetChecksum.finish(InternetChecksum.add(sum, b, off, len));
        // RFC 768: a computed zero is sent as all ones, zero meaning "no checksum"
        Be.u16(b, off + 6, checksum == 0 ? 0xFFFF : checksum);
        return off + len;
    }

    /** Reads the datagram filling all {@code len} octets at {@code off} (the IPv4 payload). */
    public static UdpDatagram decode(byte[] b, int off, int len, Ipv4Address source, Ipv4Address destination)
            throws DecodeException {
        if (len < HEADER_LENGTH) throw new DecodeException(TRUNCATED, "UDP header needs 8 octets, have " + len);
        int udpLength = Be.u16(b, off + 4);
        if (udpLength > len) throw new DecodeException(TRUNCATED, "UDP length " + udpLength + " but only " + len + " octets");
        if (udpLength != len) {
            throw new DecodeException(BAD_LENGTH, "UDP length " + udpLength + " disagrees with the IPv4 payload of " + len);
        }
        int wire = Be.u16(b, off + 6);
        // RFC 768: a zero checksum means the sender computed none
        if (wire != 0) {
            int sum = InternetChecksum.addPseudoHeader(0, source, destination, Ipv4Packet.PROTOCOL_UDP, len);
            if (InternetChecksum.finish(InternetChecksum.add(sum, b, off, len)) != 0) {
                throw new DecodeException(BAD_CHECKSUM, String.format("UDP checksum 0x%04x does not verify", wire));
            }
        }
        int sourcePort = Be.u16(b, off);
        int destinationPort = Be.u16(b, off + 2);
        int p = off + HEADER_LENGTH;
        int n = len - HEADER_LENGTH;
        UdpPayload payload = switch (destinationPort) {
            case UdpDatagram.PORT_HSRP -> HsrpCodec.decode(b, p, n);
            case UdpDatagram.PORT_GLBP -> GlbpCodec.decode(b, p, n);
            default -> new RawUdpPayload(Bytes.of(b, p, n));
        };
        return new UdpDatagram(sourcePort, destinationPort, payload);
    }
}
