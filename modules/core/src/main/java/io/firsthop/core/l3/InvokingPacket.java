package io.firsthop.core.l3;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VrrpAdvertisement;

/**
 * The "Internet Header + 64 bits of Original Data Datagram" an ICMP error carries (RFC 792;
 * RFC 1812 §4.3.2.3 allows more, firsthop quotes exactly that). A small local encoder, kept
 * until the wire codec exists: it writes the IPv4 header (RFC 791, with its checksum) and the
 * first 8 bytes of the payload. Those are exact for ICMP, raw IP and UDP with raw data; for
 * UDP payloads it does not know (HSRP, GLBP) it writes the ports with zero length and
 * checksum, and for VRRP a zero checksum. Those protocols are multicast, and RFC 1812
 * §4.3.2.7 forbids ICMP errors about multicast packets, so a router never quotes them.
 */
final class InvokingPacket {
    private InvokingPacket() {
    }

    static Bytes of(Ipv4Packet p) {
        byte[] head = new byte[8];
        int payloadLength = payloadHead(p, head);
        int headerLength = 20 + p.options().length();
        int quoted = Math.min(8, payloadLength);
        byte[] b = new byte[headerLength + quoted];
        b[0] = (byte) (0x40 | (headerLength / 4));
        b[1] = (byte) ((p.dscp() << 2) | p.ecn());
        put16(b, 2, headerLength + payloadLength);
        put16(b, 4, p.identification());
        put16(b, 6, p.dontFragment() ? 0x4000 : 0);
        b[8] = (byte) p.ttl();
        b[9] = (byte) p.protocol();
        p.source().toBytes(b, 12);
        p.destination().toBytes(b, 16);
        p.options().copyTo(b, 20);
        put16(b, 10, ~sum(b, 0, headerLength, 0) & 0xFFFF);
        System.arraycopy(head, 0, b, headerLength, quoted);
        return Bytes.of(b);
    }

    /** Fills the payload's first (up to) 8 bytes and returns the payload's full length. */
    private static int payloadHead(Ipv4Packet p, byte[] h) {
        switch (p.payload()) {
            case IcmpEcho e -> {
                h[0] = (byte) e.type();
                put16(h, 4, e.identifier());
                put16(h, 6, e.sequence());
                byte[] data = e.data().toArray();
                put16(h, 2, ~sum(data, 0, data.length, sum(h, 0, 8, 0)) & 0xFFFF);
                return 8 + data.length;
            }
            case IcmpError e -> {
                h[0] = (byte) e.type();
                h[1] = (byte) e.code();
                byte[] data = e.invokingPacket().toArray();
                put16(h, 2, ~sum(data, 0, data.length, sum(h, 0, 8, 0)) & 0xFFFF);
                return 8 + data.length;
            }
            case UdpDatagram u -> {
                put16(h, 0, u.sourcePort());
                put16(h, 2, u.destinationPort());
                if (!(u.payload() instanceof RawUdpPayload raw)) return 8;
                byte[] data = raw.data().toArray();
                int length = 8 + data.length;
                put16(h, 4, length);
                // RFC 768: the checksum covers a pseudo-header of addresses, protocol and length
                byte[] pseudo = new byte[12];
                p.source().toBytes(pseudo, 0);
                p.destination().toBytes(pseudo, 4);
                pseudo[9] = (byte) Ipv4Packet.PROTOCOL_UDP;
                put16(pseudo, 10, length);
                int checksum = ~sum(data, 0, data.length, sum(h, 0, 8, sum(pseudo, 0, 12, 0))) & 0xFFFF;
                put16(h, 6, checksum == 0 ? 0xFFFF : checksum);
                return length;
            }
            case VrrpAdvertisement v -> {
                h[0] = (byte) ((v.version() << 4) | VrrpAdvertisement.TYPE_ADVERTISEMENT);
                h[1] = (byte) v.vrid();
                h[2] = (byte) v.priority();
                h[3] = (byte) v.addresses().size();
                if (v.version() == 3) {
                    put16(h, 4, v.maxAdverInterval() & 0x0FFF);
                } else {
                    h[4] = (byte) v.authType();
                    h[5] = (byte) v.maxAdverInterval();
                }
                return 8 + 4 * v.addresses().size() + (v.version() == 2 ? 8 : 0);
            }
            case RawIpPayload r -> {
                int n = Math.min(8, r.data().length());
                for (int i = 0; i < n; i++) h[i] = r.data().get(i);
                return r.data().length();
            }
        }
    }

    /** The 16-bit one's complement sum (RFC 1071), folded, continuing from {@code initial}. */
    static int sum(byte[] b, int offset, int length, int initial) {
        long s = initial;
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        if (i < end) s += (b[i] & 0xFF) << 8;
        while ((s >>> 16) != 0) s = (s & 0xFFFF) + (s >>> 16);
        return (int) s;
    }

    private static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }
}
