package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_FIELD;
import static io.firsthop.wire.DecodeError.BAD_TLV;
import static io.firsthop.wire.DecodeError.BAD_VERSION;
import static io.firsthop.wire.DecodeError.TRUNCATED;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * GLBP on UDP port 3222, as Wireshark's packet-glbp.c dissects it (there is no public
 * specification). Decoding is strict where the dissector is lenient: a TLV's length must be
 * exactly what its fields need, so nothing is skipped silently.
 */
public final class GlbpCodec {
    private GlbpCodec() {
    }

    public static int length(GlbpMessage m) {
        List<GlbpTlv> tlvs = m.tlvs();
        int len = GlbpMessage.HEADER_LENGTH;
        for (int i = 0, n = tlvs.size(); i < n; i++) {
            len += tlvs.get(i).length();
        }
        return len;
    }

    /** Writes {@code m} at {@code off}; returns the offset just past it. */
    public static int encode(GlbpMessage m, byte[] b, int off) {
        b[off] = (byte) m.version();
        b[off + 1] = (byte) m.unknown1();
        Be.u16(b, off + 2, m.group());
        Be.u16(b, off + 4, m.unknown2());
        m.ownerId().toBytes(b, off + 6);
        off += GlbpMessage.HEADER_LENGTH;
        List<GlbpTlv> tlvs = m.tlvs();
        for (int i = 0, n = tlvs.size(); i < n; i++) {
            GlbpTlv tlv = tlvs.get(i);
            b[off] = (byte) tlv.type();
            b[off + 1] = (byte) tlv.length();
            int v = off + 2;
            switch (tlv) {
                case GlbpTlv.Hello h -> {
                    b[v] = (byte) h.unknown10();
                    b[v + 1] = (byte) h.vgState().code();
                    b[v + 2] = (byte) h.unknown11();
                    b[v + 3] = (byte) h.priority();
                    Be.u16(b, v + 4, h.unknown12());
                    Be.i32(b, v + 6, h.helloTimeMs());
                    Be.i32(b, v + 10, h.holdTimeMs());
                    Be.u16(b, v + 14, h.redirectSeconds());
                    Be.u16(b, v + 16, h.timeoutSeconds());
                    Be.u16(b, v + 18, h.unknown13());
                    b[v + 20] = GlbpTlv.Hello.ADDRESS_TYPE_IPV4;
                    b[v + 21] = 4;
                    h.virtualIp().toBytes(b, v + 22);
                }
                case GlbpTlv.RequestResponse r -> {
                    b[v] = (byte) r.forwarder();
                    b[v + 1] = (byte) r.vfState().code();
                    b[v + 2] = (byte) r.unknown21();
                    b[v + 3] = (byte) r.priority();
                    b[v + 4] = (byte) r.weight();
                    r.unknown22().copyTo(b, v + 5);
                    r.virtualMac().toBytes(b, v + 12);
                }
                case GlbpTlv.Auth a -> {
                    b[v] = (byte) a.authType();
                    b[v + 1] = (byte) a.data().length();
                    a.data().copyTo(b, v + 2);
                }
                case GlbpTlv.Unknown u -> u.value().copyTo(b, v);
            }
            off += tlv.length();
        }
        return off;
    }

