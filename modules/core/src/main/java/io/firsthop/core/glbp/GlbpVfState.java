package io.firsthop.core.glbp;

import io.firsthop.wire.GlbpState;

/**
 * A router's state for one virtual forwarder (VF): Disabled while it does not know the
 * forwarder, Listen while another router (or nobody) forwards for the virtual MAC, Active
 * while this router is the active virtual forwarder (AVF) and routes frames sent to it.
 */
public enum GlbpVfState {
    DISABLED("Disabled", null),
    LISTEN("Listen", GlbpState.LISTEN),
    ACTIVE("Active", GlbpState.ACTIVE);

    private final String displayName;
    private final GlbpState wire;

    GlbpVfState(String displayName, GlbpState wire) {
        this.displayName = displayName;
        this.wire = wire;
    }

    /** The state code a Request/Response TLV carries; null for {@link #DISABLED}. */
    public GlbpState wire() {
        return wire;
    }

    public String displayName() {
        return displayName;
    }
}
