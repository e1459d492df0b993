package io.firsthop.cluster.serial;

/** Sets {@link TripwireFlag#loaded} when initialised: the codec must never load a class named on the wire. */
final class Tripwire {
    static {
        TripwireFlag.loaded = true;
    }

    private Tripwire() {
    }
}

/** Lives apart from {@link Tripwire} so that reading it does not initialise Tripwire. */
final class TripwireFlag {
    static volatile boolean loaded;

    private TripwireFlag() {
    }
}
