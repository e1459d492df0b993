package io.firsthop.scenario;

import java.util.Objects;

/**
 * A switch port: its name, VLAN mode and MLAG id.
 *
 * @param mlag the MLAG id it shares with its partner port on the MLAG peer (Arista {@code mlag N},
 *             Cisco {@code vpc N}), 1..{@value #MAX_MLAG}, or {@value #NO_MLAG} for none
 */
public record SwitchPort(String name, PortMode mode, int mlag) {
    public static final int NO_MLAG = 0;
    public static final int MAX_MLAG = 4095;

    public SwitchPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (mlag < NO_MLAG || mlag > MAX_MLAG) throw new IllegalArgumentException("MLAG id must be 1.." + MAX_MLAG + ", was " + mlag);
    }

    /** A port with no MLAG id. */
    public SwitchPort(String name, PortMode mode) {
        this(name, mode, NO_MLAG);
    }

    public static SwitchPort access(String name, int vlan) {
        return new SwitchPort(name, new PortMode.Access(vlan));
    }

    /** Whether the port is an MLAG port (has an id). */
    public boolean isMlag() {
        return mlag != NO_MLAG;
    }
}
