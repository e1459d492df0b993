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

    /** A sink that keeps nothing, for benchmarks. */
    static TraceSink discard() {
        return (site, event) -> { };
    }
}
