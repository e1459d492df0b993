package io.firsthop.scenario;

import io.firsthop.wire.Ipv4Address;
import java.util.List;
import java.util.Objects;

/**
 * An end station (host, server, VM): one interface and an optional default gateway.
 *
 * @param iface   its only interface (firsthop's hosts are single-homed)
 * @param gateway its default gateway, on the interface's subnet, or null for none
 */
public record HostSpec(HostInterface iface, Ipv4Address gateway) implements NodeSpec {
    public HostSpec {
        Objects.requireNonNull(iface, "iface");
    }

    @Override
    public List<String> portNames() {
        return List.of(iface.name());
    }

    @Override
    public List<L3Interface> l3Interfaces() {
        return List.of();
    }

    @Override
    public List<Route> routes() {
        return List.of();
    }

    @Override
    public List<TrackObject> tracking() {
        return List.of();
    }
}
