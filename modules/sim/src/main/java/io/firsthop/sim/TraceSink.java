package io.firsthop.sim;

import io.firsthop.core.trace.TraceEvent;

/**
 * Receives the trace events of a run, in the order they happen. Called on the engine's
 * thread, synchronously: a sink must not call back into the engine.
 */
@FunctionalInterface
public interface TraceSink {
    void accept(TraceEvent event);

    /**
     * Whether this sink wants the engine's per-frame events ({@link TraceEvent.FrameSent},
     * {@link TraceEvent.FrameReceived}). They are by far the most numerous, so the engine only
     * creates them when some sink asks. Drops and every other event always arrive.
     */
    default boolean wantsFrameEvents() {
        return false;
    }
}
