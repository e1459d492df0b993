package io.firsthop.core.glbp;

import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.Ipv4Address;

/** Everything that can happen to a {@link GlbpRouter}; the time comes alongside. */
public sealed interface GlbpInput {
    /** The interface came up with GLBP configured (power on, restart, interface up): Initial -> Listen. */
    record Startup() implements GlbpInput {}

    /** Graceful stop: tell the group (VG and every forwarder resign), then go Initial. */
    record Shutdown() implements GlbpInput {}

    /** The interface lost carrier: go Initial silently, since nothing can be sent. */
    record InterfaceDown() implements GlbpInput {}

    /**
     * A GLBP message of this group arrived.
     *
     * @param source      the sender's interface address (IPv4 source)
     * @param destination 224.0.0.102 for hellos, this router's address for a Request or Response
     */
    record MessageReceived(Ipv4Address source, Ipv4Address destination, GlbpMessage message) implements GlbpInput {
        public MessageReceived {
            java.util.Objects.requireNonNull(source, "source");
            java.util.Objects.requireNonNull(destination, "destination");
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /** A timer the router armed is due. */
    record TimerFired(GlbpTimer timer) implements GlbpInput {
        public TimerFired {
            java.util.Objects.requireNonNull(timer, "timer");
        }
    }

    /** The weighting changed (interface or object tracking, or configuration). */
    record SetWeighting(int weighting) implements GlbpInput {
        public SetWeighting {
            GlbpConfig.requireWeighting("weighting", weighting);
        }
    }

    /** The AVG election priority changed. */
    record SetPriority(int priority) implements GlbpInput {
        public SetPriority {
            if (priority < 1 || priority > 255) throw new IllegalArgumentException("GLBP priority must be 1..255, was " + priority);
        }
    }

    Startup STARTUP = new Startup();
    Shutdown SHUTDOWN = new Shutdown();
    InterfaceDown INTERFACE_DOWN = new InterfaceDown();
}
