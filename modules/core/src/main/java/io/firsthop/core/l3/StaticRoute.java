package io.firsthop.core.l3;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import java.util.Objects;

/**
 * A static route: packets for {@code prefix} go to {@code nextHop}, which must lie on a
 * connected subnet of an up interface for the route to be active (no recursive resolution).
 */
public record StaticRoute(Ipv4Prefix prefix, Ipv4Address nextHop) {
    public StaticRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nextHop, "nextHop");
    }

    public static StaticRoute of(String prefix, String nextHop) {
        return new StaticRoute(Ipv4Prefix.parse(prefix), Ipv4Address.parse(nextHop));
    }
}
