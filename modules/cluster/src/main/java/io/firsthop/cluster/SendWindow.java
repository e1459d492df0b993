package io.firsthop.cluster;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The sender's half of the flow control between two sites: a sliding window of frames sent
 * and not yet acknowledged, and a bounded queue of frames waiting for room in the window.
 * Artery drops messages silently once its outbound queue (3072 per remote system) is full;
 * with at most {@code window} frames in flight that queue never fills, so a frame is only
 * ever lost where it is counted: refused by {@link #offer} (the link's QUEUE_FULL), reported
 * missing by the receiver ({@link #lost}), or abandoned when the far site leaves
 * ({@link #abandonAll}).
 *
 * <p>Pure and single-threaded: owned by one {@link Uplink}.
 */
final class SendWindow {
    private final int window;
    private final int capacity;
    private final ArrayDeque<Uplink.Send> waiting = new ArrayDeque<>();
    private final ArrayDeque<Downlink.Frame> inFlight = new ArrayDeque<>();
    private long lastSeq;

    SendWindow(int window, int capacity) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, was " + window);
        if (capacity < 0) throw new IllegalArgumentException("queue capacity must be >= 0, was " + capacity);
        this.window = window;
        this.capacity = capacity;
    }

    /** Queues a frame; false (and nothing queued) when {@code capacity} frames already wait. */
    boolean offer(Uplink.Send send) {
        if (waiting.size() >= capacity) return false;
        waiting.add(send);
        return true;
    }

    /** The next frame to put on the wire, numbered, or null while the window is full or nothing waits. */
    Downlink.Frame next() {
        if (inFlight.size() >= window || waiting.isEmpty()) return null;
        Uplink.Send s = waiting.poll();
        Downlink.Frame f = new Downlink.Frame(++lastSeq, s.channel(), s.due(), s.epoch(), s.frame());
        inFlight.add(f);
        return f;
    }

    /** The receiver got every frame up to and including {@code through}. */
    void acked(long through) {
        while (!inFlight.isEmpty() && inFlight.peek().seq() <= through) {
            inFlight.poll();
        }
    }

    /**
     * The receiver saw frames {@code from} (inclusive) to {@code until} (exclusive) missing:
     * hands each to {@code onLost}. Frames before {@code from} arrived.
     */
    void lost(long from, long until, Consumer<Downlink.Frame> onLost) {
        while (!inFlight.isEmpty() && inFlight.peek().seq() < until) {
            Downlink.Frame f = inFlight.poll();
            if (f.seq() >= from) onLost.accept(f);
        }
    }

    /**
     * The far site is gone: hands every frame in flight and every waiting one to
     * {@code onAbandoned} (in flight as frames, waiting as sends), and restarts numbering for
     * the next receiver.
     */
    void abandonAll(Consumer<Downlink.Frame> inFlightAbandoned, Consumer<Uplink.Send> waitingAbandoned) {
        while (!inFlight.isEmpty()) inFlightAbandoned.accept(inFlight.poll());
        while (!waiting.isEmpty()) waitingAbandoned.accept(waiting.poll());
        lastSeq = 0;
    }

    /** Starts numbering afresh for a new receiver, keeping waiting frames (nothing may be in flight). */
    void restartNumbering() {
        if (!inFlight.isEmpty()) throw new IllegalStateException(inFlight.size() + " frames still in flight");
        lastSeq = 0;
    }

    int inFlight() {
        return inFlight.size();
    }

    int waiting() {
        return waiting.size();
    }
}
