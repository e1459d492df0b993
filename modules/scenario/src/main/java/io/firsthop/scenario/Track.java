package io.firsthop.scenario;

import java.util.Objects;

/**
 * A gateway group following a tracking object: while the object is down, the group's priority
 * (a GLBP group's weighting) drops by {@code decrement}, or the group leaves the election.
 */
public record Track(String object, Action action) {
    /** The decrement when none is given: 10, as Cisco's HSRP and VRRP tracking. */
    public static final int DEFAULT_DECREMENT = 10;

    public Track {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(action, "action");
    }

    public static Track decrement(String object, int amount) {
        return new Track(object, new Decrement(amount));
    }

    /** What a down object does to the group. */
    public sealed interface Action {
    }

    /** Lower the priority (weighting for GLBP) by {@code amount}, 1..255. */
    public record Decrement(int amount) implements Action {
        public Decrement {
            if (amount < 1 || amount > 255) throw new IllegalArgumentException("decrement must be 1..255, was " + amount);
        }
    }

    /** Act as if the group were shut down: priority 0 / resign, until the object comes back. */
    public record ForceDown() implements Action {
    }
}
