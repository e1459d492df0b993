package io.firsthop.sim.designs;

import java.util.List;

/**
 * What a set of probes saw of the network: how many were answered, their RTTs, their hops and
 * how often they crossed a watched link. Built by {@link ProbePaths}; figures over answered
 * probes only, so a loss does not pass for a short path.
 */
public final class PathStats {
    private final ProbePaths paths;
    private final List<ProbePaths.Probe> probes;
    private final List<ProbePaths.Probe> answered;

    private PathStats(ProbePaths paths, List<ProbePaths.Probe> probes) {
        this.paths = paths;
        this.probes = List.copyOf(probes);
        this.answered = this.probes.stream().filter(ProbePaths.Probe::answered).toList();
    }

    static PathStats of(ProbePaths paths, List<ProbePaths.Probe> probes) {
        return new PathStats(paths, probes);
    }

    public List<ProbePaths.Probe> probes() {
        return probes;
    }

    public int sent() {
        return probes.size();
    }

    public int answered() {
        return answered.size();
    }

    public int lost() {
        int n = 0;
        for (ProbePaths.Probe p : probes) if (p.lost()) n++;
        return n;
    }

    /** The mean RTT of the answered probes, in nanoseconds; -1 if none was answered. */
    public long meanRttNanos() {
        if (answered.isEmpty()) return -1;
        long sum = 0;
        for (ProbePaths.Probe p : answered) sum += p.rttNanos();
        return Math.round((double) sum / answered.size());
    }

    public long minRttNanos() {
        return answered.stream().mapToLong(ProbePaths.Probe::rttNanos).min().orElse(-1);
    }

    public long maxRttNanos() {
        return answered.stream().mapToLong(ProbePaths.Probe::rttNanos).max().orElse(-1);
    }

    /** Frames on physical links per answered round trip (request and reply): the hops. */
    public double framesPerRoundTrip() {
        if (answered.isEmpty()) return Double.NaN;
        long sum = 0;
        for (ProbePaths.Probe p : answered) sum += p.frames();
        return (double) sum / answered.size();
    }

    /** Crossings of {@code link} per answered round trip, request and reply together. */
    public double crossingsPerRoundTrip(String link) {
        if (answered.isEmpty()) return Double.NaN;
        int i = paths.linkIndex(link);
        long sum = 0;
        for (ProbePaths.Probe p : answered) sum += p.requestCrossings(i) + p.replyCrossings(i);
        return (double) sum / answered.size();
    }

    /** Crossings of {@code link} by the requests alone, per answered probe. */
    public double requestCrossingsPerProbe(String link) {
        if (answered.isEmpty()) return Double.NaN;
        int i = paths.linkIndex(link);
        long sum = 0;
        for (ProbePaths.Probe p : answered) sum += p.requestCrossings(i);
        return (double) sum / answered.size();
    }

    /** The share of answered round trips of which at least one frame crossed {@code link}. */
    public double shareCrossing(String link) {
        if (answered.isEmpty()) return Double.NaN;
        int i = paths.linkIndex(link);
        int n = 0;
        for (ProbePaths.Probe p : answered) if (p.requestCrossings(i) + p.replyCrossings(i) > 0) n++;
        return (double) n / answered.size();
    }

    @Override
    public String toString() {
        return "PathStats[sent=" + sent() + ", answered=" + answered() + ", meanRtt=" + meanRttNanos() + " ns, frames/rt="
                + framesPerRoundTrip() + "]";
    }
}
