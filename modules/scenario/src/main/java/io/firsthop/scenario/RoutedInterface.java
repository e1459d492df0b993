package io.firsthop.scenario;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Objects;

/** A router's routed (untagged) interface. */
public record RoutedInterface(String name, MacAddress mac, List<InterfaceAddress> addresses,
                              List<GatewayProtocol> gateways) implements L3Interface {
    public RoutedInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        addresses = List.copyOf(addresses);
        gateways = List.copyOf(gateways);
    }
}
