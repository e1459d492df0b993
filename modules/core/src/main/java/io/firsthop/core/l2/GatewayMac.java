package io.firsthop.core.l2;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.Objects;
import java.util.Set;

/**
 * A gateway MAC the switch keeps local: the port of its own router (SVI) that answers for it.
 * This is how an MLAG pair routes a virtual MAC on both peers (vPC peer-gateway, Arista VARP),
 * how an EVPN leaf keeps the fabric-wide anycast gateway MAC at home, and how a hypervisor's
 * virtual switch keeps its distributed router's MAC inside the host.
 *
 * <p>While {@code port} is up, frames to the MAC go there and nowhere else, and the MAC is never
 * learned, from any port (the other peers' and sites' routers send from the same MAC). ARP
 * requests for one of {@code arpAddresses} go to {@code port} only, not flooded (ARP
 * suppression for the gateway address: every site's gateway would answer the same). While the
 * port is down the MAC is forwarded as unknown unicast (flooded) and still never learned: a
 * switch whose own gateway died hands the frames to any other router that answers for the MAC.
 *
 * @param vlan         the VLAN the entry belongs to
 * @param mac          the gateway MAC (unicast)
 * @param port         the port name of the local router
 * @param arpAddresses gateway addresses whose ARP requests stay local (may be empty)
 */
public record GatewayMac(int vlan, MacAddress mac, String port, Set<Ipv4Address> arpAddresses) {
    public GatewayMac {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(port, "port");
        arpAddresses = Set.copyOf(arpAddresses);
        if (vlan < 1 || vlan > 4094) throw new IllegalArgumentException("VLAN must be 1..4094, was " + vlan);
        if (mac.isMulticast() || mac.value() == 0) throw new IllegalArgumentException("a gateway MAC is unicast, was " + mac);
    }

    /** An entry with no ARP suppression. */
    public static GatewayMac of(int vlan, MacAddress mac, String port) {
        return new GatewayMac(vlan, mac, port, Set.of());
    }

    /** An entry whose gateway addresses' ARP requests are answered by the local router only. */
    public static GatewayMac withArp(int vlan, MacAddress mac, String port, Ipv4Address... addresses) {
        return new GatewayMac(vlan, mac, port, Set.of(addresses));
    }
}
