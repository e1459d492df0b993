package io.firsthop.scenario;

import java.util.Locale;

/**
 * What a node is. Several kinds share one {@link NodeSpec} shape: hosts, servers and VMs are
 * single-homed end stations ({@link HostSpec}); switches, leaves and hypervisors bridge VLANs
 * and may route on VLAN interfaces ({@link SwitchSpec}); routers and spines route between
 * their interfaces ({@link RouterSpec}). The kind is kept so reports can say what the user meant.
 */
public enum NodeKind {
    HOST, SERVER, VM, SWITCH, LEAF, HYPERVISOR, ROUTER, SPINE;

    /** The spelling in scenario files: lower case. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isHost() {
        return this == HOST || this == SERVER || this == VM;
    }

    public boolean isSwitch() {
        return this == SWITCH || this == LEAF || this == HYPERVISOR;
    }

    public boolean isRouter() {
        return this == ROUTER || this == SPINE;
    }

    /** The kind spelled {@code text} in a scenario file, or null. */
    public static NodeKind fromYaml(String text) {
        for (NodeKind k : values()) {
            if (k.yamlName().equals(text)) return k;
        }
        return null;
    }
}
