package io.firsthop.core;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;

/**
 * Where a device puts what it does in answer to an input. Timers are keyed: arming a key
 * that is already armed moves it; a timer fires at most once per arming.
 */
public interface Outputs {
    /** Transmits {@code frame} on {@code port}. */
    void send(int port, EthernetFrame frame);

    /** Arms (or re-arms) the timer {@code key} to fire at {@code at} nanoseconds. Keys compare by equals. */
    void armTimer(Object key, long at);

    /** Cancels the timer {@code key} if armed. */
    void cancelTimer(Object key);

    /** Records a trace event. */
    void trace(TraceEvent event);
}
