package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_ARP_OPERATION;
import static io.firsthop.wire.DecodeError.TRUNCATED;
import static io.firsthop.wire.DecodeError.UNSUPPORTED_ARP_FORMAT;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;

/** ARP for IPv4 over Ethernet (RFC 826): the 28-octet packet {@link ArpPacket} describes. */
public final class ArpCodec {
    /** RFC 826 with hardware length 6 and protocol length 4: 8 + 2 × (6 + 4). */
    public static final int LENGTH = 28;
    private static final int HTYPE_ETHERNET = 1;

    private ArpCodec() {
    }

    /** Writes {@code p} at {@code off}; returns the offset just past it. */
    public static int encode(ArpPacket p, byte[] b, int off) {
        Be.u16(b, off, HTYPE_ETHERNET);
        Be.u16(b, off + 2, EthernetFrame.ETHERTYPE_IPV4);
        b[off + 4] = 6;
        b[off + 5] = 4;
        Be.u16(b, off + 6, p.operation());
        p.senderMac().toBytes(b, off + 8);
        p.senderIp().toBytes(b, off + 14);
        p.targetMac().toBytes(b, off + 18);
        p.targetIp().toBytes(b, off + 24);
        return off + LENGTH;
    }

    /**
     * Reads an ARP packet from the first 28 of {@code len} octets at {@code off}; octets past
     * them (Ethernet padding) are the caller's concern.
     */
    public static ArpPacket decode(byte[] b, int off, int len) throws DecodeException {
        if (len < LENGTH) throw new DecodeException(TRUNCATED, "ARP needs 28 octets, have " + len);
        int htype = Be.u16(b, off);
        int ptype = Be.u16(b, off + 2);
        int hlen = Be.u8(b, off + 4);
        int plen = Be.u8(b, off + 5);
        if (htype != HTYPE_ETHERNET || ptype != EthernetFrame.ETHERTYPE_IPV4 || hlen != 6 || plen != 4) {
            throw new DecodeException(UNSUPPORTED_ARP_FORMAT,
                    "ARP htype " + htype + " ptype 0x" + Integer.toHexString(ptype) + " hlen " + hlen + " plen " + plen
                            + " is not Ethernet/IPv4");
        }
        int op = Be.u16(b, off + 6);
        if (op != ArpPacket.REQUEST && op != ArpPacket.REPLY) {
            throw new DecodeException(BAD_ARP_OPERATION, "ARP operation " + op + " is neither request (1) nor reply (2)");
        }
        return new ArpPacket(op, MacAddress.fromBytes(b, off + 8), Ipv4Address.fromBytes(b, off + 14),
                MacAddress.fromBytes(b, off + 18), Ipv4Address.fromBytes(b, off + 24));
    }
}
