package io.firsthop.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency and loss of one flow per time bucket, by probe send time. Buckets start at time 0 and
 * are 10 ms wide until the run outgrows {@link #MAX_BUCKETS}; then neighbours merge pairwise
 * and the width doubles, so memory stays bounded and the figures stay exact sums.
 */
final class Timeline {
    static final int MAX_BUCKETS = 2048;
    private static final long INITIAL_WIDTH_NS = 10_000_000L;

    private long widthNs = INITIAL_WIDTH_NS;
    private int used;
    private int[] sent = new int[64];
    private int[] answered = new int[64];
    private int[] lost = new int[64];
    private long[] minRtt = new long[64];
    private long[] maxRtt = new long[64];
    private long[] sumRtt = new long[64];

    Timeline copy() {
        Timeline t = new Timeline();
        t.widthNs = widthNs;
        t.used = used;
        t.sent = sent.clone();
        t.answered = answered.clone();
        t.lost = lost.clone();
        t.minRtt = minRtt.clone();
        t.maxRtt = maxRtt.clone();
        t.sumRtt = sumRtt.clone();
        return t;
    }

    void add(long sentAt, boolean wasAnswered, long rttNs) {
        if (sentAt < 0) sentAt = 0;
        long index = sentAt / widthNs;
        while (index >= MAX_BUCKETS) {
            coarsen();
            index = sentAt / widthNs;
        }
        int i = (int) index;
        ensure(i + 1);
        if (i >= used) used = i + 1;
        sent[i]++;
        if (wasAnswered) {
            if (answered[i] == 0 || rttNs < minRtt[i]) minRtt[i] = rttNs;
            if (answered[i] == 0 || rttNs > maxRtt[i]) maxRtt[i] = rttNs;
            answered[i]++;
            sumRtt[i] += rttNs;
        } else {
            lost[i]++;
        }
    }

    private void ensure(int size) {
        if (size <= sent.length) return;
        int n = Math.min(MAX_BUCKETS, Math.max(size, sent.length * 2));
        sent = Arrays.copyOf(sent, n);
        answered = Arrays.copyOf(answered, n);
        lost = Arrays.copyOf(lost, n);
        minRtt = Arrays.copyOf(minRtt, n);
        maxRtt = Arrays.copyOf(maxRtt, n);
        sumRtt = Arrays.copyOf(sumRtt, n);
    }

    private void coarsen() {
        int half = (used + 1) / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int b = a + 1;
            int s = sent[a];
            int an = answered[a];
            int l = lost[a];
            long mn = minRtt[a];
            long mx = maxRtt[a];
            long sum = sumRtt[a];
            if (b < used) {
                if (answered[b] > 0) {
                    mn = an == 0 ? minRtt[b] : Math.min(mn, minRtt[b]);
                    mx = an == 0 ? maxRtt[b] : Math.max(mx, maxRtt[b]);
                }
                s += sent[b];
                an += answered[b];
                l += lost[b];
                sum += sumRtt[b];
            }
            sent[i] = s;
            answered[i] = an;
            lost[i] = l;
            minRtt[i] = mn;
            maxRtt[i] = mx;
            sumRtt[i] = sum;
        }
        for (int i = half; i < used; i++) {
            sent[i] = answered[i] = lost[i] = 0;
            minRtt[i] = maxRtt[i] = sumRtt[i] = 0;
        }
        used = half;
        widthNs *= 2;
    }

    /** The non-empty buckets, in time order. */
    List<TimelineBucket> buckets() {
        List<TimelineBucket> out = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            if (sent[i] == 0) continue;
            boolean any = answered[i] > 0;
            out.add(new TimelineBucket(i * widthNs, widthNs, sent[i], answered[i], lost[i],
                    any ? minRtt[i] / 1e6 : Double.NaN,
                    any ? sumRtt[i] / 1e6 / answered[i] : Double.NaN,
                    any ? maxRtt[i] / 1e6 : Double.NaN));
        }
        return out;
    }
}
