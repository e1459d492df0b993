package io.firsthop.cluster;

/**
 * The receiver's half of the flow control between two sites: checks that frames arrive
 * numbered 1, 2, 3... and decides when to acknowledge (every {@code ackEvery} frames, so
 * the sender's window reopens in steps instead of per frame).
 *
 * <p>Pure and single-threaded: owned by one {@link Downlink}.
 */
final class ReceiveWindow {
    /** {@link #accept} verdict: the frame is the one expected. */
    static final long IN_ORDER = 0;
    /** {@link #accept} verdict: the frame was seen before (or is older than one seen); ignore it. */
    static final long DUPLICATE = -1;

    private final int ackEvery;
    private long expected = 1;
    private long lastAcked;

    ReceiveWindow(int ackEvery) {
        if (ackEvery < 1) throw new IllegalArgumentException("ackEvery must be >= 1, was " + ackEvery);
        this.ackEvery = ackEvery;
    }

    /**
     * Takes frame {@code seq}: {@link #IN_ORDER}, {@link #DUPLICATE}, or the first missing
     * number when frames {@code [result, seq)} never came (the frame itself is accepted).
     */
    long accept(long seq) {
        if (seq < expected) return DUPLICATE;
        long missingFrom = seq > expected ? expected : IN_ORDER;
        expected = seq + 1;
        return missingFrom;
    }

    /** Whether enough frames arrived since the last acknowledgement to send one now. */
    boolean ackDue() {
        return expected - 1 - lastAcked >= ackEvery;
    }

    /** Whether any frame arrived that was not acknowledged yet. */
    boolean unacknowledged() {
        return expected - 1 > lastAcked;
    }

    /** Records an acknowledgement sent now; returns the number it acknowledges through. */
    long acknowledge() {
        lastAcked = expected - 1;
        return lastAcked;
    }
}
