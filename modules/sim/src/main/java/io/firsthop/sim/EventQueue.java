package io.firsthop.sim;

import java.util.Arrays;

/**
 * The engine's pending events: a binary min-heap ordered by (time, sequence number), the
 * sequence number being the order of insertion, so events due at the same instant run in
 * the order they were scheduled and every run is reproducible.
 *
 * <p>Kept lean for the hot loop: the heap holds only primitives (time, sequence, slot), and
 * each event's fields live in parallel slot arrays recycled through a free list, so scheduling
 * and running an event allocates nothing once the arrays have grown to the working size.
 *
 * <p>How to drive it: {@link #push} an event; while {@link #nonEmpty()} and {@link #peekTime()}
 * is due, {@link #pop()} a slot, read its fields ({@link #kind}, {@link #a}, {@link #b},
 * {@link #obj}, {@link #aux}), then {@link #release} it.
 */
final class EventQueue {
    // heap, index 0 is the root
    private long[] heapTime;
    private long[] heapSeq;
    private int[] heapSlot;
    private int size;
    private long nextSeq;

    // event fields by slot
    int[] kind;
    int[] a;
    int[] b;
    long[] aux;
    Object[] obj;
    private int[] freeSlots;
    private int freeCount;

    EventQueue(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        heapTime = new long[capacity];
        heapSeq = new long[capacity];
        heapSlot = new int[capacity];
        kind = new int[capacity];
        a = new int[capacity];
        b = new int[capacity];
        aux = new long[capacity];
        obj = new Object[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    int size() {
        return size;
    }

    boolean nonEmpty() {
        return size > 0;
    }

    /** The time of the earliest event; only when {@link #nonEmpty()}. */
    long peekTime() {
        return heapTime[0];
    }

    /** Schedules an event at {@code time}; it runs after every event already scheduled at the same time. */
    void push(long time, int eventKind, int eventA, int eventB, Object eventObj, long eventAux) {
        pushWithSeq(time, nextSeq++, eventKind, eventA, eventB, eventObj, eventAux);
    }

    /**
     * Takes the next sequence number without scheduling anything yet, for an event whose place
     * among same-instant events is decided now but which is queued later ({@link #pushWithSeq}).
     */
    long reserveSeq() {
        return nextSeq++;
    }

    /** Schedules an event with a sequence number from {@link #reserveSeq}, ordered as if pushed when it was reserved. */
    void pushWithSeq(long time, long seq, int eventKind, int eventA, int eventB, Object eventObj, long eventAux) {
        if (freeCount == 0) {
            grow();
        }
        int slot = freeSlots[--freeCount];
        kind[slot] = eventKind;
        a[slot] = eventA;
        b[slot] = eventB;
        obj[slot] = eventObj;
        aux[slot] = eventAux;
        // sift up, moving the hole rather than swapping
        int i = size++;
        long[] ht = heapTime;
        long[] hs = heapSeq;
        int[] hslot = heapSlot;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = ht[parent];
            if (pt < time || (pt == time && hs[parent] < seq)) {
                break;
            }
            ht[i] = pt;
            hs[i] = hs[parent];
            hslot[i] = hslot[parent];
            i = parent;
        }
        ht[i] = time;
        hs[i] = seq;
        hslot[i] = slot;
    }

    /** Removes the earliest event and returns its slot; the caller reads the fields, then {@link #release}s it. */
    int pop() {
        long[] ht = heapTime;
        long[] hs = heapSeq;
        int[] hslot = heapSlot;
        int top = hslot[0];
        int n = --size;
        if (n > 0) {
            long time = ht[n];
            long seq = hs[n];
            int slot = hslot[n];
            int i = 0;
            int half = n >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                long ct = ht[child];
                long cs = hs[child];
                if (right < n) {
                    long rt = ht[right];
                    if (rt < ct || (rt == ct && hs[right] < cs)) {
                        child = right;
                        ct = rt;
                        cs = hs[right];
                    }
                }
                if (time < ct || (time == ct && seq < cs)) {
                    break;
                }
                ht[i] = ct;
                hs[i] = cs;
                hslot[i] = hslot[child];
                i = child;
            }
            ht[i] = time;
            hs[i] = seq;
            hslot[i] = slot;
        }
        return top;
    }

    void release(int slot) {
        obj[slot] = null;
        freeSlots[freeCount++] = slot;
    }

    private void grow() {
        int old = kind.length;
        int capacity = old * 2;
        heapTime = Arrays.copyOf(heapTime, capacity);
        heapSeq = Arrays.copyOf(heapSeq, capacity);
        heapSlot = Arrays.copyOf(heapSlot, capacity);
        kind = Arrays.copyOf(kind, capacity);
        a = Arrays.copyOf(a, capacity);
        b = Arrays.copyOf(b, capacity);
        aux = Arrays.copyOf(aux, capacity);
        obj = Arrays.copyOf(obj, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
        // every old slot is in use (that is why we grow), so the free list is exactly the new ones
        for (int i = 0; i < capacity - old; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity - old;
    }
}
