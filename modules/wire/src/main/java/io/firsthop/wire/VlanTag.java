package io.firsthop.wire;

/** An IEEE 802.1Q tag: priority code point, drop eligible indicator, VLAN ID (1..4094). */
public record VlanTag(int priority, boolean dropEligible, int vlanId) {
    public VlanTag {
        if (priority < 0 || priority > 7) throw new IllegalArgumentException("802.1Q PCP must be 0..7, was " + priority);
        if (vlanId < 0 || vlanId > 4095) throw new IllegalArgumentException("802.1Q VID must be 0..4095, was " + vlanId);
    }

    public static VlanTag of(int vlanId) {
        return new VlanTag(0, false, vlanId);
    }
}
