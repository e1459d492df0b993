package io.firsthop.core.l2;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An Ethernet switch's configuration.
 *
 * @param name        the device name
 * @param ports       the ports, indexed by port number; names unique
 * @param agingNanos  how long a MAC entry lives after the last frame from that MAC (802.1D default 300 s)
 * @param mlag        this switch's half of an MLAG pair, or null
 * @param gatewayMacs gateway MACs kept local to a router port (see {@link GatewayMac}); at most one per (VLAN, MAC)
 */
public record SwitchConfig(String name, List<SwitchPort> ports, long agingNanos, MlagConfig mlag, List<GatewayMac> gatewayMacs) {
    /** IEEE 802.1D's default ageing time, 300 s. */
    public static final long DEFAULT_AGING_NANOS = 300_000_000_000L;

    public SwitchConfig {
        Objects.requireNonNull(name, "name");
        ports = List.copyOf(ports);
        gatewayMacs = List.copyOf(gatewayMacs);
        if (agingNanos <= 0) throw new IllegalArgumentException(name + ": aging time must be positive, was " + agingNanos);
        Map<String, SwitchPort> byName = new HashMap<>();
        for (SwitchPort p : ports) {
            if (byName.put(p.name(), p) != null) throw new IllegalArgumentException(name + ": duplicate port name '" + p.name() + "'");
        }
        if (mlag != null) {
            if (!byName.containsKey(mlag.peerLink())) throw new IllegalArgumentException(name + ": no peer-link port '" + mlag.peerLink() + "'");
            for (String member : mlag.members().keySet()) {
                if (!byName.containsKey(member)) throw new IllegalArgumentException(name + ": no MLAG member port '" + member + "'");
            }
        }
        Set<String> keys = new HashSet<>();
        for (GatewayMac g : gatewayMacs) {
            SwitchPort p = byName.get(g.port());
            if (p == null) throw new IllegalArgumentException(name + ": gateway MAC " + g.mac() + " on unknown port '" + g.port() + "'");
            if (!p.mode().carries(g.vlan())) {
                throw new IllegalArgumentException(name + ": gateway MAC " + g.mac() + " in VLAN " + g.vlan() + " on " + g.port() + ", which does not carry it");
            }
            if (!keys.add(g.vlan() + "/" + g.mac())) {
                throw new IllegalArgumentException(name + ": gateway MAC " + g.mac() + " twice in VLAN " + g.vlan());
            }
        }
    }

    /** A plain switch: no MLAG, no gateway MACs. */
    public SwitchConfig(String name, List<SwitchPort> ports, long agingNanos) {
        this(name, ports, agingNanos, null, List.of());
    }

    /** A switch with the default 300 s aging time. */
    public static SwitchConfig of(String name, SwitchPort... ports) {
        return new SwitchConfig(name, List.of(ports), DEFAULT_AGING_NANOS);
    }

    public SwitchConfig withAging(long nanos) {
        return new SwitchConfig(name, ports, nanos, mlag, gatewayMacs);
    }

    public SwitchConfig withMlag(MlagConfig config) {
        return new SwitchConfig(name, ports, agingNanos, config, gatewayMacs);
    }

    public SwitchConfig withGatewayMacs(GatewayMac... entries) {
        return new SwitchConfig(name, ports, agingNanos, mlag, List.of(entries));
    }
}
