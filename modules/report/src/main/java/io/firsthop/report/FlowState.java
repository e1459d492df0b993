package io.firsthop.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The probes of one (host, flow), keyed by ordinal. Outcomes arrive out of send order (a probe
 * is declared lost a timeout after it was sent, while later probes are answered), so probes are
 * held in a window until every earlier one is resolved; the resolved prefix then feeds
 * {@link Resolved} in send order, which is what makes outages exact.
 */
final class FlowState {
    private static final byte EMPTY = 0;
    private static final byte PENDING = 1;
    private static final byte ANSWERED = 2;
    private static final byte LOST = 3;

    final String host;
    final String name;
    String destination;
    /** The host's segment, when the caller said (for picking among groups sharing a virtual MAC). */
    String hostSegment;

    private long base = -1;
    private long frontier;
    private long maxOrdinal = -1;
    private long[] sentAt = new long[64];
    private long[] rtt = new long[64];
    private long[] answeredAt = new long[64];
    private int[] gateway = new int[64];
    private byte[] fate = new byte[64];
    /** WAN crossings of each probe's request and reply frames, saturating at 127. */
    private byte[] crossings = new byte[64];

    private long sent;
    private long firstSentAt = -1;
    private long secondSentAt = -1;
    private long firstOrdinal = -1;
    final Resolved resolved = new Resolved();

    // WAN crossings: the flow's echo frames are recognised by what the host's own first request carried
    int echoIdentifier = -1;
    int sourceIp;
    int destinationIp;

    // gateway resolution cache, valid while no group changed state
    Object cachedVia;
    long cachedVersion = -1;
    int cachedGateway = -1;

    FlowState(String host, String name) {
        this.host = host;
        this.name = name;
    }

    long sent() {
        return sent;
    }

    void probeSent(long ordinal, long at) {
        if (!prepare(ordinal)) return;
        int i = (int) (ordinal - base);
        if (fate[i] != EMPTY) return;
        fate[i] = PENDING;
        crossings[i] = 0;
        sentAt[i] = at;
        countSent(ordinal, at);
    }

    void answered(long ordinal, long at, long rttNs, int gatewayIndex) {
        if (!prepare(ordinal)) return;
        int i = (int) (ordinal - base);
        if (fate[i] == ANSWERED || fate[i] == LOST) return;
        if (fate[i] == EMPTY) {
            sentAt[i] = at - rttNs;
            countSent(ordinal, at - rttNs);
        }
        fate[i] = ANSWERED;
        rtt[i] = rttNs;
        answeredAt[i] = at;
        gateway[i] = gatewayIndex;
        advance();
    }

    void lost(long ordinal, long sentAtNs) {
        if (!prepare(ordinal)) return;
        int i = (int) (ordinal - base);
        if (fate[i] == ANSWERED || fate[i] == LOST) return;
        if (fate[i] == EMPTY) {
            sentAt[i] = sentAtNs;
            countSent(ordinal, sentAtNs);
        }
        fate[i] = LOST;
        advance();
    }

    private void countSent(long ordinal, long at) {
        sent++;
        if (firstOrdinal < 0 || ordinal < firstOrdinal) {
            firstOrdinal = ordinal;
        }
        if (firstSentAt < 0) {
            firstSentAt = at;
        } else if (secondSentAt < 0) {
            secondSentAt = at;
        }
    }

    /** The time between the first two probes seen, 0 before there are two. */
    long intervalNs() {
        return secondSentAt < 0 ? 0 : Math.abs(secondSentAt - firstSentAt);
    }

    /** Makes room for {@code ordinal}; false when it is older than the resolved prefix (a duplicate). */
    private boolean prepare(long ordinal) {
        if (base < 0) {
            base = ordinal;
            frontier = ordinal;
        }
        if (ordinal < frontier) return false;
        if (ordinal > maxOrdinal) maxOrdinal = ordinal;
        long needed = ordinal - base + 1;
        if (needed > fate.length) {
            compact();
            needed = ordinal - base + 1;
            if (needed > Integer.MAX_VALUE - 8) throw new IllegalStateException("probe window too large for flow " + name);
            if (needed > fate.length) grow((int) Math.max(needed, fate.length * 2L));
        }
        return true;
    }

