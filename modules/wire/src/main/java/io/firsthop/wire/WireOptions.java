package io.firsthop.wire;

/**
 * Choices the wire format leaves to the implementation.
 *
 * @param vrrpV3PseudoHeader whether the VRRPv3 checksum over IPv4 covers the IPv4
 *                           pseudo-header (RFC 5798 §5.2.8, keepalived and FRR: yes;
 *                           RFC 9568 §5.2.8: no)
 * @param padToMinimum       pad encoded frames to Ethernet's 60-byte minimum (without FCS),
 *                           as a NIC does on the wire; captures taken on the sender lack it
 */
public record WireOptions(boolean vrrpV3PseudoHeader, boolean padToMinimum) {
    /** RFC 5798 behaviour, as keepalived and FRR send by default; no padding. */
    public static final WireOptions DEFAULT = new WireOptions(true, false);
    /** RFC 9568 behaviour: the VRRPv3 IPv4 checksum excludes the pseudo-header. */
    public static final WireOptions RFC9568 = new WireOptions(false, false);
}
