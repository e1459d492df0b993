package io.firsthop.cluster;

import io.firsthop.core.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** A trace sink that keeps every event in memory, for tests and short runs. Thread-safe. */
public final class MemoryTraceSink implements TraceSink {
    private final ConcurrentLinkedQueue<SiteTrace> events = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(String site, TraceEvent event) {
        events.add(new SiteTrace(site, event));
    }

    /** A copy of the events kept so far, in arrival order per site. */
    public List<SiteTrace> events() {
        return new ArrayList<>(events);
    }

    /** How many events kept so far match {@code filter}. */
    public long count(Predicate<SiteTrace> filter) {
        long n = 0;
        for (SiteTrace t : events) {
            if (filter.test(t)) n++;
        }
        return n;
    }
}