    private void compact() {
        int drop = (int) (frontier - base);
        if (drop == 0) return;
        int keep = fate.length - drop;
        System.arraycopy(sentAt, drop, sentAt, 0, keep);
        System.arraycopy(rtt, drop, rtt, 0, keep);
        System.arraycopy(answeredAt, drop, answeredAt, 0, keep);
        System.arraycopy(gateway, drop, gateway, 0, keep);
        System.arraycopy(fate, drop, fate, 0, keep);
        System.arraycopy(crossings, drop, crossings, 0, keep);
        Arrays.fill(fate, keep, fate.length, EMPTY);
        base = frontier;
    }

    private void grow(int n) {
        sentAt = Arrays.copyOf(sentAt, n);
        rtt = Arrays.copyOf(rtt, n);
        answeredAt = Arrays.copyOf(answeredAt, n);
        gateway = Arrays.copyOf(gateway, n);
        fate = Arrays.copyOf(fate, n);
        crossings = Arrays.copyOf(crossings, n);
    }

    /**
     * A frame of the probe whose ICMP sequence is {@code wireSequence} (the ordinal mod 2^16) was
     * sent on a WAN port: counted for the latest such probe still unresolved.
     */
    void crossedWan(int wireSequence) {
        int i = pendingSlot(wireSequence);
        if (i >= 0 && crossings[i] < Byte.MAX_VALUE) crossings[i]++;
    }

    /** Whether the latest probe with this ICMP sequence is sent and unanswered. */
    boolean isPending(int wireSequence) {
        return pendingSlot(wireSequence) >= 0;
    }

    private int pendingSlot(int wireSequence) {
        if (base < 0) return -1;
        long o = (maxOrdinal & ~0xFFFFL) | (wireSequence & 0xFFFF);
        if (o > maxOrdinal) o -= 0x10000;
        if (o < frontier) return -1;
        int i = (int) (o - base);
        return fate[i] == PENDING ? i : -1;
    }

    private void advance() {
        while (frontier <= maxOrdinal) {
            int i = (int) (frontier - base);
            byte f = fate[i];
            if (f == PENDING) return;
            // EMPTY with later probes present: this ordinal was never sent (nothing will come for it)
            if (f == EMPTY && frontier == maxOrdinal) return;
            if (f == ANSWERED) resolved.answered(frontier, sentAt[i], rtt[i], answeredAt[i], gateway[i], crossings[i]);
            else if (f == LOST) resolved.lost(frontier, sentAt[i]);
            frontier++;
        }
    }

    /**
     * The resolved state with the unresolved tail applied as far as it is known (answered and
     * lost probes in send order, pending ones skipped): what a report shows now.
     * Returns the copy and the count of pending probes.
     */
    Resolved provisional(long[] pendingOut) {
        Resolved r = resolved.copy();
        long pending = 0;
        for (long o = frontier; o <= maxOrdinal; o++) {
            int i = (int) (o - base);
            switch (fate[i]) {
                case ANSWERED -> r.answered(o, sentAt[i], rtt[i], answeredAt[i], gateway[i], crossings[i]);
                case LOST -> r.lost(o, sentAt[i]);
                case PENDING -> pending++;
                default -> { }
            }
        }
        pendingOut[0] = pending;
        return r;
    }

    /** The send-ordered outcome of resolved probes: counts, RTTs, outages, gateway spans, timeline. */
    static final class Resolved {
        long received;
        long lost;
        /** WAN crossings of the answered probes' frames. */
        long wanCrossings;
        Histogram histogram = new Histogram(3);
        long rttSum;
        long minRtt = Long.MAX_VALUE;
        long maxRtt = Long.MIN_VALUE;
        List<Outage> outages = new ArrayList<>();
        boolean inOutage;
        long outageStart;
        long outageFirstSequence;
        long outageCount;
        long outageLastLost;
        LongList lostSentAt = new LongList();
        Timeline timeline = new Timeline();
        /** Closed spans as {gateway index, start, end, count}. */
        List<long[]> spans = new ArrayList<>();
        int spanGateway = -1;
        long spanStart;
        long spanEnd;
        long spanCount;
        /** answeredAt of the probe that ended each outage, parallel to {@link #outages}. */
        LongList recoveredAt = new LongList();

