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
 * @param bondPort      the name of a second uplink port bonded with the first (a static LAG
 *                      hashed per flow by {@link BondHash}), or null for a single-homed host
 * @param bondHash      how the bond picks a member for each frame (unused without a bond port)
 */
public record HostConfig(String name, String interfaceName, MacAddress mac, InterfaceAddress address,
                         Ipv4Address gateway, ArpSettings arp, List<ProbeFlow> probes, String bondPort,
                         BondHash.Policy bondHash) {
    public HostConfig {
        Objects.requireNonNull(bondHash, "bondHash");
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
        if (bondPort != null && bondPort.equals(interfaceName)) {
            throw new IllegalArgumentException(name + ": bond port '" + bondPort + "' has the name of the first port");
        }
    }

    /** A host whose bond, if any, hashes layer3+4. */
    public HostConfig(String name, String interfaceName, MacAddress mac, InterfaceAddress address,
                      Ipv4Address gateway, ArpSettings arp, List<ProbeFlow> probes, String bondPort) {
        this(name, interfaceName, mac, address, gateway, arp, probes, bondPort, BondHash.Policy.LAYER3_4);
    }

    /** A single-homed host (no bond port). */
    public HostConfig(String name, String interfaceName, MacAddress mac, InterfaceAddress address,
                      Ipv4Address gateway, ArpSettings arp, List<ProbeFlow> probes) {
        this(name, interfaceName, mac, address, gateway, arp, probes, null, BondHash.Policy.LAYER3_4);
    }

    /** A host with interface "eth0", default ARP settings and no probes. */
    public static HostConfig of(String name, MacAddress mac, InterfaceAddress address, Ipv4Address gateway) {
        return new HostConfig(name, "eth0", mac, address, gateway, ArpSettings.DEFAULT, List.of());
    }

    public HostConfig withProbes(ProbeFlow... flows) {
        return new HostConfig(name, interfaceName, mac, address, gateway, arp, List.of(flows), bondPort, bondHash);
    }

    public HostConfig withArp(ArpSettings settings) {
        return new HostConfig(name, interfaceName, mac, address, gateway, settings, probes, bondPort, bondHash);
    }

    public HostConfig withInterfaceName(String newName) {
        return new HostConfig(name, newName, mac, address, gateway, arp, probes, bondPort, bondHash);
    }

    /**
     * The host dual-homed: its interface is a bond of its first port and {@code port}, both
     * carrying the same MAC and address, each flow hashed to one member ({@link BondHash}, layer3+4).
     */
    public HostConfig withBond(String port) {
        return withBond(port, BondHash.Policy.LAYER3_4);
    }

    /** The host dual-homed as {@link #withBond(String)}, its frames spread by {@code policy}. */
    public HostConfig withBond(String port, BondHash.Policy policy) {
        return new HostConfig(name, interfaceName, mac, address, gateway, arp, probes, Objects.requireNonNull(port, "port"), policy);
    }

    /** Whether the host has a second, bonded uplink. */
    public boolean bonded() {
        return bondPort != null;
    }
}
