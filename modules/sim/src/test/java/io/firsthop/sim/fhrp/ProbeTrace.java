package io.firsthop.sim.fhrp;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading the hosts' probes out of a recorded trace, for the labs of this package. */
final class ProbeTrace {
    /** One probe: when it left, and whether it was answered (null while it has no outcome yet). */
    record Probe(long sentAt, Boolean answered) {}

    private ProbeTrace() {
    }

    /** The probes of {@code host}, in send order. */
    static List<Probe> probes(TraceRecorder trace, String host) {
        List<long[]> sent = new ArrayList<>();
        Map<Integer, long[]> bySequence = new HashMap<>();
        for (TraceEvent e : trace.forDevice(host)) {
            switch (e) {
                case TraceEvent.ProbeSent p -> {
                    long[] row = {p.at(), -1};
                    sent.add(row);
                    bySequence.put(p.sequence(), row);
                }
                case TraceEvent.ProbeAnswered a -> bySequence.get(a.sequence())[1] = 1;
                case TraceEvent.ProbeLost l -> bySequence.get(l.sequence())[1] = 0;
                default -> { }
            }
        }
        List<Probe> probes = new ArrayList<>(sent.size());
        for (long[] row : sent) probes.add(new Probe(row[0], row[1] < 0 ? null : row[1] == 1));
        return probes;
    }

    /** The send time of the first probe of {@code host} sent at or after {@code t} that was answered. */
    static long firstAnsweredFrom(TraceRecorder trace, String host, long t) {
        for (Probe p : probes(trace, host)) {
            if (p.sentAt() >= t && Boolean.TRUE.equals(p.answered())) return p.sentAt();
        }
        throw new AssertionError(host + ": no probe sent after " + t + " ns was answered");
    }

    /** The probes of {@code host} sent in [from, to) that were lost. */
    static List<Long> lostBetween(TraceRecorder trace, String host, long from, long to) {
        List<Long> lost = new ArrayList<>();
        for (Probe p : probes(trace, host)) {
            if (p.sentAt() >= from && p.sentAt() < to && Boolean.FALSE.equals(p.answered())) lost.add(p.sentAt());
        }
        return lost;
    }

    /** The probes of {@code host} sent in [from, to) that were answered. */
    static List<Long> answeredBetween(TraceRecorder trace, String host, long from, long to) {
        List<Long> answered = new ArrayList<>();
        for (Probe p : probes(trace, host)) {
            if (p.sentAt() >= from && p.sentAt() < to && Boolean.TRUE.equals(p.answered())) answered.add(p.sentAt());
        }
        return answered;
    }
}
