package io.firsthop.core.glbp;

import io.firsthop.wire.GlbpState;

/**
 * A router's virtual gateway (VG) state, as Cisco's {@code show glbp} names it. Listen, Speak,
 * Standby and Active travel in hellos; Initial is never sent.
 */
public enum GlbpVgState {
    INITIAL("Initial", null),
    LISTEN("Listen", GlbpState.LISTEN),
    SPEAK("Speak", GlbpState.SPEAK),
    STANDBY("Standby", GlbpState.STANDBY),
    ACTIVE("Active", GlbpState.ACTIVE);

    private final String displayName;
    private final GlbpState wire;

    GlbpVgState(String displayName, GlbpState wire) {
        this.displayName = displayName;
        this.wire = wire;
    }

    /** The state code a hello carries; null for {@link #INITIAL}, which is never sent. */
    public GlbpState wire() {
        return wire;
    }

    /** Cisco's spelling ("Active"), used in trace events. */
    public String displayName() {
        return displayName;
    }
}
