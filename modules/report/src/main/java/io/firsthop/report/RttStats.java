package io.firsthop.report;

/**
 * Round-trip times of a flow's answered probes, from an HdrHistogram of nanoseconds with three
 * significant digits (so every figure is within 0.1%, far below a microsecond for LAN RTTs).
 * With no answered probe every figure is NaN.
 */
public record RttStats(long count, double minMs, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    public static final RttStats NONE = new RttStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
