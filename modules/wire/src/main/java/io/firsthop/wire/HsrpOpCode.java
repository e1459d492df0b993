package io.firsthop.wire;

/**
 * The HSRP op code (RFC 2281 §5.1; HSRP version 2 keeps the same values in its Group State
 * TLV). Cisco's op code 3 (interface-state advertisement) is not modelled.
 */
public enum HsrpOpCode {
    /** The router is running and can become Active or Standby. */
    HELLO(0),
    /** The router wishes to become the Active router. */
    COUP(1),
    /** The router no longer wishes to be the Active router. */
    RESIGN(2);

    private static final HsrpOpCode[] BY_CODE = values();
    private final int code;

    HsrpOpCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The op code for a wire value, or {@code null} if the value names none of these. */
    public static HsrpOpCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
