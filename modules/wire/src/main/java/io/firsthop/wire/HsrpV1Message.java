package io.firsthop.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HSRP version 1 message (RFC 2281 §5.1), sent to 224.0.0.2 on UDP port 1985 with TTL 1.
 * The Reserved octet is written as zero and ignored on receipt.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Version=0   |   Op Code     |     State     |   Hellotime   |
 * |   Holdtime    |   Priority    |     Group     |   Reserved    |
 * |                Authentication  Data (8 octets)                |
 * |                                                               |
 * |                      Virtual IP Address                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param helloTime seconds between hellos (RFC 2281 default 3)
 * @param holdTime  seconds a hello stays valid (RFC 2281 default 10)
 * @param authData  8 octets of clear-text password, {@link #DEFAULT_AUTH} ("cisco" NUL-padded) by default
 */
public record HsrpV1Message(HsrpOpCode opCode, HsrpState state, int helloTime, int holdTime, int priority,
                            int group, Bytes authData, Ipv4Address virtualIp) implements UdpPayload {
    /** RFC 2281 §5.1: the wire length of every version 1 message. */
    public static final int LENGTH = 20;
    public static final int DEFAULT_HELLO_TIME = 3;
    public static final int DEFAULT_HOLD_TIME = 10;
    public static final int DEFAULT_PRIORITY = 100;
    /** RFC 2281 §5.1: the recommended default authentication data, "cisco" padded with NULs to 8 octets. */
    public static final Bytes DEFAULT_AUTH = Bytes.of("cisco\0\0\0".getBytes(StandardCharsets.US_ASCII));

    public HsrpV1Message {
        Objects.requireNonNull(opCode, "opCode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(authData, "authData");
        Objects.requireNonNull(virtualIp, "virtualIp");
        if (state.v1Code() < 0) throw new IllegalArgumentException("HSRP version 1 has no code for state " + state);
        requireOctet("hellotime", helloTime);
        requireOctet("holdtime", holdTime);
        requireOctet("priority", priority);
        requireOctet("group", group);
        if (authData.length() != 8) {
            throw new IllegalArgumentException("HSRP authentication data is 8 octets, was " + authData.length());
        }
    }

    private static void requireOctet(String name, int value) {
        if (value < 0 || value > 255) throw new IllegalArgumentException("HSRP " + name + " must be 0..255, was " + value);
    }

    /** A hello with the default authentication data. */
    public static HsrpV1Message hello(HsrpState state, int helloTime, int holdTime, int priority, int group, Ipv4Address virtualIp) {
        return new HsrpV1Message(HsrpOpCode.HELLO, state, helloTime, holdTime, priority, group, DEFAULT_AUTH, virtualIp);
    }

    /**
     * The HSRP version 1 virtual MAC 0000.0C07.ACxx, xx being the group, as RFC 2281 gives it for
     * Ethernet (CISCO-HSRP-MIB cHsrpGrpVirtualMacAddr: 00:00:0c:07:ac:00 to 00:00:0c:07:ac:ff).
     */
    public static MacAddress virtualMac(int group) {
        if (group < 0 || group > 255) throw new IllegalArgumentException("HSRP version 1 group must be 0..255, was " + group);
        return new MacAddress(0x0000_0C07_AC00L | group);
    }
}
