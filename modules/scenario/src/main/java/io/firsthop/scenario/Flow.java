package io.firsthop.scenario;

import io.firsthop.wire.Ipv4Address;
import java.time.Duration;
import java.util.Objects;

/**
 * A traffic flow: a host pinging a destination at a steady pace (ICMP echo probes), the
 * measurement behind outage, loss and gateway expectations.
 *
 * @param name     unique; expectations name it
 * @param from     the sending host
 * @param to       the destination address
 * @param toNode   the node {@code to} was written as, or null when it was an address
 * @param interval time between two probes (a rate of N pps is an interval of 1/N s)
 * @param start    when the first probe leaves (default 0)
 * @param stop     when probing stops (default: the scenario's duration)
 * @param timeout  how long an unanswered probe waits before it is lost (default 1 s)
 */
public record Flow(String name, String from, Ipv4Address to, String toNode, Duration interval, Duration start,
                   Duration stop, Duration timeout) {
    /** Default probe interval: 10 ms, fine enough to measure sub-second failovers. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    /** Default probe timeout: 1 s, as ping's. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public Flow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (start.isNegative()) throw new IllegalArgumentException("start must not be negative");
    }
}
