package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_ADDRESS_COUNT;
import static io.firsthop.wire.DecodeError.BAD_CHECKSUM;
import static io.firsthop.wire.DecodeError.BAD_FIELD;
import static io.firsthop.wire.DecodeError.BAD_TYPE;
import static io.firsthop.wire.DecodeError.BAD_VERSION;
import static io.firsthop.wire.DecodeError.TRUNCATED;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;

/**
 * VRRP advertisements over IPv4: version 2 (RFC 3768 §5.1) and version 3 (RFC 5798 §5.2,
 * RFC 9568 §5.2). The IPv4 addresses are needed because the version 3 checksum may cover
 * the IPv4 pseudo-header ({@link WireOptions#vrrpV3PseudoHeader()}). TTL 255 and the
 * destination 224.0.0.18 are the receiving router's checks (RFC 5798 §7.1), not the codec's.
 */
public final class VrrpCodec {
    private static final int FIXED = 8;
    private static final int V2_AUTH_DATA = 8;

    private VrrpCodec() {
    }

    public static int length(VrrpAdvertisement a) {
        return FIXED + 4 * a.addresses().size() + (a.version() == 2 ? V2_AUTH_DATA : 0);
    }

    /** Writes {@code a}, checksum included, at {@code off}; returns the offset just past it. */
    public static int encode(VrrpAdvertisement a, byte[] b, int off, Ipv4Address source, Ipv4Address destination,
                             WireOptions options) {
        int n = a.addresses().size();
        int len = length(a);
        b[off] = (byte) ((a.version() << 4) | VrrpAdvertisement.TYPE_ADVERTISEMENT);
        b[off + 1] = (byte) a.vrid();
        b[off + 2] = (byte) a.priority();
        b[off + 3] = (byte) n;
        if (a.version() == 3) {
            // RFC 5798 §5.2.7: 4 reserved bits (zero), then the 12-bit Max Adver Int in centiseconds
            Be.u16(b, off + 4, a.maxAdverInterval() & 0x0FFF);
        } else {
            // RFC 3768 §5.3.6, §5.3.7: Auth Type, then Adver Int in seconds
            b[off + 4] = (byte) a.authType();
            b[off + 5] = (byte) a.maxAdverInterval();
        }
        b[off + 6] = 0;
        b[off + 7] = 0;
        int p = off + FIXED;
        for (int i = 0; i < n; i++, p += 4) {
            a.addresses().get(i).toBytes(b, p);
        }
        if (a.version() == 2) {
            a.authData().copyTo(b, p);
        }
        Be.u16(b, off + 6, checksum(a.version(), b, off, len, source, destination, options));
        return off + len;
    }

    /**
     * Reads the VRRP message that fills all {@code len} octets at {@code off} (the IPv4
     * payload), verifying its checksum under {@code options}.
     */
    public static VrrpAdvertisement decode(byte[] b, int off, int len, Ipv4Address source, Ipv4Address destination,
                                           WireOptions options) throws DecodeException {
        if (len < FIXED) throw new DecodeException(TRUNCATED, "VRRP needs 8 octets, have " + len);
        int version = Be.u8(b, off) >>> 4;
        int type = Be.u8(b, off) & 0x0F;
        // RFC 5798 §7.1 / RFC 3768 §7.1: the version must be the one this router speaks
        if (version != 2 && version != 3) throw new DecodeException(BAD_VERSION, "VRRP version " + version);
        int count = Be.u8(b, off + 3);
        int expected = FIXED + 4 * count + (version == 2 ? V2_AUTH_DATA : 0);
        // RFC 5798 §7.1: the packet must hold exactly the fixed fields and Count IPvX Addr addresses
        if (count == 0 || len != expected) {
            throw new DecodeException(BAD_ADDRESS_COUNT, "VRRPv" + version + " with " + count + " addresses is "
                    + expected + " octets, have " + len);
        }
        int wireChecksum = Be.u16(b, off + 6);
        int computed = checksum(version, b, off, len, source, destination, options);
        if (wireChecksum != computed) {
            throw new DecodeException(BAD_CHECKSUM, String.format("VRRPv%d checksum 0x%04x, expected 0x%04x (%s)",
                    version, wireChecksum, computed, version == 3 && options.vrrpV3PseudoHeader()
                            ? "with IPv4 pseudo-header" : "without pseudo-header"));
        }
        if (type != VrrpAdvertisement.TYPE_ADVERTISEMENT) throw new DecodeException(BAD_TYPE, "VRRP type " + type);
        int vrid = Be.u8(b, off + 1);
        if (vrid == 0) throw new DecodeException(BAD_FIELD, "VRRP VRID 0");
        Ipv4Address[] addresses = new Ipv4Address[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = Ipv4Address.fromBytes(b, off + FIXED + 4 * i);
        }
        int priority = Be.u8(b, off + 2);
        try {
            if (version == 3) {
                return new VrrpAdvertisement(3, vrid, priority, Be.u16(b, off + 4) & 0x0FFF,
                        java.util.List.of(addresses), 0, Bytes.EMPTY);
            }
            return new VrrpAdvertisement(2, vrid, priority, Be.u8(b, off + 5), java.util.List.of(addresses),
                    Be.u8(b, off + 4), Bytes.of(b, off + FIXED + 4 * count, V2_AUTH_DATA));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(BAD_FIELD, e.getMessage());
        }
    }

    /**
     * The checksum a VRRP message of {@code len} octets at {@code off} should carry, computed
     * with its checksum field read as zero.
     */
    public static int checksum(int version, byte[] b, int off, int len, Ipv4Address source, Ipv4Address destination,
                               WireOptions options) {
        int sum = 0;
        if (version == 3 && options.vrrpV3PseudoHeader()) {
            // RFC 5798 §5.2.8 (as keepalived and FRR read it): IPv4 pseudo-header, then the message
            sum = InternetChecksum.addPseudoHeader(sum, source, destination, Ipv4Packet.PROTOCOL_VRRP, len);
        }
        // RFC 3768 §5.3.8, RFC 9568 §5.2.8: the VRRP message from the version field on
        sum = InternetChecksum.add(sum, b, off, 6);
        sum = InternetChecksum.add(sum, b, off + 8, len - 8);
        return InternetChecksum.finish(sum);
    }
}
