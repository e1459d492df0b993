package io.firsthop.core.l2;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An Ethernet switch's configuration.
 *
 * @param name        the device name
 * @param ports       the ports, indexed by port number; names unique
 * @param agingNanos  how long a MAC entry lives after the last frame from that MAC (802.1D default 300 s)
 */
public record SwitchConfig(String name, List<SwitchPort> ports, long agingNanos) {
    /** IEEE 802.1D's default ageing time, 300 s. */
    public static final long DEFAULT_AGING_NANOS = 300_000_000_000L;

    public SwitchConfig {
        Objects.requireNonNull(name, "name");
        ports = List.copyOf(ports);
        if (agingNanos <= 0) throw new IllegalArgumentException(name + ": aging time must be positive, was " + agingNanos);
        Set<String> names = new HashSet<>();
        for (SwitchPort p : ports) {
            if (!names.add(p.name())) throw new IllegalArgumentException(name + ": duplicate port name '" + p.name() + "'");
        }
    }

    /** A switch with the default 300 s aging time. */
    public static SwitchConfig of(String name, SwitchPort... ports) {
        return new SwitchConfig(name, List.of(ports), DEFAULT_AGING_NANOS);
    }

    public SwitchConfig withAging(long nanos) {
        return new SwitchConfig(name, ports, nanos);
    }
}
