package io.firsthop.report;

import java.util.Arrays;

/** A growable, sorted-by-construction list of longs (probe send times), without boxing. */
final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long get(int i) {
        return values[i];
    }

    LongList copy() {
        LongList c = new LongList();
        c.values = Arrays.copyOf(values, Math.max(16, size));
        c.size = size;
        return c;
    }

    /** How many values lie in [from, to), the values being ascending. */
    long countInRange(long from, long to) {
        if (to <= from) return 0;
        return lowerBound(to) - lowerBound(from);
    }

    private int lowerBound(long v) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
