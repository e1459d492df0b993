package io.firsthop.cluster.serial;

/** Sets {@link Flag#loaded} when initialised: the codec must never load a class named on the wire. */
final class Tripwire {
    static {
        Flag.loaded = true;
    }

    private Tripwire() {
    }

    /** A class of its own, so that reading the flag does not initialise Tripwire. */
    static final class Flag {
        static volatile boolean loaded;

        private Flag() {
        }
    }
}
