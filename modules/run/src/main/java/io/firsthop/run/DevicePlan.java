package io.firsthop.run;

import io.firsthop.core.Device;
import io.firsthop.scenario.NodeKind;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One device to instantiate: a node of the scenario as a core {@link Device}. The device is
 * described by a factory, so an engine builds it where it runs (the cluster engine on the
 * node's site only) and as many times as it needs (a fresh one per run).
 *
 * @param name    the device's name in the engine (the node's name)
 * @param node    the scenario node it stands for
 * @param site    the node's site
 * @param kind    what the scenario called the node
 * @param factory builds the device, configured and with its groups and tracked objects, not powered on
 * @param parts   the names its trace events carry: the device's own, and those of the cores inside it
 *                (a switch that routes on VLAN interfaces is a bridge and a router in one device)
 */
public record DevicePlan(String name, String node, String site, NodeKind kind, Supplier<Device> factory, List<String> parts) {
    public DevicePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(factory, "factory");
        parts = List.copyOf(parts);
    }
}
