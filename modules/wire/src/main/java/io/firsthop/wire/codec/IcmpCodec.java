package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_CHECKSUM;
import static io.firsthop.wire.DecodeError.TRUNCATED;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.IcmpMessage;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.RawIpPayload;

/**
 * ICMP (RFC 792): echo request/reply and the destination-unreachable and time-exceeded
 * errors, with the checksum over the whole ICMP message. Other types, and echoes with a
 * non-zero code, come back as {@link RawIpPayload} (protocol 1) once their checksum verifies.
 */
public final class IcmpCodec {
    public static final int HEADER_LENGTH = 8;

    private IcmpCodec() {
    }

    public static int length(IcmpMessage m) {
        return HEADER_LENGTH + switch (m) {
            case IcmpEcho e -> e.data().length();
            case IcmpError e -> e.invokingPacket().length();
        };
    }

    /** Writes {@code m}, checksum included, at {@code off}; returns the offset just past it. */
    public static int encode(IcmpMessage m, byte[] b, int off) {
        int len = length(m);
        b[off] = (byte) m.type();
        b[off + 1] = (byte) m.code();
        b[off + 2] = 0;
        b[off + 3] = 0;
        switch (m) {
            case IcmpEcho e -> {
                Be.u16(b, off + 4, e.identifier());
                Be.u16(b, off + 6, e.sequence());
                e.data().copyTo(b, off + 8);
            }
            case IcmpError e -> {
                // RFC 792: the 4 octets after the checksum are unused and zero
                Be.i32(b, off + 4, 0);
                e.invokingPacket().copyTo(b, off + 8);
            }
        }
        Be.u16(b, off + 2, InternetChecksum.of(b, off, len));
        return off + len;
    }

    /** Reads the ICMP message filling all {@code len} octets at {@code off} (the IPv4 payload). */
    public static Ipv4Payload decode(byte[] b, int off, int len) throws DecodeException {
        if (len < HEADER_LENGTH) throw new DecodeException(TRUNCATED, "ICMP header needs 8 octets, have " + len);
        if (InternetChecksum.of(b, off, len) != 0) {
            throw new DecodeException(BAD_CHECKSUM, String.format("ICMP checksum 0x%04x does not verify", Be.u16(b, off + 2)));
        }
        int type = Be.u8(b, off);
        int code = Be.u8(b, off + 1);
        return switch (type) {
            case IcmpMessage.TYPE_ECHO_REQUEST, IcmpMessage.TYPE_ECHO_REPLY -> code != 0
                    ? new RawIpPayload(Ipv4Packet.PROTOCOL_ICMP, Bytes.of(b, off, len))
                    : new IcmpEcho(type == IcmpMessage.TYPE_ECHO_REPLY, Be.u16(b, off + 4), Be.u16(b, off + 6),
                    Bytes.of(b, off + 8, len - 8));
            // RFC 792: the unused word (RFC 1191's next-hop MTU for code 4) is not interpreted
            case IcmpMessage.TYPE_DESTINATION_UNREACHABLE, IcmpMessage.TYPE_TIME_EXCEEDED ->
                    new IcmpError(type, code, Bytes.of(b, off + 8, len - 8));
            default -> new RawIpPayload(Ipv4Packet.PROTOCOL_ICMP, Bytes.of(b, off, len));
        };
    }
}
