package io.firsthop.cluster;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * The emulation error a site measures on itself: how late, in run-clock nanoseconds past
 * their deadline, frames and timers reached their device's actor, and how late frames from
 * other sites reached this site at all (transport slower than the link's latency). Thread-safe;
 * every device actor and downlink of the site records here.
 */
public final class SiteMetrics {
    private final Recorder frameLateness = new Recorder(3);
    private final Recorder timerLateness = new Recorder(3);
    private final Recorder crossSiteLateness = new Recorder(3);
    private final Histogram frameTotal = new Histogram(3);
    private final Histogram timerTotal = new Histogram(3);
    private final Histogram crossSiteTotal = new Histogram(3);
    private final LongAdder staleTimers = new LongAdder();

    void frameArrived(long latenessNanos) {
        frameLateness.recordValue(Math.max(0, latenessNanos));
    }

    void timerFired(long latenessNanos) {
        timerLateness.recordValue(Math.max(0, latenessNanos));
    }

    void crossSiteArrived(long latenessNanos) {
        crossSiteLateness.recordValue(Math.max(0, latenessNanos));
    }

    void staleTimerSkipped() {
        staleTimers.increment();
    }

    /** Lateness of frames at their receiving device actor since the site started (a copy). */
    public synchronized Histogram frameLateness() {
        frameTotal.add(frameLateness.getIntervalHistogram());
        return frameTotal.copy();
    }

    /** Lateness of timers at their device actor since the site started (a copy). */
    public synchronized Histogram timerLateness() {
        timerTotal.add(timerLateness.getIntervalHistogram());
        return timerTotal.copy();
    }

    /**
     * How late frames from other sites reached this site's downlinks past their due instant
     * (0 for a frame with time to spare), since the site started (a copy). A frame that
     * arrives late is told at once, so this lateness passes on to the device unchanged.
     */
    public synchronized Histogram crossSiteArrivalLateness() {
        crossSiteTotal.add(crossSiteLateness.getIntervalHistogram());
        return crossSiteTotal.copy();
    }

    /** Timer firings skipped because the timer had been re-armed or cancelled since. */
    public long staleTimersSkipped() {
        return staleTimers.sum();
    }
}
