package io.firsthop.core.l3;

import io.firsthop.core.arp.ArpSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A router's configuration. FHRP groups are not configuration records (they are stateful
 * protocol cores): add them with {@link Router#addGroup} before powering the router on.
 *
 * @param name         the device name
 * @param interfaces   the routed interfaces, indexed by port number; names unique
 * @param staticRoutes static routes
 * @param arp          ARP behaviour of every interface
 */
public record RouterConfig(String name, List<RouterInterface> interfaces, List<StaticRoute> staticRoutes, ArpSettings arp) {
    public RouterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arp, "arp");
        interfaces = List.copyOf(interfaces);
        staticRoutes = List.copyOf(staticRoutes);
        Set<String> names = new HashSet<>();
        for (RouterInterface i : interfaces) {
            if (!names.add(i.name())) throw new IllegalArgumentException(name + ": duplicate interface name '" + i.name() + "'");
        }
    }

    /** A router with these interfaces, no static routes and default ARP settings. */
    public static RouterConfig of(String name, RouterInterface... interfaces) {
        return new RouterConfig(name, List.of(interfaces), List.of(), ArpSettings.DEFAULT);
    }

    public RouterConfig withStaticRoutes(StaticRoute... routes) {
        return new RouterConfig(name, interfaces, List.of(routes), arp);
    }

    public RouterConfig withArp(ArpSettings settings) {
        return new RouterConfig(name, interfaces, staticRoutes, settings);
    }
}
