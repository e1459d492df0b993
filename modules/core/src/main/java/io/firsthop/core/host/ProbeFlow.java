package io.firsthop.core.host;

import io.firsthop.wire.Ipv4Address;
import java.util.Objects;

/**
 * A stream of ICMP echo requests a {@link Host} sends to measure reachability: one every
 * {@code intervalNanos} from {@code startNanos}, each lost if unanswered after {@code timeoutNanos}.
 *
 * @param name          unique within the host; names the flow in trace events
 * @param destination   the address pinged
 * @param intervalNanos time between two requests
 * @param timeoutNanos  how long after sending a request is declared lost
 * @param startNanos    when the first request is sent
 */
public record ProbeFlow(String name, Ipv4Address destination, long intervalNanos, long timeoutNanos, long startNanos) {
    /** The default time after which an unanswered probe is lost: 1 s, as ping's default wait. */
    public static final long DEFAULT_TIMEOUT_NANOS = 1_000_000_000L;

    public ProbeFlow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        if (intervalNanos <= 0) throw new IllegalArgumentException("probe interval must be positive, was " + intervalNanos);
        if (timeoutNanos <= 0) throw new IllegalArgumentException("probe timeout must be positive, was " + timeoutNanos);
        if (startNanos < 0) throw new IllegalArgumentException("probe start must not be negative, was " + startNanos);
    }

    /** A flow with the default 1 s timeout. */
    public static ProbeFlow of(String name, Ipv4Address destination, long intervalNanos, long startNanos) {
        return new ProbeFlow(name, destination, intervalNanos, DEFAULT_TIMEOUT_NANOS, startNanos);
    }
}
