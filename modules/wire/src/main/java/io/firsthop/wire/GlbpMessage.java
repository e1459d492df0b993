package io.firsthop.wire;

import java.util.List;
import java.util.Objects;

/**
 * A GLBP message (UDP port 3222, sent to 224.0.0.102), as Wireshark's packet-glbp.c reads it:
 * a 12-octet header, then TLVs ({@link GlbpTlv}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Version=1    |   unknown1    |             Group             |
 * |          unknown2             |        Owner ID (6 octets)    |
 * |                       Owner ID (cont.)                        |
 * |  TLVs ...                                                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param version  always 1
 * @param unknown1 an octet the dissector does not interpret (it expects 0..4); 0 in messages firsthop builds
 * @param group    the GLBP group, 0..1023
 * @param unknown2 two octets the dissector does not interpret; 0 in messages firsthop builds
 * @param ownerId  the sender's interface MAC
 */
public record GlbpMessage(int version, int unknown1, int group, int unknown2, MacAddress ownerId,
                          List<GlbpTlv> tlvs) implements UdpPayload {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 12;
    /** The multicast group GLBP hellos go to, shared with HSRP version 2. */
    public static final Ipv4Address MULTICAST = Ipv4Address.HSRP_V2_MULTICAST;

    public GlbpMessage {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(tlvs, "tlvs");
        tlvs = List.copyOf(tlvs);
        if (version != VERSION) throw new IllegalArgumentException("GLBP version must be 1, was " + version);
        if (unknown1 < 0 || unknown1 > 0xFF) throw new IllegalArgumentException("GLBP unknown1 must be 0..255, was " + unknown1);
        if (group < 0 || group > 1023) throw new IllegalArgumentException("GLBP group must be 0..1023, was " + group);
        if (unknown2 < 0 || unknown2 > 0xFFFF) throw new IllegalArgumentException("GLBP unknown2 must be 0..65535, was " + unknown2);
    }

    /** A version 1 message whose unknown header octets are zero. */
    public static GlbpMessage of(int group, MacAddress ownerId, List<GlbpTlv> tlvs) {
        return new GlbpMessage(VERSION, 0, group, 0, ownerId, tlvs);
    }

    /**
     * The virtual MAC of forwarder {@code forwarder} in group {@code group}: 0007.B4xx.xxyy,
     * where xxxx is six zero bits then the 10-bit group and yy the forwarder number (Cisco's
     * GLBP guide; Wireshark's packet-glbp.c shows group 1020, forwarder 1 as 0007.b403.fc01).
     */
    public static MacAddress virtualMac(int group, int forwarder) {
        if (group < 0 || group > 1023) throw new IllegalArgumentException("GLBP group must be 0..1023, was " + group);
        if (forwarder < 0 || forwarder > 255) throw new IllegalArgumentException("GLBP forwarder must be 0..255, was " + forwarder);
        return new MacAddress(0x0007_B400_0000L | ((long) group << 8) | forwarder);
    }

    /** The Hello TLV, or {@code null} if the message carries none. */
    public GlbpTlv.Hello hello() {
        for (GlbpTlv tlv : tlvs) {
            if (tlv instanceof GlbpTlv.Hello h) return h;
        }
        return null;
    }
}
