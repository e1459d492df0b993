package io.firsthop.wire.codec;

import static io.firsthop.wire.DecodeError.BAD_FIELD;
import static io.firsthop.wire.DecodeError.BAD_TLV;
import static io.firsthop.wire.DecodeError.BAD_TYPE;
import static io.firsthop.wire.DecodeError.BAD_VERSION;
import static io.firsthop.wire.DecodeError.TRUNCATED;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * HSRP on UDP port 1985: version 1 (RFC 2281 §5.1) and version 2 (Cisco's TLV format, as
 * Wireshark's packet-hsrp.c dissects it). Both versions share the port; the first octet
 * tells them apart: version 1 starts with its version field, 0, version 2 with a TLV type
 * (1 Group State or 2 Interface State).
 *
 * <p>Version 1 messages firsthop does not model come back as {@link RawUdpPayload}: Cisco's
 * op code 3 (interface-state advertisement) and messages longer than 20 octets (a trailing
 * MD5 authentication TLV).
 */
public final class HsrpCodec {
    private static final int V1_OPCODE_ADVERTISE = 3;

    private HsrpCodec() {
    }

    public static int length(HsrpV1Message m) {
        return HsrpV1Message.LENGTH;
    }

    public static int length(HsrpV2Message m) {
        List<HsrpV2Tlv> tlvs = m.tlvs();
        int len = 0;
        for (int i = 0, n = tlvs.size(); i < n; i++) {
            len += 2 + tlvs.get(i).valueLength();
        }
        return len;
    }

    /** RFC 2281 §5.1: writes {@code m} at {@code off}; returns the offset just past it. */
    public static int encode(HsrpV1Message m, byte[] b, int off) {
        b[off] = 0;
        b[off + 1] = (byte) m.opCode().code();
        b[off + 2] = (byte) m.state().v1Code();
        b[off + 3] = (byte) m.helloTime();
        b[off + 4] = (byte) m.holdTime();
        b[off + 5] = (byte) m.priority();
        b[off + 6] = (byte) m.group();
        b[off + 7] = 0;
        m.authData().copyTo(b, off + 8);
        m.virtualIp().toBytes(b, off + 16);
        return off + HsrpV1Message.LENGTH;
    }

    /** Writes {@code m}'s TLVs in order at {@code off}; returns the offset just past them. */
    public static int encode(HsrpV2Message m, byte[] b, int off) {
        List<HsrpV2Tlv> tlvs = m.tlvs();
        for (int i = 0, n = tlvs.size(); i < n; i++) {
            HsrpV2Tlv tlv = tlvs.get(i);
            b[off] = (byte) tlv.type();
            b[off + 1] = (byte) tlv.valueLength();
            int v = off + 2;
            switch (tlv) {
                case HsrpV2Tlv.GroupState g -> {
                    b[v] = HsrpV2Tlv.GroupState.HSRP_VERSION;
                    b[v + 1] = (byte) g.opCode().code();
                    b[v + 2] = (byte) g.state().v2Code();
                    b[v + 3] = HsrpV2Tlv.GroupState.IP_VERSION_4;
                    Be.u16(b, v + 4, g.group());
                    g.identifier().toBytes(b, v + 6);
                    Be.i32(b, v + 12, g.priority());
                    Be.i32(b, v + 16, g.helloTimeMs());
                    Be.i32(b, v + 20, g.holdTimeMs());
                    g.virtualIp().toBytes(b, v + 24);
                    java.util.Arrays.fill(b, v + 28, v + 40, (byte) 0);
                }
                case HsrpV2Tlv.InterfaceState s -> {
                    Be.u16(b, v, s.activeGroups());
                    Be.u16(b, v + 2, s.passiveGroups());
                }
                case HsrpV2Tlv.TextAuth t -> t.authData().copyTo(b, v);
                case HsrpV2Tlv.Md5Auth a -> a.value().copyTo(b, v);
                case HsrpV2Tlv.Unknown u -> u.value().copyTo(b, v);
            }
            off = v + tlv.valueLength();
        }
        return off;
    }

    /** Reads the HSRP message filling all {@code len} octets at {@code off} (the UDP data). */
    public static UdpPayload decode(byte[] b, int off, int len) throws DecodeException {
        if (len < 2) throw new DecodeException(TRUNCATED, "HSRP needs at least 2 octets, have " + len);
        int first = Be.u8(b, off);
        if (first == 0) return decodeV1(b, off, len);
        if (first == HsrpV2Tlv.TYPE_GROUP_STATE || first == HsrpV2Tlv.TYPE_INTERFACE_STATE) return decodeV2(b, off, len);
        throw new DecodeException(BAD_VERSION, "HSRP message starts with " + first
                + ": neither version 1 (0) nor a version 2 Group State (1) or Interface State (2) TLV");
    }

    private static UdpPayload decodeV1(byte[] b, int off, int len) throws DecodeException {
        int op = Be.u8(b, off + 1);
        // Cisco's advertisement is 16 octets and has its own layout
        if (op == V1_OPCODE_ADVERTISE) return new RawUdpPayload(Bytes.of(b, off, len));
        if (len < HsrpV1Message.LENGTH) throw new DecodeException(TRUNCATED, "HSRP version 1 needs 20 octets, have " + len);
        if (len > HsrpV1Message.LENGTH) return new RawUdpPayload(Bytes.of(b, off, len));
        HsrpOpCode opCode = HsrpOpCode.fromCode(op);
        if (opCode == null) throw new DecodeException(BAD_TYPE, "HSRP version 1 op code " + op);
        HsrpState state = HsrpState.fromV1Code(Be.u8(b, off + 2));
        if (state == null) throw new DecodeException(BAD_FIELD, "HSRP version 1 state " + Be.u8(b, off + 2));
        // RFC 2281 §5.1: the Reserved octet (off + 7) is not interpreted
        return new HsrpV1Message(opCode, state, Be.u8(b, off + 3), Be.u8(b, off + 4), Be.u8(b, off + 5),
                Be.u8(b, off + 6), Bytes.of(b, off + 8, 8), Ipv4Address.fromBytes(b, off + 16));
    }

    private static HsrpV2Message decodeV2(byte[] b, int off, int len) throws DecodeException {
        List<HsrpV2Tlv> tlvs = new ArrayList<>(2);
        int end = off + len;
        int p = off;
        while (p < end) {
            if (end - p < 2) throw new DecodeException(BAD_TLV, "HSRP TLV header cut short at octet " + (p - off));
            int type = Be.u8(b, p);
            int vlen = Be.u8(b, p + 1);
            int v = p + 2;
            if (vlen > end - v) {
                throw new DecodeException(BAD_TLV, "HSRP TLV type " + type + " length " + vlen + " runs past the message");
            }
            tlvs.add(switch (type) {
                case HsrpV2Tlv.TYPE_GROUP_STATE -> groupState(b, v, vlen);
                case HsrpV2Tlv.TYPE_INTERFACE_STATE -> {
                    requireLength(type, vlen, HsrpV2Tlv.InterfaceState.VALUE_LENGTH);
                    yield new HsrpV2Tlv.InterfaceState(Be.u16(b, v), Be.u16(b, v + 2));
                }
                case HsrpV2Tlv.TYPE_TEXT_AUTH -> {
                    requireLength(type, vlen, HsrpV2Tlv.TextAuth.VALUE_LENGTH);
                    yield new HsrpV2Tlv.TextAuth(Bytes.of(b, v, vlen));
                }
                case HsrpV2Tlv.TYPE_MD5_AUTH -> {
                    requireLength(type, vlen, HsrpV2Tlv.Md5Auth.VALUE_LENGTH);
                    yield new HsrpV2Tlv.Md5Auth(Bytes.of(b, v, vlen));
                }
                default -> new HsrpV2Tlv.Unknown(type, Bytes.of(b, v, vlen));
            });
            p = v + vlen;
        }
        return new HsrpV2Message(tlvs);
    }

    private static HsrpV2Tlv.GroupState groupState(byte[] b, int v, int vlen) throws DecodeException {
        requireLength(HsrpV2Tlv.TYPE_GROUP_STATE, vlen, HsrpV2Tlv.GroupState.VALUE_LENGTH);
        int version = Be.u8(b, v);
        if (version != HsrpV2Tlv.GroupState.HSRP_VERSION) {
            throw new DecodeException(BAD_VERSION, "HSRP Group State TLV version " + version);
        }
        int op = Be.u8(b, v + 1);
        HsrpOpCode opCode = HsrpOpCode.fromCode(op);
        if (opCode == null) throw new DecodeException(BAD_TYPE, "HSRP version 2 op code " + op);
        HsrpState state = HsrpState.fromV2Code(Be.u8(b, v + 2));
        if (state == null) throw new DecodeException(BAD_FIELD, "HSRP version 2 state " + Be.u8(b, v + 2));
        int ipVersion = Be.u8(b, v + 3);
        if (ipVersion != HsrpV2Tlv.GroupState.IP_VERSION_4) {
            throw new DecodeException(BAD_FIELD, "HSRP version 2 IP version " + ipVersion + " (only IPv4 is modelled)");
        }
        try {
            return new HsrpV2Tlv.GroupState(opCode, state, Be.u16(b, v + 4), MacAddress.fromBytes(b, v + 6),
                    Be.i32(b, v + 12), Be.i32(b, v + 16), Be.i32(b, v + 20), Ipv4Address.fromBytes(b, v + 24));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(BAD_FIELD, e.getMessage());
        }
    }

    private static void requireLength(int type, int actual, int expected) throws DecodeException {
        if (actual != expected) {
            throw new DecodeException(BAD_TLV, "HSRP TLV type " + type + " has length " + actual + ", expected " + expected);
        }
    }
}
