package io.firsthop.wire;

import java.util.Objects;

/**
 * One TLV of a GLBP message, laid out as Wireshark's packet-glbp.c reads it: a type octet,
 * a length octet counting the whole TLV (type and length included), then the value.
 * GLBP is undocumented; octets the dissector calls "unknown" are kept as they came so a
 * decoded message re-encodes byte for byte, and are zero in messages firsthop builds (as
 * other GLBP speakers, e.g. Loki, send them).
 */
public sealed interface GlbpTlv {
    int TYPE_HELLO = 1;
    int TYPE_REQUEST_RESPONSE = 2;
    int TYPE_AUTH = 3;

    /** The type octet. */
    int type();

    /** The whole TLV length, which the length octet carries. */
    int length();

    /**
     * Hello TLV (type 1, length 28 for IPv4): the virtual gateway's state and timers.
     *
     * <pre>
     * | Type=1 | Length=28 | unknown10 | VG state |
     * | unknown11 | Priority | unknown12 (2)       |
     * |          Hello interval (4, ms)           |
     * |          Hold interval (4, ms)            |
     * | Redirect (2, s)    | Timeout (2, s)       |
     * | unknown13 (2)      | Addr type=1 | Addr len=4 |
     * |          Virtual IPv4 address (4)         |
     * </pre>
     *
     * @param redirectSeconds how long the AVG keeps redirecting to a forwarder it took over (default 600)
     * @param timeoutSeconds  how long until a taken-over forwarder is dropped (default 14400)
     */
    record Hello(GlbpState vgState, int priority, int helloTimeMs, int holdTimeMs, int redirectSeconds,
                 int timeoutSeconds, Ipv4Address virtualIp, int unknown10, int unknown11, int unknown12,
                 int unknown13) implements GlbpTlv {
        public static final int LENGTH = 28;
        public static final int ADDRESS_TYPE_IPV4 = 1;
        public static final int DEFAULT_HELLO_TIME_MS = 3000;
        public static final int DEFAULT_HOLD_TIME_MS = 10000;
        public static final int DEFAULT_REDIRECT_SECONDS = 600;
        public static final int DEFAULT_TIMEOUT_SECONDS = 14400;

        public Hello {
            Objects.requireNonNull(vgState, "vgState");
            Objects.requireNonNull(virtualIp, "virtualIp");
            if (priority < 0 || priority > 255) throw new IllegalArgumentException("GLBP priority must be 0..255, was " + priority);
            if (helloTimeMs < 0) throw new IllegalArgumentException("hello time must not be negative, was " + helloTimeMs);
            if (holdTimeMs < 0) throw new IllegalArgumentException("hold time must not be negative, was " + holdTimeMs);
            requireU16("redirect", redirectSeconds);
            requireU16("timeout", timeoutSeconds);
            requireU8("unknown10", unknown10);
            requireU8("unknown11", unknown11);
            requireU16("unknown12", unknown12);
            requireU16("unknown13", unknown13);
        }

        /** A hello whose unknown octets are zero. */
        public static Hello of(GlbpState vgState, int priority, int helloTimeMs, int holdTimeMs, int redirectSeconds,
                               int timeoutSeconds, Ipv4Address virtualIp) {
            return new Hello(vgState, priority, helloTimeMs, holdTimeMs, redirectSeconds, timeoutSeconds, virtualIp, 0, 0, 0, 0);
        }

        @Override
        public int type() {
            return TYPE_HELLO;
        }

        @Override
        public int length() {
            return LENGTH;
        }
    }

    /**
     * Request/Response TLV (type 2, length 20): one virtual forwarder's state, as the AVG
     * assigns forwarders and each AVF announces its own.
     *
     * <pre>
     * | Type=2 | Length=20 | Forwarder | VF state |
     * | unknown21 | Priority | Weight | unknown22 (7) ... |
     * |          Virtual MAC (6)                  |
     * </pre>
     *
     * @param forwarder the forwarder number (1..4 in Cisco's implementation)
     * @param unknown22 7 octets
     */
    record RequestResponse(int forwarder, GlbpState vfState, int priority, int weight, MacAddress virtualMac,
                           int unknown21, Bytes unknown22) implements GlbpTlv {
        public static final int LENGTH = 20;
        public static final int DEFAULT_WEIGHT = 100;

        public RequestResponse {
            Objects.requireNonNull(vfState, "vfState");
            Objects.requireNonNull(virtualMac, "virtualMac");
            Objects.requireNonNull(unknown22, "unknown22");
            requireU8("forwarder", forwarder);
            requireU8("priority", priority);
            requireU8("weight", weight);
            requireU8("unknown21", unknown21);
            if (unknown22.length() != 7) throw new IllegalArgumentException("unknown22 is 7 octets, was " + unknown22.length());
        }

        /** A forwarder TLV whose unknown octets are zero. */
        public static RequestResponse of(int forwarder, GlbpState vfState, int priority, int weight, MacAddress virtualMac) {
            return new RequestResponse(forwarder, vfState, priority, weight, virtualMac, 0, Bytes.zeros(7));
        }

        @Override
        public int type() {
            return TYPE_REQUEST_RESPONSE;
        }

        @Override
        public int length() {
            return LENGTH;
        }
    }

    /**
     * Auth TLV (type 3): auth type, auth length, then that many octets (a plain-text password
     * or an MD5 digest, which firsthop neither computes nor checks).
     */
    record Auth(int authType, Bytes data) implements GlbpTlv {
        public static final int AUTH_NONE = 0;
        public static final int AUTH_PLAIN_TEXT = 1;
        public static final int AUTH_MD5_STRING = 2;
        public static final int AUTH_MD5_CHAIN = 3;

        public Auth {
            Objects.requireNonNull(data, "data");
            requireU8("auth type", authType);
            if (data.length() > 251) throw new IllegalArgumentException("GLBP auth data longer than 251 octets: " + data.length());
        }

        @Override
        public int type() {
            return TYPE_AUTH;
        }

        @Override
        public int length() {
            return 4 + data.length();
        }
    }

    /** A TLV of another type, kept byte for byte. */
    record Unknown(int type, Bytes value) implements GlbpTlv {
        public Unknown {
            Objects.requireNonNull(value, "value");
            if (type >= TYPE_HELLO && type <= TYPE_AUTH || type < 0 || type > 255) {
                throw new IllegalArgumentException("not an unknown GLBP TLV type: " + type);
            }
            if (value.length() > 253) throw new IllegalArgumentException("GLBP TLV value longer than 253 octets: " + value.length());
        }

        @Override
        public int length() {
            return 2 + value.length();
        }
    }

    private static void requireU8(String name, int v) {
        if (v < 0 || v > 0xFF) throw new IllegalArgumentException("GLBP " + name + " must be 0..255, was " + v);
    }

    private static void requireU16(String name, int v) {
        if (v < 0 || v > 0xFFFF) throw new IllegalArgumentException("GLBP " + name + " must be 0..65535, was " + v);
    }
}
