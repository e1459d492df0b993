package io.firsthop.cli;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.run.SiteTraceSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts the trace events of several sites, which reach the run process late and in bursts (each
 * site JVM flushes its trace file every few tens of milliseconds), back into one time order
 * before they go to the run's sink: events are held until {@link #release} is told that run
 * time has passed them by a safe margin, then handed over by time, ties in arrival order (so
 * one site's events keep the order of its file). An event arriving after later ones were
 * released goes out at the next release anyway, and is counted as {@link #late}.
 *
 * <p>Only events of the run (time 0 to its end) are kept, and per-frame events only when the
 * sink wants them. {@link #add} may be called from any thread; {@link #release} from one.
 */
final class TraceMerge {
    private record Held(long at, long seq, String site, TraceEvent event) {}

    private final PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparingLong(Held::at).thenComparingLong(Held::seq));
    private long end;
    private final boolean frames;
    private long seq;
    private long releasedUpTo = Long.MIN_VALUE;
    private volatile long released;
    private volatile long late;

    /**
     * @param end    the end of the run: later events are left out
     * @param frames whether per-frame events are kept
     */
    TraceMerge(long end, boolean frames) {
        this.end = end;
        this.frames = frames;
    }

    /** Holds {@code event} of {@code site} for release; events outside the run, and frames not asked for, are left out. */
    synchronized void add(String site, TraceEvent event) {
        if (event.at() < 0 || event.at() > end) return;
        if (!frames && (event instanceof TraceEvent.FrameSent || event instanceof TraceEvent.FrameReceived)) return;
        held.add(new Held(event.at(), seq++, site, event));
    }

    /** Hands {@code sink} every held event at or before {@code upTo}, in time order. */
    void release(long upTo, SiteTraceSink sink) {
        List<Held> out = new ArrayList<>();
        long lateNow = 0;
        synchronized (this) {
            while (!held.isEmpty() && held.peek().at() <= upTo) {
                Held h = held.poll();
                if (h.at() < releasedUpTo) lateNow++;
                out.add(h);
            }
            if (upTo > releasedUpTo) releasedUpTo = upTo;
        }
        for (Held h : out) sink.accept(h.site(), h.event());
        released += out.size();
        late += lateNow;
    }

    /** From now on keeps nothing after {@code t} (a run stopped early there), and drops what it holds after it. */
    synchronized void endAt(long t) {
        if (t >= end) return;
        end = t;
        held.removeIf(h -> h.at() > t);
    }

    /** Hands over everything still held. */
    void releaseAll(SiteTraceSink sink) {
        release(Long.MAX_VALUE, sink);
    }

    /** Events handed over so far. */
    long released() {
        return released;
    }

    /** Events that arrived after a release had passed their time, so went out behind later ones. */
    long late() {
        return late;
    }

    /** Events held now. */
    synchronized int held() {
        return held.size();
    }
}
