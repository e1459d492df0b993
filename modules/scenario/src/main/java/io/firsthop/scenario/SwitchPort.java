package io.firsthop.scenario;

import java.util.Objects;

/** A switch port: its name and VLAN mode. */
public record SwitchPort(String name, PortMode mode) {
    public SwitchPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
    }

    public static SwitchPort access(String name, int vlan) {
        return new SwitchPort(name, new PortMode.Access(vlan));
    }
}
