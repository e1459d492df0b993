package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_LENGTH;
import static io.firsthop.wire.DecodeError.TRUNCATED;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.EthernetPayload;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.WireOptions;

/**
 * Ethernet II with an optional IEEE 802.1Q tag, without preamble or FCS (as captures show
 * frames). Payload by EtherType: 0x0800 IPv4, 0x0806 ARP, anything else
 * {@link RawEthernetPayload} (a second 0x8100 tag included).
 *
 * <p>Padding: encoding pads to the 60-octet minimum only if {@link WireOptions#padToMinimum()}.
 * Decoding drops octets past the IPv4 Total Length or the ARP packet only while the frame is
 * no longer than the minimum (60 octets, 64 when tagged), i.e. only what can be padding;
 * trailing octets in a longer frame are real data and fail with {@code BAD_LENGTH}.
 */
public final class EthernetCodec {
    public static final int HEADER_LENGTH = 14;
    public static final int TAG_LENGTH = 4;
    /** The minimum frame without FCS (IEEE 802.3: 64 octets with it). */
    public static final int MIN_FRAME_LENGTH = 60;

    private EthernetCodec() {
    }

    /** The frame's length without padding: header, tag and payload. */
    public static int length(EthernetFrame f) {
        return HEADER_LENGTH + (f.vlan() != null ? TAG_LENGTH : 0) + payloadLength(f.payload());
    }

    public static int payloadLength(EthernetPayload p) {
        return switch (p) {
            case Ipv4Packet ip -> Ipv4Codec.length(ip);
            case ArpPacket arp -> ArpCodec.LENGTH;
            case RawEthernetPayload r -> r.data().length();
        };
    }

    /**
     * Writes {@code f} at {@code off}, checksums included; returns the offset just past it.
     * Padding, if any, is the caller's: the array is expected to hold zeros past the frame.
     */
    public static int encode(EthernetFrame f, byte[] b, int off, WireOptions options) {
        f.destination().toBytes(b, off);
        f.source().toBytes(b, off + 6);
        int p = off + 12;
        VlanTag tag = f.vlan();
        if (tag != null) {
            Be.u16(b, p, EthernetFrame.ETHERTYPE_DOT1Q);
            Be.u16(b, p + 2, (tag.priority() << 13) | (tag.dropEligible() ? 0x1000 : 0) | tag.vlanId());
            p += TAG_LENGTH;
        }
        Be.u16(b, p, f.etherType());
        p += 2;
        return switch (f.payload()) {
            case Ipv4Packet ip -> Ipv4Codec.encode(ip, b, p, options);
            case ArpPacket arp -> ArpCodec.encode(arp, b, p);
            case RawEthernetPayload r -> {
                r.data().copyTo(b, p);
                yield p + r.data().length();
            }
        };
    }

    /** Reads the frame that fills the {@code len} octets at {@code off}. */
    public static EthernetFrame decode(byte[] b, int off, int len, WireOptions options) throws DecodeException {
        if (len < HEADER_LENGTH) throw new DecodeException(TRUNCATED, "Ethernet header needs 14 octets, have " + len);
        MacAddress destination = MacAddress.fromBytes(b, off);
        MacAddress source = MacAddress.fromBytes(b, off + 6);
        int p = off + 12;
        int etherType = Be.u16(b, p);
        VlanTag tag = null;
        int minimum = MIN_FRAME_LENGTH;
        if (etherType == EthernetFrame.ETHERTYPE_DOT1Q) {
            if (len < HEADER_LENGTH + TAG_LENGTH) {
                throw new DecodeException(TRUNCATED, "802.1Q-tagged Ethernet header needs 18 octets, have " + len);
            }
            int tci = Be.u16(b, p + 2);
            tag = new VlanTag(tci >>> 13, (tci & 0x1000) != 0, tci & 0x0FFF);
            p += TAG_LENGTH;
            etherType = Be.u16(b, p);
            // a bridge that tags a minimum-size frame does not strip its padding
            minimum += TAG_LENGTH;
        }
        p += 2;
        int available = off + len - p;
        EthernetPayload payload;
        int used;
        switch (etherType) {
            case EthernetFrame.ETHERTYPE_IPV4 -> {
                payload = Ipv4Codec.decode(b, p, available, options);
                used = Ipv4Codec.totalLength(b, p);
            }
            case EthernetFrame.ETHERTYPE_ARP -> {
                payload = ArpCodec.decode(b, p, available);
                used = ArpCodec.LENGTH;
            }
            default -> {
                payload = new RawEthernetPayload(etherType, Bytes.of(b, p, available));
                used = available;
            }
        }
        if (used < available && len > minimum) {
            throw new DecodeException(BAD_LENGTH, (available - used) + " octets after the "
                    + (etherType == EthernetFrame.ETHERTYPE_ARP ? "ARP packet" : "IPv4 packet")
                    + " in a " + len + "-octet frame, too long to be padding");
        }
        return new EthernetFrame(destination, source, tag, payload);
    }
}
