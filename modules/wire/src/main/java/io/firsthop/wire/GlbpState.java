package io.firsthop.wire;

/**
 * A GLBP gateway or forwarder state as it appears on the wire, with the codes Wireshark's
 * packet-glbp.c names: Listen 4, Speak 8, Standby 16, Active 32 for a virtual gateway (VG);
 * a virtual forwarder (VF) uses Listen and Active. Disabled and Initial have no known code
 * and are never sent.
 */
public enum GlbpState {
    LISTEN(4),
    SPEAK(8),
    STANDBY(16),
    ACTIVE(32);

    private final int code;

    GlbpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state for a wire value, or {@code null} if the value is none of the known codes. */
    public static GlbpState fromCode(int code) {
        return switch (code) {
            case 4 -> LISTEN;
            case 8 -> SPEAK;
            case 16 -> STANDBY;
            case 32 -> ACTIVE;
            default -> null;
        };
    }
}
