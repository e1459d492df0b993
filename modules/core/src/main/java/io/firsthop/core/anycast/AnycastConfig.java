package io.firsthop.core.anycast;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The configuration of an {@link AnycastGateway}: the same on every router that carries it.
 *
 * @param kind             what the group is called in trace events: "anycast" (an EVPN
 *                         distributed anycast gateway) or "varp" (Arista's virtual ARP)
 * @param virtualMac       the shared gateway MAC (unicast)
 * @param virtualAddresses the gateway addresses, at least one, no duplicates
 */
public record AnycastConfig(String kind, MacAddress virtualMac, List<Ipv4Address> virtualAddresses) {
    public AnycastConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(virtualMac, "virtualMac");
        virtualAddresses = List.copyOf(virtualAddresses);
        if (virtualMac.isMulticast() || virtualMac.value() == 0) {
            throw new IllegalArgumentException("an anycast gateway MAC is unicast, was " + virtualMac);
        }
        if (virtualAddresses.isEmpty()) throw new IllegalArgumentException("an anycast gateway needs an address");
        if (new HashSet<>(virtualAddresses).size() != virtualAddresses.size()) {
            throw new IllegalArgumentException("duplicate gateway address in " + virtualAddresses);
        }
    }

    /** An EVPN distributed anycast gateway ("fabric forwarding anycast-gateway-mac" + the SVI address). */
    public static AnycastConfig anycast(MacAddress mac, Ipv4Address... addresses) {
        return new AnycastConfig("anycast", mac, List.of(addresses));
    }

    /** Arista VARP ("ip virtual-router mac-address" + "ip virtual-router address"). */
    public static AnycastConfig varp(MacAddress mac, Ipv4Address... addresses) {
        return new AnycastConfig("varp", mac, List.of(addresses));
    }
}