        Resolved copy() {
            Resolved c = new Resolved();
            c.received = received;
            c.lost = lost;
            c.wanCrossings = wanCrossings;
            c.histogram = histogram.copy();
            c.rttSum = rttSum;
            c.minRtt = minRtt;
            c.maxRtt = maxRtt;
            c.outages = new ArrayList<>(outages);
            c.inOutage = inOutage;
            c.outageStart = outageStart;
            c.outageFirstSequence = outageFirstSequence;
            c.outageCount = outageCount;
            c.outageLastLost = outageLastLost;
            c.lostSentAt = lostSentAt.copy();
            c.timeline = timeline.copy();
            c.spans = new ArrayList<>(spans);
            c.spanGateway = spanGateway;
            c.spanStart = spanStart;
            c.spanEnd = spanEnd;
            c.spanCount = spanCount;
            c.recoveredAt = recoveredAt.copy();
            return c;
        }

        void answered(long ordinal, long sentAt, long rttNs, long answeredAt, int gatewayIndex, int crossings) {
            received++;
            wanCrossings += crossings;
            histogram.recordValue(Math.max(0, rttNs));
            rttSum += rttNs;
            if (rttNs < minRtt) minRtt = rttNs;
            if (rttNs > maxRtt) maxRtt = rttNs;
            timeline.add(sentAt, true, rttNs);
            if (inOutage) {
                outages.add(new Outage(outageStart, sentAt, sentAt - outageStart, outageCount, outageFirstSequence, true));
                recoveredAt.add(answeredAt);
                inOutage = false;
            }
            if (gatewayIndex != spanGateway) {
                closeSpan();
                spanGateway = gatewayIndex;
                spanStart = sentAt;
                spanCount = 0;
            }
            spanEnd = sentAt;
            spanCount++;
        }

        void lost(long ordinal, long sentAt) {
            lost++;
            timeline.add(sentAt, false, 0);
            lostSentAt.add(sentAt);
            if (!inOutage) {
                inOutage = true;
                outageStart = sentAt;
                outageFirstSequence = ordinal;
                outageCount = 0;
            }
            outageCount++;
            outageLastLost = sentAt;
        }

        private void closeSpan() {
            if (spanGateway >= 0 && spanCount > 0) spans.add(new long[] {spanGateway, spanStart, spanEnd, spanCount});
        }

        /** Every outage, the open one (not recovered) last. */
        List<Outage> allOutages() {
            if (!inOutage) return outages;
            List<Outage> all = new ArrayList<>(outages);
            all.add(new Outage(outageStart, -1, outageLastLost - outageStart, outageCount, outageFirstSequence, false));
            return all;
        }

        /** Every span as {gateway index, start, end, count}, the current one last. */
        List<long[]> allSpans() {
            List<long[]> all = new ArrayList<>(spans);
            if (spanGateway >= 0 && spanCount > 0) all.add(new long[] {spanGateway, spanStart, spanEnd, spanCount});
            return all;
        }

        RttStats rttStats() {
            if (received == 0) return RttStats.NONE;
            return new RttStats(received, minRtt / 1e6, rttSum / 1e6 / received,
                    histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
                    histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
        }

        /** 40 bars over the recorded RTTs: linear, or logarithmic when they spread over more than 20x. */
        List<RttBucket> rttHistogram() {
            List<RttBucket> out = new ArrayList<>();
            if (received == 0) return out;
            long lo = Math.max(1, histogram.getMinValue());
            long hi = Math.max(lo + 1, histogram.getMaxValue() + 1);
            int bars = 40;
            boolean log = hi > 20 * lo;
            double[] edges = new double[bars + 1];
            for (int i = 0; i <= bars; i++) {
                edges[i] = log ? lo * Math.pow((double) hi / lo, (double) i / bars) : lo + (hi - lo) * (double) i / bars;
            }
            long[] counts = new long[bars];
            for (var v : histogram.recordedValues()) {
                long value = histogram.medianEquivalentValue(v.getValueIteratedTo());
                int bar = bar(edges, value);
                counts[bar] += v.getCountAddedInThisIterationStep();
            }
            for (int i = 0; i < bars; i++) out.add(new RttBucket(edges[i] / 1e6, edges[i + 1] / 1e6, counts[i]));
            return out;
        }

        private static int bar(double[] edges, long value) {
            int lo = 0;
            int hi = edges.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (edges[mid] <= value) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }
    }
}
