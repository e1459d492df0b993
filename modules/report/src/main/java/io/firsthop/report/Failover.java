package io.firsthop.report;

import java.util.List;

/**
 * One injected event (or several at the same instant: a partition cuts many links) and what
 * followed until the next one: the groups that changed hands and the flows that lost probes.
 *
 * @param number    1, 2, ... in time order
 * @param atNs      when it was injected
 * @param kind      the verb: "crash", "shutdown", "restart", "interface-down", "cut", ... ("multiple" when mixed)
 * @param target    the device or link (comma separated when several)
 * @param what      the trace's text for it
 * @param chain     the chain of steps in time order
 * @param takeovers groups that changed hands
 * @param flows     flows whose outage it caused
 */
public record Failover(int number, long atNs, String kind, String target, String what, List<ChainStep> chain,
                       List<Takeover> takeovers, List<FlowRecovery> flows) {
    public Failover {
        chain = List.copyOf(chain);
        takeovers = List.copyOf(takeovers);
        flows = List.copyOf(flows);
    }

    /** The first takeover's time from injection to new master, or -1 when no group changed hands. */
    public long takeoverNs() {
        return takeovers.isEmpty() ? -1 : takeovers.get(0).takeoverNs();
    }

    /** The longest outage it caused among its flows, 0 when none lost anything. */
    public long longestOutageNs() {
        long best = 0;
        for (FlowRecovery f : flows) best = Math.max(best, f.outageNs());
        return best;
    }
}
