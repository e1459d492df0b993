package io.firsthop.core.hypervisor;

import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l3.Router;
import java.util.Map;

/**
 * A physical switch that routes between its VLANs itself (SVIs): an {@link EthernetSwitch} and
 * a {@link Router} in one {@link CompositeDevice}, each router interface wired inside to a
 * switch access port of its VLAN. Servers of different networks on the switch then reach each
 * other in two physical hops (server to switch, switch to server) instead of hairpinning
 * through an external gateway (point 13 of the notes).
 *
 * <p>How to build one: give the switch's configuration, including one access port per SVI,
 * the router (its interfaces carry the networks' gateway addresses; add FHRP groups to it
 * before), and which switch port each router interface sits on. The composite's ports are the
 * switch's other ports, under the same names.
 */
public final class RoutedSwitch {
    private RoutedSwitch() {
    }

    /** @param sviPorts router interface name to the switch port it is wired to */
    public static CompositeDevice of(String name, SwitchConfig switchConfig, Router router, Map<String, String> sviPorts) {
        EthernetSwitch sw = new EthernetSwitch(switchConfig);
        CompositeDevice.Builder b = CompositeDevice.builder(name).add(sw).add(router);
        for (Map.Entry<String, String> svi : sviPorts.entrySet()) {
            b.wire(router.name() + ":" + svi.getKey(), sw.name() + ":" + svi.getValue());
        }
        for (String port : sw.portNames()) {
            if (!sviPorts.containsValue(port)) b.expose(port, sw.name() + ":" + port);
        }
        return b.build();
    }
}
