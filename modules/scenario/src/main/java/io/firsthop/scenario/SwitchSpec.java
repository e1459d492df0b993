package io.firsthop.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bridge (switch, leaf, hypervisor's virtual switch): ports with VLAN modes, a MAC table that
 * ages, and optionally VLAN interfaces that route (an L3 switch, a leaf's anycast gateway, a
 * hypervisor's distributed router) with static routes and tracking objects.
 *
 * @param ports          the ports links attach to
 * @param aging          MAC table ageing time (default 300 s, IEEE 802.1D)
 * @param vlanInterfaces routed VLAN interfaces (SVIs), may be empty
 * @param routes         static routes, used only with VLAN interfaces
 * @param tracking       tracking objects
 * @param mlag           its half of an MLAG pair, or null
 */
public record SwitchSpec(List<SwitchPort> ports, Duration aging, List<VlanInterface> vlanInterfaces,
                         List<Route> routes, List<TrackObject> tracking, Mlag mlag) implements NodeSpec {
    /** IEEE 802.1D's default MAC ageing time. */
    public static final Duration DEFAULT_AGING = Duration.ofSeconds(300);

    public SwitchSpec {
        ports = List.copyOf(ports);
        Objects.requireNonNull(aging, "aging");
        vlanInterfaces = List.copyOf(vlanInterfaces);
        routes = List.copyOf(routes);
        tracking = List.copyOf(tracking);
    }

    /** A switch outside any MLAG pair. */
    public SwitchSpec(List<SwitchPort> ports, Duration aging, List<VlanInterface> vlanInterfaces, List<Route> routes,
                      List<TrackObject> tracking) {
        this(ports, aging, vlanInterfaces, routes, tracking, null);
    }

    /** A plain L2 switch with the default ageing time. */
    public static SwitchSpec of(SwitchPort... ports) {
        return new SwitchSpec(List.of(ports), DEFAULT_AGING, List.of(), List.of(), List.of());
    }

    @Override
    public List<String> portNames() {
        List<String> names = new ArrayList<>(ports.size());
        for (SwitchPort p : ports) names.add(p.name());
        return names;
    }

    @Override
    public List<L3Interface> l3Interfaces() {
        return List.copyOf(vlanInterfaces);
    }

    /** The port named {@code name}, or null. */
    public SwitchPort port(String name) {
        for (SwitchPort p : ports) {
            if (p.name().equals(name)) return p;
        }
        return null;
    }
}
