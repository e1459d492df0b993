package io.firsthop.core.track;

/** What a down tracked object does to a group that follows it. */
public sealed interface TrackEffect {
    /**
     * The default decrement: HSRP's ({@code standby track}) and GLBP's ({@code glbp weighting
     * track}) in IOS, both 10; the notes' example uses 20. VRRP has no default of its own (keepalived
     * and IOS both want the weight or decrement spelled out), so it takes the same.
     */
    int DEFAULT_DECREMENT = 10;

    /** The default effect: lower the priority (or GLBP weight) by {@value #DEFAULT_DECREMENT}. */
    Decrement DEFAULT = new Decrement(DEFAULT_DECREMENT);

    /**
     * Lower the group's priority (or GLBP weight) by {@code amount} while the object is down.
     * The decrements of all down objects add up; the result is clamped to 1..254.
     */
    record Decrement(int amount) implements TrackEffect {
        public Decrement {
            if (amount < 1 || amount > 255) throw new IllegalArgumentException("a track decrement must be 1..255, was " + amount);
        }
    }

    /**
     * Put the group out of service while the object is down, whatever its priority: keepalived's
     * tracking with weight 0, which sends the instance to FAULT. Each protocol steps aside as on a
     * graceful shutdown and waits until the object is up again: a VRRP Master resigns with
     * priority 0 and the group stays in Initialize; an HSRP Active sends a Resign and the group
     * stays in Initial (RFC 2281 §5.5 event b, "HSRP is disabled"); a GLBP member sends its
     * farewell hello (VG priority 0, forwarders priority 0) and stays in Initial.
     */
    record Fault() implements TrackEffect {}

    static Decrement decrement(int amount) {
        return new Decrement(amount);
    }

    static Fault fault() {
        return new Fault();
    }
}
