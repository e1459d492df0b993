package io.firsthop.wire;

import java.util.List;
import java.util.Objects;

/**
 * An HSRP version 2 message for IPv4: a sequence of TLVs sent to 224.0.0.102 on UDP port 1985,
 * as Wireshark's packet-hsrp.c dissects it. A hello is a {@link HsrpV2Tlv.GroupState} followed
 * by a {@link HsrpV2Tlv.TextAuth} (or {@link HsrpV2Tlv.Md5Auth}); a message may also carry a
 * {@link HsrpV2Tlv.InterfaceState}. Version 2 has no fixed header: on the wire it is told from
 * version 1 by its first octet, the TLV type (1 or 2), where version 1 has its version 0.
 *
 * @param tlvs at least one TLV, in wire order; the first is a Group State or Interface State TLV
 */
public record HsrpV2Message(List<HsrpV2Tlv> tlvs) implements UdpPayload {
    public HsrpV2Message {
        Objects.requireNonNull(tlvs, "tlvs");
        tlvs = List.copyOf(tlvs);
        if (tlvs.isEmpty()) throw new IllegalArgumentException("an HSRP version 2 message carries at least one TLV");
        int first = tlvs.get(0).type();
        if (first != HsrpV2Tlv.TYPE_GROUP_STATE && first != HsrpV2Tlv.TYPE_INTERFACE_STATE) {
            // the first octet is what tells version 2 from version 1 on the wire
            throw new IllegalArgumentException("an HSRP version 2 message starts with a Group State or Interface State TLV, not type " + first);
        }
    }

    /** A message of one Group State TLV followed by the given authentication TLV. */
    public static HsrpV2Message of(HsrpV2Tlv.GroupState groupState, HsrpV2Tlv auth) {
        return new HsrpV2Message(List.of(groupState, auth));
    }

    /** A hello with default timers and the default text authentication. */
    public static HsrpV2Message hello(HsrpState state, int group, MacAddress identifier, int priority, Ipv4Address virtualIp) {
        return of(new HsrpV2Tlv.GroupState(HsrpOpCode.HELLO, state, group, identifier, priority,
                HsrpV2Tlv.GroupState.DEFAULT_HELLO_TIME_MS, HsrpV2Tlv.GroupState.DEFAULT_HOLD_TIME_MS, virtualIp),
                HsrpV2Tlv.TextAuth.DEFAULT);
    }

    /** The first Group State TLV, or {@code null} if the message has none (an interface-state message). */
    public HsrpV2Tlv.GroupState groupState() {
        for (HsrpV2Tlv tlv : tlvs) {
            if (tlv instanceof HsrpV2Tlv.GroupState gs) return gs;
        }
        return null;
    }

    /** The HSRP version 2 virtual MAC 0000.0C9F.Fxxx, xxx being the group (0..4095). */
    public static MacAddress virtualMac(int group) {
        if (group < 0 || group > 4095) throw new IllegalArgumentException("HSRP version 2 group must be 0..4095, was " + group);
        return new MacAddress(0x0000_0C9F_F000L | group);
    }
}
