package io.firsthop.report;

import java.util.List;

/**
 * A run's measured results: what report.json holds (docs/report-format.md), and what every
 * other output is rendered from. Built by {@link RunRecorder#snapshot()} or read back by
 * {@link ReportFiles#read}.
 *
 * @param run            what was run
 * @param durationNs     the time of the last trace event seen (or the planned duration, if longer, at the end)
 * @param complete       false for a checkpoint taken during the run, true once the run finished
 * @param interrupted    why and when the run stopped before its planned end, or null (it reached its end, or is
 *                       still going)
 * @param framesAnalysed whether per-frame events were seen: counters and chain steps that need them are
 *                       absent otherwise
 * @param traceEvents    trace events consumed
 * @param flows          per probe flow, by first appearance
 * @param groups         per first-hop group, by first appearance
 * @param failovers      per injected event, in time order
 * @param expectations   the scenario's checks, as the caller evaluated them
 * @param topology       the topology the caller gave (may be empty)
 */
public record RunReport(RunInfo run, long durationNs, boolean complete, Interruption interrupted, boolean framesAnalysed, long traceEvents,
                        List<FlowReport> flows, List<GroupReport> groups, List<Failover> failovers,
                        List<ExpectationResult> expectations, Topology topology) {
    public RunReport {
        flows = List.copyOf(flows);
        groups = List.copyOf(groups);
        failovers = List.copyOf(failovers);
        expectations = List.copyOf(expectations);
        topology = topology == null ? Topology.EMPTY : topology;
    }

    /** The same report with these expectation results (replacing any). */
    public RunReport withExpectations(List<ExpectationResult> results) {
        return new RunReport(run, durationNs, complete, interrupted, framesAnalysed, traceEvents, flows, groups, failovers, results, topology);
    }

    public RunReport completed() {
        return new RunReport(run, durationNs, true, interrupted, framesAnalysed, traceEvents, flows, groups, failovers, expectations, topology);
    }

    /** The flow called {@code name} (the first, when several hosts use one name), or null. */
    public FlowReport flow(String name) {
        for (FlowReport f : flows) if (f.name().equals(name)) return f;
        return null;
    }

    /**
     * The group called {@code name} ("vrrp:1", "vrrp:1@lan") or, when no group has exactly that
     * name, the only group whose name starts with {@code name + "@"}; else null.
     */
    public GroupReport group(String name) {
        GroupReport prefixed = null;
        int prefixedCount = 0;
        for (GroupReport g : groups) {
            if (g.name().equals(name)) return g;
            if (g.name().startsWith(name + "@")) {
                prefixed = g;
                prefixedCount++;
            }
        }
        return prefixedCount == 1 ? prefixed : null;
    }

    /** Whether every expectation passed (true when there are none). */
    public boolean allExpectationsPassed() {
        for (ExpectationResult e : expectations) if (!e.passed()) return false;
        return true;
    }
}
