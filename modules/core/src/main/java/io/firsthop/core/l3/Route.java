package io.firsthop.core.l3;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;

/**
 * An active route of a {@link Router}'s table.
 *
 * @param prefix  the destinations it covers
 * @param port    the interface packets leave on
 * @param nextHop the gateway, or null for a connected route (the destination itself is the next hop)
 */
public record Route(Ipv4Prefix prefix, int port, Ipv4Address nextHop) {
    public boolean connected() {
        return nextHop == null;
    }
}
