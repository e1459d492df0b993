package io.firsthop.cluster;

import io.firsthop.core.trace.TraceEvent;

/**
 * Where a site's trace events go, each with the name of the site that saw it. Called
 * concurrently from every actor of a site: implementations must be thread-safe and cheap
 * (a report reads them later; nothing here may block on I/O for long).
 */
@FunctionalInterface
public interface TraceSink {
    void accept(String site, TraceEvent event);

    /**
     * Whether this sink wants {@link TraceEvent.FrameSent} and {@link TraceEvent.FrameReceived}
     * for every frame (as the virtual engine's sinks may ask): costly, so off by default.
     * Read once per device actor when it starts.
     */
    default boolean wantsFrameEvents() {
        return false;
    }

    /** A sink that hands every event to both {@code a} and {@code b}. */
    static TraceSink both(TraceSink a, TraceSink b) {
        boolean frames = a.wantsFrameEvents() || b.wantsFrameEvents();
        return new TraceSink() {
            @Override
            public void accept(String site, TraceEvent event) {
                a.accept(site, event);
                b.accept(site, event);
            }

            @Override
            public boolean wantsFrameEvents() {
                return frames;
            }
        };
    }

    /** A sink that keeps nothing, for benchmarks. */
    static TraceSink discard() {
        return (site, event) -> { };
    }
}
