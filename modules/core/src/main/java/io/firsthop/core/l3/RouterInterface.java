package io.firsthop.core.l3;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Objects;

/**
 * A routed (untagged) interface of a {@link Router}.
 *
 * @param name      the interface's (and port's) name, e.g. "ge0"
 * @param mac       its burned-in MAC
 * @param addresses its addresses; the first is the primary one (the source of ICMP errors and
 *                  RFC 5798's "primary IP address"); may be empty for an unnumbered port
 */
public record RouterInterface(String name, MacAddress mac, List<InterfaceAddress> addresses) {
    public RouterInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        addresses = List.copyOf(addresses);
        if (mac.isMulticast() || mac.value() == 0) {
            throw new IllegalArgumentException(name + ": interface MAC must be a unicast address, was " + mac);
        }
    }

    public static RouterInterface of(String name, MacAddress mac, InterfaceAddress... addresses) {
        return new RouterInterface(name, mac, List.of(addresses));
    }

    /** The primary address, or null if the interface has none. */
    public InterfaceAddress primary() {
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
