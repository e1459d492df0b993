package io.firsthop.sim.designs;

import io.firsthop.sim.VirtualEngine;

/**
 * The latency a path should have, from the links' configured one-way latencies: what a test
 * holds a measured RTT against. Jitter, rates and queues are not included (configure none).
 */
public final class PathLatency {
    private PathLatency() {
    }

    /** The sum of the configured latencies of {@code links}, each named once per traversal. */
    public static long of(VirtualEngine engine, String... links) {
        long sum = 0;
        for (String link : links) sum += engine.linkConfig(link).latencyNanos();
        return sum;
    }
}
