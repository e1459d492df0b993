package io.firsthop.scenario;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Objects;

/** A switch's routed interface in one VLAN (an SVI / IRB), e.g. a leaf's anycast gateway. */
public record VlanInterface(String name, int vlan, MacAddress mac, List<InterfaceAddress> addresses,
                            List<GatewayProtocol> gateways) implements L3Interface {
    public VlanInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        addresses = List.copyOf(addresses);
        gateways = List.copyOf(gateways);
        PortMode.checkVlan(vlan);
    }
}
