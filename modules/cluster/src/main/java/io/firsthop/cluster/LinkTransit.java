package io.firsthop.cluster;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;

import java.util.function.Consumer;

/**
 * One direction of a link, on its sender's side: when a frame offered now arrives at the
 * far end, or that the link loses it. The sender computes the arrival instant (its run
 * clock), the instant travels with the frame, and the far end's delivery thread releases
 * the frame then; so the whole link model (latency, jitter, loss, queueing) runs where the
 * frame is sent, and real transport time between JVMs is absorbed into it.
 *
 * <p>Not thread-safe: each direction is owned by the actor of the device that sends on it.
 */
public interface LinkTransit {
    /** Returned by {@link #arrival} for a frame the link drops. */
    long LOST = Long.MIN_VALUE;

    /**
     * The run-clock instant {@code frame}, offered at {@code now}, reaches the far end, or
     * {@link #LOST} after reporting the drop (a {@code FrameDropped} with its reason) to
     * {@code traces}.
     */
    long arrival(EthernetFrame frame, long now, Consumer<TraceEvent> traces);

    /**
     * Moves on at every cut of the link. Frames carry the epoch they were sent under; the
     * receiving end drops (as {@code LINK_DOWN}) a frame older than the epoch it knows.
     */
    default int epoch() {
        return 0;
    }

    /** Whether the cable is connected (part of the carrier the ends see). */
    default boolean up() {
        return true;
    }

    /** A link that delivers every frame after exactly {@code latencyNanos}. */
    static LinkTransit fixedDelay(long latencyNanos) {
        if (latencyNanos < 0) throw new IllegalArgumentException("latency must be >= 0, was " + latencyNanos);
        return (frame, now, traces) -> now + latencyNanos;
    }
}
