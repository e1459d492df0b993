package io.firsthop.report;

import java.util.List;

/**
 * Everything measured for one probe flow (ProbeSent / ProbeAnswered / ProbeLost of one host and flow name).
 *
 * @param name         the flow's name
 * @param from         the sending host
 * @param fromSite     the host's site, or null
 * @param to           the destination address
 * @param sent         probes sent
 * @param received     probes answered
 * @param lost         probes lost
 * @param pending      probes neither answered nor lost yet (still within their timeout)
 * @param intervalNs   the time between the first two probes (0 with fewer than two)
 * @param rtt          round-trip times of the answered probes
 * @param outages      every run of lost probes, in time order
 * @param gateways     the gateways used, in time order
 * @param tromboning   the detour cost
 * @param timeline     latency and loss over time (for charts)
 * @param rttHistogram the RTT distribution (for charts)
 */
public record FlowReport(String name, String from, String fromSite, String to, long sent, long received, long lost,
                         long pending, long intervalNs, RttStats rtt, List<Outage> outages, List<GatewaySpan> gateways,
                         Tromboning tromboning, List<TimelineBucket> timeline, List<RttBucket> rttHistogram) {
    public FlowReport {
        outages = List.copyOf(outages);
        gateways = List.copyOf(gateways);
        timeline = List.copyOf(timeline);
        rttHistogram = List.copyOf(rttHistogram);
        tromboning = tromboning == null ? Tromboning.NONE : tromboning;
        rtt = rtt == null ? RttStats.NONE : rtt;
    }

    /** Lost probes over resolved probes (0 when none resolved). */
    public double lossFraction() {
        long resolved = received + lost;
        return resolved == 0 ? 0 : (double) lost / resolved;
    }

    /** The longest outage, or null when the flow lost nothing. */
    public Outage longestOutage() {
        Outage best = null;
        for (Outage o : outages) if (best == null || o.durationNs() > best.durationNs()) best = o;
        return best;
    }

    /** The longest outage's duration, 0 when the flow lost nothing. */
    public long longestOutageNs() {
        Outage o = longestOutage();
        return o == null ? 0 : o.durationNs();
    }

    /**
     * The gateway in use at {@code atNs}: the span containing it, else the last span that started
     * before it (the gateway last seen answering), else null.
     */
    public GatewaySpan gatewayAt(long atNs) {
        GatewaySpan last = null;
        for (GatewaySpan g : gateways) {
            if (g.startNs() > atNs) break;
            last = g;
        }
        return last;
    }
}
