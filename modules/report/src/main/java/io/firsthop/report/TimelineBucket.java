package io.firsthop.report;

/**
 * The probes of one flow sent in [{@code startNs}, {@code startNs + widthNs}): the latency-over-time
 * series, at a resolution that coarsens (by doubling) so a flow never holds more than a few
 * thousand buckets however long the run.
 *
 * @param sent     probes sent in the bucket and resolved (answered or lost)
 * @param answered of which answered
 * @param lost     of which lost
 * @param minMs    smallest RTT of the answered ones (NaN when none)
 * @param meanMs   mean RTT (NaN when none)
 * @param maxMs    largest RTT (NaN when none)
 */
public record TimelineBucket(long startNs, long widthNs, int sent, int answered, int lost,
                             double minMs, double meanMs, double maxMs) {
}
