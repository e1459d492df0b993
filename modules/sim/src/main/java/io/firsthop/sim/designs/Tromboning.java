package io.firsthop.sim.designs;

/**
 * What a flow pays for not leaving through its nearest gateway (point 12 of the notes): the RTT
 * it sees minus the RTT it would see through the nearest one, and how many times its round trip
 * crosses the WAN.
 *
 * @param flow                 "host/flow"
 * @param rttSeenNanos         the mean RTT measured
 * @param rttNearestNanos      the RTT through the nearest gateway (measured with an anycast
 *                             gateway, or predicted from the link latencies)
 * @param wanCrossings         WAN crossings per round trip measured
 */
public record Tromboning(String flow, long rttSeenNanos, long rttNearestNanos, double wanCrossings) {
    /** The tromboning cost: RTT seen minus RTT through the nearest gateway. */
    public long costNanos() {
        return rttSeenNanos - rttNearestNanos;
    }

    /** The tromboning of one flow's probes in {@code seen}, against the nearest-gateway RTT, counting crossings of {@code wanLink}. */
    public static Tromboning of(String flow, PathStats seen, long rttNearestNanos, String wanLink) {
        return new Tromboning(flow, seen.meanRttNanos(), rttNearestNanos, seen.crossingsPerRoundTrip(wanLink));
    }

    @Override
    public String toString() {
        return String.format("%s: rtt %.3f ms, nearest %.3f ms, tromboning %.3f ms, %.2f WAN crossings per round trip",
                flow, rttSeenNanos / 1e6, rttNearestNanos / 1e6, costNanos() / 1e6, wanCrossings);
    }
}
