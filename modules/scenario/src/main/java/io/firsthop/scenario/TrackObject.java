package io.firsthop.scenario;

import io.firsthop.wire.Ipv4Address;
import java.time.Duration;
import java.util.Objects;

/** A tracking object of a node: something up or down that gateway groups may follow. */
public sealed interface TrackObject {
    String name();

    /** Up while the interface has carrier and is administratively up (Cisco's "track N interface X line-protocol"). */
    record InterfaceLine(String name, String iface) implements TrackObject {
        public InterfaceLine {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(iface, "iface");
        }
    }

    /**
     * Up while an ICMP echo to {@code address}, sent every {@code interval}, is answered within
     * {@code timeout} (an IP SLA probe).
     */
    record Reachability(String name, Ipv4Address address, Duration interval, Duration timeout) implements TrackObject {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

        public Reachability {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
