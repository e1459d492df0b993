package io.firsthop.core.host;

import io.firsthop.core.arp.ArpSettings;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A host's configuration: one Ethernet interface with one address, an optional default
 * gateway, ARP behaviour and the probe flows it generates.
 *
 * @param name          the device name
 * @param interfaceName the interface's (and port 0's) name, e.g. "eth0"
 * @param mac           the interface's MAC
 * @param address       the interface's address and prefix length
 * @param gateway       the default gateway, on the interface's subnet, or null for none
 * @param arp           ARP behaviour
 * @param probes        probe flows, names unique
 */
public record HostConfig(String name, String interfaceName, MacAddress mac, InterfaceAddress address,
                         Ipv4Address gateway, ArpSettings arp, List<ProbeFlow> probes) {
    public HostConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(arp, "arp");
        probes = List.copyOf(probes);
        if (mac.isMulticast() || mac.value() == 0) {
            throw new IllegalArgumentException(name + ": interface MAC must be a unicast address, was " + mac);
        }
        if (gateway != null && !address.prefix().contains(gateway)) {
            throw new IllegalArgumentException(name + ": gateway " + gateway + " is not on " + address.prefix());
        }
        Set<String> names = new HashSet<>();
        for (ProbeFlow f : probes) {
            if (!names.add(f.name())) throw new IllegalArgumentException(name + ": duplicate probe flow '" + f.name() + "'");
        }
        if (probes.size() > 0xFFFF) throw new IllegalArgumentException(name + ": at most 65535 probe flows");
    }

    /** A host with interface "eth0", default ARP settings and no probes. */
    public static HostConfig of(String name, MacAddress mac, InterfaceAddress address, Ipv4Address gateway) {
        return new HostConfig(name, "eth0", mac, address, gateway, ArpSettings.DEFAULT, List.of());
    }

    public HostConfig withProbes(ProbeFlow... flows) {
        return new HostConfig(name, interfaceName, mac, address, gateway, arp, List.of(flows));
    }

    public HostConfig withArp(ArpSettings settings) {
        return new HostConfig(name, interfaceName, mac, address, gateway, settings, probes);
    }

    public HostConfig withInterfaceName(String newName) {
        return new HostConfig(name, newName, mac, address, gateway, arp, probes);
    }
}
