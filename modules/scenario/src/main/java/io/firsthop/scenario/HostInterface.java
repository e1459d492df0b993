package io.firsthop.scenario;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;
import java.util.Objects;

/** A host's network interface: a name ("eth0" by default), a MAC and one address. */
public record HostInterface(String name, MacAddress mac, InterfaceAddress address) {
    /** The interface name a host gets when the scenario gives only {@code address:}. */
    public static final String DEFAULT_NAME = "eth0";

    public HostInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(address, "address");
    }
}
