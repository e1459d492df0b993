package io.firsthop.wire;

import java.util.Objects;

/**
 * An Ethernet II frame, optionally carrying one IEEE 802.1Q tag. The EtherType is derived
 * from the payload, so a frame cannot claim one type and carry another.
 *
 * <pre>
 *  0                   1                   2                   3
 * +-------------------------------+-------------------------------+
 * |                  Destination MAC (6 octets)                   |
 * |                    Source MAC (6 octets)                      |
 * | [TPID 0x8100 | PCP(3) DEI(1) VID(12)]  (only when tagged)     |
 * |   EtherType (2)   |   payload ...                             |
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * @param vlan the 802.1Q tag, or {@code null} for an untagged frame
 */
public record EthernetFrame(MacAddress destination, MacAddress source, VlanTag vlan, EthernetPayload payload) {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_DOT1Q = 0x8100;

    public EthernetFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
    }

    public static EthernetFrame untagged(MacAddress destination, MacAddress source, EthernetPayload payload) {
        return new EthernetFrame(destination, source, null, payload);
    }

    public int etherType() {
        return payload.etherType();
    }

    public boolean tagged() {
        return vlan != null;
    }

    /** The same frame with its tag replaced (or removed, with {@code null}). */
    public EthernetFrame withVlan(VlanTag tag) {
        return tag == vlan ? this : new EthernetFrame(destination, source, tag, payload);
    }
}
