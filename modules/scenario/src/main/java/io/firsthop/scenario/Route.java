package io.firsthop.scenario;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import java.util.Objects;

/** A static route: {@code to} via the next hop {@code via}, which must be on a connected subnet. */
public record Route(Ipv4Prefix to, Ipv4Address via) {
    public Route {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(via, "via");
    }
}