    /** Reads the GLBP message filling all {@code len} octets at {@code off} (the UDP data). */
    public static GlbpMessage decode(byte[] b, int off, int len) throws DecodeException {
        if (len < GlbpMessage.HEADER_LENGTH) throw new DecodeException(TRUNCATED, "GLBP header needs 12 octets, have " + len);
        int version = Be.u8(b, off);
        if (version != GlbpMessage.VERSION) throw new DecodeException(BAD_VERSION, "GLBP version " + version);
        int unknown1 = Be.u8(b, off + 1);
        int group = Be.u16(b, off + 2);
        int unknown2 = Be.u16(b, off + 4);
        MacAddress owner = MacAddress.fromBytes(b, off + 6);
        List<GlbpTlv> tlvs = new ArrayList<>(3);
        int end = off + len;
        int p = off + GlbpMessage.HEADER_LENGTH;
        while (p < end) {
            if (end - p < 2) throw new DecodeException(BAD_TLV, "GLBP TLV header cut short at octet " + (p - off));
            int type = Be.u8(b, p);
            int tlen = Be.u8(b, p + 1);
            if (tlen < 2 || tlen > end - p) {
                throw new DecodeException(BAD_TLV, "GLBP TLV type " + type + " length " + tlen + " with " + (end - p) + " octets left");
            }
            tlvs.add(switch (type) {
                case GlbpTlv.TYPE_HELLO -> hello(b, p, tlen);
                case GlbpTlv.TYPE_REQUEST_RESPONSE -> requestResponse(b, p, tlen);
                case GlbpTlv.TYPE_AUTH -> auth(b, p, tlen);
                default -> new GlbpTlv.Unknown(type, Bytes.of(b, p + 2, tlen - 2));
            });
            p += tlen;
        }
        try {
            return new GlbpMessage(version, unknown1, group, unknown2, owner, tlvs);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(BAD_FIELD, e.getMessage());
        }
    }

    private static GlbpTlv.Hello hello(byte[] b, int p, int tlen) throws DecodeException {
        if (tlen < 24) throw new DecodeException(BAD_TLV, "GLBP Hello TLV length " + tlen + " is too short for its fields");
        int v = p + 2;
        int addressType = Be.u8(b, v + 20);
        int addressLength = Be.u8(b, v + 21);
        if (addressType != GlbpTlv.Hello.ADDRESS_TYPE_IPV4 || addressLength != 4) {
            throw new DecodeException(BAD_FIELD, "GLBP Hello address type " + addressType + " length " + addressLength
                    + " (only IPv4 is modelled)");
        }
        if (tlen != GlbpTlv.Hello.LENGTH) throw new DecodeException(BAD_TLV, "GLBP Hello TLV length " + tlen + ", expected 28");
        GlbpState state = state(Be.u8(b, v + 1), "VG");
        try {
            return new GlbpTlv.Hello(state, Be.u8(b, v + 3), Be.i32(b, v + 6), Be.i32(b, v + 10), Be.u16(b, v + 14),
                    Be.u16(b, v + 16), Ipv4Address.fromBytes(b, v + 22), Be.u8(b, v), Be.u8(b, v + 2), Be.u16(b, v + 4),
                    Be.u16(b, v + 18));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(BAD_FIELD, e.getMessage());
        }
    }

    private static GlbpTlv.RequestResponse requestResponse(byte[] b, int p, int tlen) throws DecodeException {
        if (tlen != GlbpTlv.RequestResponse.LENGTH) {
            throw new DecodeException(BAD_TLV, "GLBP Request/Response TLV length " + tlen + ", expected 20");
        }
        int v = p + 2;
        GlbpState state = state(Be.u8(b, v + 1), "VF");
        return new GlbpTlv.RequestResponse(Be.u8(b, v), state, Be.u8(b, v + 3), Be.u8(b, v + 4),
                MacAddress.fromBytes(b, v + 12), Be.u8(b, v + 2), Bytes.of(b, v + 5, 7));
    }

    private static GlbpTlv.Auth auth(byte[] b, int p, int tlen) throws DecodeException {
        if (tlen < 4) throw new DecodeException(BAD_TLV, "GLBP Auth TLV length " + tlen + " is too short for its fields");
        int authLength = Be.u8(b, p + 3);
        if (tlen != 4 + authLength) {
            throw new DecodeException(BAD_TLV, "GLBP Auth TLV length " + tlen + " disagrees with auth length " + authLength);
        }
        return new GlbpTlv.Auth(Be.u8(b, p + 2), Bytes.of(b, p + 4, authLength));
    }

    private static GlbpState state(int code, String which) throws DecodeException {
        GlbpState s = GlbpState.fromCode(code);
        if (s == null) throw new DecodeException(BAD_FIELD, "GLBP " + which + " state " + code);
        return s;
    }
}
