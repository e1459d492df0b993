package io.firsthop.scenario;

import io.firsthop.wire.Ipv4Address;
import java.util.List;
import java.util.Objects;

/**
 * An end station (host, server, VM): one interface and an optional default gateway. The
 * interface is a port of its own, or sits on a bond of two member ports (a dual-homed host).
 *
 * @param iface   its only interface
 * @param gateway its default gateway, on the interface's subnet, or null for none
 * @param bond    the bond the interface sits on, or null for a single-homed host
 */
public record HostSpec(HostInterface iface, Ipv4Address gateway, HostBond bond) implements NodeSpec {
    public HostSpec {
        Objects.requireNonNull(iface, "iface");
        if (bond != null && bond.members().contains(iface.name())) {
            throw new IllegalArgumentException("the bond's interface '" + iface.name() + "' cannot also be one of its members");
        }
    }

    /** A single-homed host. */
    public HostSpec(HostInterface iface, Ipv4Address gateway) {
        this(iface, gateway, null);
    }

    /** The interface's own port, or the bond's member ports. */
    @Override
    public List<String> portNames() {
        return bond == null ? List.of(iface.name()) : bond.members();
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
