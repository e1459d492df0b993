package io.firsthop.core.track;

import io.firsthop.wire.Ipv4Address;
import java.util.Objects;

/**
 * Something a router watches so its first-hop groups can step aside when it fails: the
 * "track" objects of IOS ({@code track 1 interface Gi0/1 line-protocol}, {@code track 2 ip sla 1
 * reachability}) and keepalived ({@code track_interface}, {@code track_script}). Objects are
 * named per router; groups follow them through {@link io.firsthop.core.l3.Router#track}.
 */
public sealed interface TrackedObject {
    /** The object's name, unique on its router; trace events call it "track &lt;name&gt;". */
    String name();

    /**
     * The line state of one of the router's own interfaces: down while the interface is
     * administratively down or has no carrier.
     *
     * @param interfaceName the router interface's name, e.g. "ge1"
     */
    record InterfaceLine(String name, String interfaceName) implements TrackedObject {
        public InterfaceLine {
            requireName(name);
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }

    /**
     * Reachability of {@code target} by a periodic probe the router sends itself: an ICMP echo
     * request every {@code intervalNanos} from the address of the interface the route to the
     * target leaves by (as IP SLA icmp-echo does). A probe is answered when its echo reply comes
     * back within {@code timeoutNanos}; the object goes down after {@code downAfter} consecutive
     * unanswered probes and comes back up after {@code upAfter} consecutive answered ones
     * (keepalived's {@code fall} and {@code rise}). It is presumed up at power-on, as keepalived
     * presumes a tracked script good unless told {@code init_fail}, so booting does not fail
     * over before the first probe had a chance.
     *
     * @param timeoutNanos at most the interval (IP SLA's rule: one probe in flight at a time)
     */
    record Reachability(String name, Ipv4Address target, long intervalNanos, long timeoutNanos, int downAfter, int upAfter)
            implements TrackedObject {
        /** One probe a second. */
        public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;
        /** An answer must come before the next probe leaves. */
        public static final long DEFAULT_TIMEOUT_NANOS = 1_000_000_000L;
        /**
         * Down after three misses in a row and up after three answers in a row, as BFD's usual
         * detect multiplier of 3: one lost echo does not fail a gateway over, and a flapping path
         * does not win it back at its first answer.
         */
        public static final int DEFAULT_DOWN_AFTER = 3;
        public static final int DEFAULT_UP_AFTER = 3;

        public Reachability {
            requireName(name);
            Objects.requireNonNull(target, "target");
            if (intervalNanos <= 0) throw new IllegalArgumentException("track " + name + ": probe interval must be positive, was " + intervalNanos);
            if (timeoutNanos <= 0 || timeoutNanos > intervalNanos) {
                throw new IllegalArgumentException("track " + name + ": probe timeout must be within 1.." + intervalNanos
                        + " ns (the interval), was " + timeoutNanos);
            }
            if (downAfter < 1) throw new IllegalArgumentException("track " + name + ": down-after must be at least 1, was " + downAfter);
            if (upAfter < 1) throw new IllegalArgumentException("track " + name + ": up-after must be at least 1, was " + upAfter);
        }

        /** A probe of {@code target} with the defaults: every second, 1 s timeout, down after 3 misses, up after 3 answers. */
        public static Reachability of(String name, Ipv4Address target) {
            return new Reachability(name, target, DEFAULT_INTERVAL_NANOS, DEFAULT_TIMEOUT_NANOS, DEFAULT_DOWN_AFTER, DEFAULT_UP_AFTER);
        }

        public Reachability withTiming(long interval, long timeout) {
            return new Reachability(name, target, interval, timeout, downAfter, upAfter);
        }

        public Reachability withThresholds(int down, int up) {
            return new Reachability(name, target, intervalNanos, timeoutNanos, down, up);
        }
    }

    /** Tracks the line state of interface {@code interfaceName}. */
    static InterfaceLine interfaceLine(String name, String interfaceName) {
        return new InterfaceLine(name, interfaceName);
    }

    /** Tracks reachability of {@code target} with the default probe timing. */
    static Reachability reachability(String name, Ipv4Address target) {
        return Reachability.of(name, target);
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("a tracked object needs a name");
    }
}
