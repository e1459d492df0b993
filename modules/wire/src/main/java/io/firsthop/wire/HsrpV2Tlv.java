package io.firsthop.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One TLV of an HSRP version 2 message, laid out as Wireshark's packet-hsrp.c reads them:
 * a type octet, a length octet counting the value only, then the value.
 */
public sealed interface HsrpV2Tlv {
    int TYPE_GROUP_STATE = 1;
    int TYPE_INTERFACE_STATE = 2;
    int TYPE_TEXT_AUTH = 3;
    int TYPE_MD5_AUTH = 4;

    /** The type octet. */
    int type();

    /** The value length, which the length octet carries. */
    int valueLength();

    /**
     * Group State TLV (type 1, length 40). Only IPv4 groups are modelled: IP version is
     * always 4 and the address sits in the first 4 of the 16 virtual-address octets, the
     * other 12 written as zero and ignored on receipt.
     *
     * <pre>
     * | Type=1 | Length=40 | HSRP Version=2 | Opcode |
     * | State  | IP Version=4 |       Group Number (2)       |
     * |            Identifier (6 octets: the sender's MAC)       |
     * |   Priority (4)   |   Hello Time (4, ms)   |   Hold Time (4, ms)   |
     * |               Virtual IP Address (16 octets)                |
     * </pre>
     *
     * @param group       0..4095
     * @param identifier  the sender's interface MAC
     * @param priority    0..255 (carried in 4 octets)
     * @param helloTimeMs milliseconds between hellos (default 3000)
     * @param holdTimeMs  milliseconds a hello stays valid (default 10000)
     */
    record GroupState(HsrpOpCode opCode, HsrpState state, int group, MacAddress identifier, int priority,
                      int helloTimeMs, int holdTimeMs, Ipv4Address virtualIp) implements HsrpV2Tlv {
        public static final int VALUE_LENGTH = 40;
        public static final int HSRP_VERSION = 2;
        public static final int IP_VERSION_4 = 4;
        public static final int DEFAULT_HELLO_TIME_MS = 3000;
        public static final int DEFAULT_HOLD_TIME_MS = 10000;

        public GroupState {
            Objects.requireNonNull(opCode, "opCode");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(virtualIp, "virtualIp");
            if (group < 0 || group > 4095) throw new IllegalArgumentException("HSRP version 2 group must be 0..4095, was " + group);
            if (priority < 0 || priority > 255) throw new IllegalArgumentException("HSRP priority must be 0..255, was " + priority);
            if (helloTimeMs < 0) throw new IllegalArgumentException("hello time must not be negative, was " + helloTimeMs);
            if (holdTimeMs < 0) throw new IllegalArgumentException("hold time must not be negative, was " + holdTimeMs);
        }

        @Override
        public int type() {
            return TYPE_GROUP_STATE;
        }

        @Override
        public int valueLength() {
            return VALUE_LENGTH;
        }
    }

    /**
     * Interface State TLV (type 2, length 4): how many groups on the interface are active and
     * how many passive.
     */
    record InterfaceState(int activeGroups, int passiveGroups) implements HsrpV2Tlv {
        public static final int VALUE_LENGTH = 4;

        public InterfaceState {
            if (activeGroups < 0 || activeGroups > 0xFFFF) throw new IllegalArgumentException("active groups must be 0..65535, was " + activeGroups);
            if (passiveGroups < 0 || passiveGroups > 0xFFFF) throw new IllegalArgumentException("passive groups must be 0..65535, was " + passiveGroups);
        }

        @Override
        public int type() {
            return TYPE_INTERFACE_STATE;
        }

        @Override
        public int valueLength() {
            return VALUE_LENGTH;
        }
    }

    /** Text Authentication TLV (type 3, length 8): a clear-text password, NUL-padded to 8 octets. */
    record TextAuth(Bytes authData) implements HsrpV2Tlv {
        public static final int VALUE_LENGTH = 8;
        /** The default password "cisco", NUL-padded. */
        public static final TextAuth DEFAULT = new TextAuth(Bytes.of("cisco\0\0\0".getBytes(StandardCharsets.US_ASCII)));

        public TextAuth {
            Objects.requireNonNull(authData, "authData");
            if (authData.length() != VALUE_LENGTH) {
                throw new IllegalArgumentException("HSRP text authentication is 8 octets, was " + authData.length());
            }
        }

        @Override
        public int type() {
            return TYPE_TEXT_AUTH;
        }

        @Override
        public int valueLength() {
            return VALUE_LENGTH;
        }
    }

    /**
     * MD5 Authentication TLV (type 4, length 28), kept as its raw value: algorithm (1),
     * padding (1), flags (2), sender IP (4), key ID (4), MD5 digest (16). firsthop neither
     * computes nor checks the digest.
     */
    record Md5Auth(Bytes value) implements HsrpV2Tlv {
        public static final int VALUE_LENGTH = 28;

        public Md5Auth {
            Objects.requireNonNull(value, "value");
            if (value.length() != VALUE_LENGTH) {
                throw new IllegalArgumentException("HSRP MD5 authentication TLV value is 28 octets, was " + value.length());
            }
        }

        @Override
        public int type() {
            return TYPE_MD5_AUTH;
        }

        @Override
        public int valueLength() {
            return VALUE_LENGTH;
        }
    }

    /** A TLV of a type the four above do not cover, kept byte for byte. */
    record Unknown(int type, Bytes value) implements HsrpV2Tlv {
        public Unknown {
            Objects.requireNonNull(value, "value");
            if (type >= TYPE_GROUP_STATE && type <= TYPE_MD5_AUTH || type < 0 || type > 255) {
                throw new IllegalArgumentException("not an unknown HSRP TLV type: " + type);
            }
            if (value.length() > 255) throw new IllegalArgumentException("TLV value longer than 255 octets: " + value.length());
        }

        @Override
        public int valueLength() {
            return value.length();
        }
    }
}
