package io.firsthop.scenario;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;
import java.util.List;

/** An interface that routes: a router port or a switch's VLAN interface (SVI), possibly running gateway protocols. */
public sealed interface L3Interface permits RoutedInterface, VlanInterface {
    String name();

    /** Its burned-in MAC (derived from node and interface name unless the scenario gives one). */
    MacAddress mac();

    /** Its addresses; the first is the primary one. May be empty. */
    List<InterfaceAddress> addresses();

    /** The first-hop redundancy groups configured on it. */
    List<GatewayProtocol> gateways();
}
