package io.firsthop.core.l2;

import java.util.Objects;
import java.util.Set;

/** A port of an {@link EthernetSwitch}: its name and how it carries VLANs. */
public record SwitchPort(String name, PortMode mode) {
    public SwitchPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
    }

    /** An access port in {@code vlan}. */
    public static SwitchPort access(String name, int vlan) {
        return new SwitchPort(name, new PortMode.Access(vlan));
    }

    /** A trunk carrying {@code allowedVlans}, with {@code nativeVlan} untagged. */
    public static SwitchPort trunk(String name, Set<Integer> allowedVlans, int nativeVlan) {
        return new SwitchPort(name, new PortMode.Trunk(allowedVlans, nativeVlan));
    }

    /** A trunk carrying every VLAN, with {@code nativeVlan} untagged. */
    public static SwitchPort trunkAll(String name, int nativeVlan) {
        return new SwitchPort(name, new PortMode.Trunk(PortMode.Trunk.ALL_VLANS, nativeVlan));
    }
}
