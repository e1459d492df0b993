package io.firsthop.run;

import io.firsthop.core.trace.TraceEvent;

/**
 * Receives the trace events of a run with the site each happened in (the site of the device,
 * or of side A of the link, that saw it), in the order they happen. The virtual engine calls it
 * on its one thread; a cluster engine must hand events over one at a time too.
 */
@FunctionalInterface
public interface SiteTraceSink {
    void accept(String site, TraceEvent event);

    /** Whether this sink wants per-frame events ({@link TraceEvent.FrameSent}, {@link TraceEvent.FrameReceived}). */
    default boolean wantsFrameEvents() {
        return false;
    }

    /** Both sinks, in this order; frame events if either wants them (the other ignores what it does not want). */
    static SiteTraceSink both(SiteTraceSink first, SiteTraceSink second) {
        boolean frames = first.wantsFrameEvents() || second.wantsFrameEvents();
        return new SiteTraceSink() {
            @Override
            public void accept(String site, TraceEvent event) {
                if (event instanceof TraceEvent.FrameSent || event instanceof TraceEvent.FrameReceived) {
                    if (first.wantsFrameEvents()) first.accept(site, event);
                    if (second.wantsFrameEvents()) second.accept(site, event);
                    return;
                }
                first.accept(site, event);
                second.accept(site, event);
            }

            @Override
            public boolean wantsFrameEvents() {
                return frames;
            }
        };
    }
}
