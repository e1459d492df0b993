package io.firsthop.report;

/**
 * A run of consecutive lost probes of one flow, seen as a pinging user sees it: from the sending
 * of its first lost probe to the sending of the first probe answered after it. Its resolution
 * is therefore the probe interval, and {@code probesLost} are exactly the probes sent in
 * [{@code startNs}, {@code endNs}).
 *
 * @param startNs           when the first lost probe was sent
 * @param endNs             when the first probe answered after it was sent; -1 while not recovered
 * @param durationNs        {@code endNs - startNs}; while not recovered, up to the last lost probe's sending (a lower bound)
 * @param probesLost        how many probes it lost
 * @param firstLostSequence the first lost probe's sequence (its ordinal in the flow)
 * @param recovered         whether a probe was answered after it
 */
public record Outage(long startNs, long endNs, long durationNs, long probesLost, long firstLostSequence, boolean recovered) {
}
