package io.firsthop.core.track;

/** What a down tracked object does to a group that follows it. */
public sealed interface TrackEffect {
    /** HSRP's default decrement (IOS {@code standby track}); the notes' example uses 20. */
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
     * tracking with weight 0, which sends the instance to FAULT. A VRRP Master resigns as on a
     * shutdown (priority 0, then Initialize) and the group stays in Initialize until the object
     * is up again.
     */
    record Fault() implements TrackEffect {}

    static Decrement decrement(int amount) {
        return new Decrement(amount);
    }

    static Fault fault() {
        return new Fault();
    }
}
