package io.firsthop.wire;

/**
 * An HSRP router state. Version 1 (RFC 2281 §5.1) encodes the states as bit values
 * 0/1/2/4/8/16; version 2 numbers them 0..6, with 0 meaning Disabled, as Wireshark's
 * packet-hsrp.c decodes them. One enum serves both so a protocol core has one state
 * machine and the codec picks the encoding.
 */
public enum HsrpState {
    /** HSRP version 2 only: the group is disabled. Version 1 has no code for it. */
    DISABLED(-1, 0),
    /** RFC 2281 "Initial": HSRP is not running. */
    INITIAL(0, 1),
    /** The router has not determined the virtual IP address and not yet seen a hello from the Active router. */
    LEARN(1, 2),
    /** The router knows the virtual IP address but is neither Active nor Standby. */
    LISTEN(2, 3),
    /** The router sends periodic hellos and takes part in the election. */
    SPEAK(4, 4),
    /** The router is the candidate to become the next Active router. */
    STANDBY(8, 5),
    /** The router forwards packets sent to the group's virtual MAC address. */
    ACTIVE(16, 6);

    private final int v1Code;
    private final int v2Code;

    HsrpState(int v1Code, int v2Code) {
        this.v1Code = v1Code;
        this.v2Code = v2Code;
    }

    /** The HSRP version 1 wire value (RFC 2281 §5.1), or -1 for {@link #DISABLED}, which version 1 cannot carry. */
    public int v1Code() {
        return v1Code;
    }

    /** The HSRP version 2 wire value. */
    public int v2Code() {
        return v2Code;
    }

    /** The state for an HSRP version 1 wire value, or {@code null} if RFC 2281 defines none. */
    public static HsrpState fromV1Code(int code) {
        return switch (code) {
            case 0 -> INITIAL;
            case 1 -> LEARN;
            case 2 -> LISTEN;
            case 4 -> SPEAK;
            case 8 -> STANDBY;
            case 16 -> ACTIVE;
            default -> null;
        };
    }

    /** The state for an HSRP version 2 wire value, or {@code null} if the value is not 0..6. */
    public static HsrpState fromV2Code(int code) {
        return switch (code) {
            case 0 -> DISABLED;
            case 1 -> INITIAL;
            case 2 -> LEARN;
            case 3 -> LISTEN;
            case 4 -> SPEAK;
            case 5 -> STANDBY;
            case 6 -> ACTIVE;
            default -> null;
        };
    }
}
