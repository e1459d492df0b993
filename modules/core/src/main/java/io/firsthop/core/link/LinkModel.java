package io.firsthop.core.link;

import io.firsthop.core.trace.DropReason;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a link does to each frame: a pure model with no clock and no randomness of its own.
 *
 * <p>How to drive it: for every frame a device transmits, call {@link #offer} with the
 * direction ({@link #A_TO_B} or {@link #B_TO_A}), the frame's length on the wire, the current
 * time and the link's random stream. The answer is either the instant the frame reaches the
 * far end ({@code >= 0}) or a negative drop code ({@link #isDropped}, {@link #dropReason}).
 * Remember {@link #epoch()} with the delivery; when the instant comes, deliver only if the
 * epoch is unchanged, otherwise the frame was on the wire when the cable was cut
 * ({@link DropReason#LINK_DOWN}).
 *
 * <p>Per frame, in this order (a real transmitter, then the wire):
 * <ol>
 *   <li>link down: {@link DropReason#LINK_DOWN};</li>
 *   <li>the direction's FIFO transmitter holds {@code queueLimitFrames} frames not yet
 *       departed: tail drop, {@link DropReason#QUEUE_FULL} (the frame uses no transmitter time);</li>
 *   <li>serialization: {@code departure = max(now, busyUntil) + ceil(bytes * 8 / rate)};
 *       unlimited rate serializes instantly;</li>
 *   <li>Bernoulli loss on the wire: {@link DropReason#LINK_LOSS}. A lost frame did occupy the
 *       transmitter (unlike netem, which drops before its queue: here loss is the wire's);</li>
 *   <li>{@code arrival = max(departure, departure + latency + U[-jitter, +jitter])}.</li>
 * </ol>
 * Jitter is drawn per frame independently, so, as with netem's delay jitter, a frame can
 * overtake the one sent before it: the link may reorder. Random draws happen only when loss
 * is strictly between 0 and 1 and when jitter is non-zero, so an unimpaired link consumes
 * nothing from its stream.
 *
 * <p>Not thread-safe; one runtime owns each link.
 */
public final class LinkModel {
    public static final int A_TO_B = 0;
    public static final int B_TO_A = 1;

    /** {@link #offer} results below zero: the frame was dropped. */
    public static final long DROPPED_LINK_DOWN = -1;
    public static final long DROPPED_LINK_LOSS = -2;
    public static final long DROPPED_QUEUE_FULL = -3;

    /** Frames larger than this are refused: no Ethernet frame comes close, and it keeps bit arithmetic exact. */
    public static final int MAX_FRAME_BYTES = 1 << 24;

    private LinkConfig config;
    private int epoch;
    private final Transmitter[] transmitters = {new Transmitter(), new Transmitter()};

    public LinkModel(LinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public LinkConfig config() {
        return config;
    }

    public boolean up() {
        return config.up();
    }

    /**
     * Increments on every cut. A frame whose delivery was scheduled under an older epoch was
     * on the wire when the cable was cut and is lost.
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Offers a frame of {@code frameBytes} to the transmitter of {@code direction} at {@code now}.
     *
     * @return the arrival instant at the far end ({@code >= now}), or one of the negative
     *         {@code DROPPED_*} codes
     */
    public long offer(int direction, int frameBytes, long now, RandomGenerator rng) {
        if (direction != A_TO_B && direction != B_TO_A) {
            throw new IllegalArgumentException("link direction must be 0 (A->B) or 1 (B->A), was " + direction);
        }
        if (now < 0) {
            throw new IllegalArgumentException("time must be >= 0, was " + now);
        }
        LinkConfig c = config;
        if (!c.up()) {
            return DROPPED_LINK_DOWN;
        }
        Transmitter tx = transmitters[direction];
        tx.releaseDeparted(now);
        if (c.queueLimitFrames() > 0 && tx.waiting >= c.queueLimitFrames()) {
            return DROPPED_QUEUE_FULL;
        }
        long departure = Math.max(now, tx.busyUntil) + serializationNanos(frameBytes);
        tx.busyUntil = departure;
        if (departure > now) {
            tx.enqueue(departure);
        }
        double loss = c.lossProbability();
        if (loss > 0.0 && (loss >= 1.0 || rng.nextDouble() < loss)) {
            return DROPPED_LINK_LOSS;
        }
        long delay = c.latencyNanos();
        long jitter = c.jitterNanos();
        if (jitter > 0) {
            delay += rng.nextLong(-jitter, jitter + 1);
        }
        // netem-style: jitter may reorder frames, but never delivers before departure
        return delay > 0 ? departure + delay : departure;
    }

    /** Whether an {@link #offer} result is a drop rather than an arrival instant. */
    public static boolean isDropped(long offerResult) {
        return offerResult < 0;
    }

    /** The reason behind a negative {@link #offer} result. */
    public static DropReason dropReason(long offerResult) {
        if (offerResult == DROPPED_LINK_DOWN) return DropReason.LINK_DOWN;
        if (offerResult == DROPPED_LINK_LOSS) return DropReason.LINK_LOSS;
        if (offerResult == DROPPED_QUEUE_FULL) return DropReason.QUEUE_FULL;
        throw new IllegalArgumentException("not a drop code: " + offerResult);
    }

    /** Time to clock {@code frameBytes} onto the wire at the configured rate, rounded up; 0 when unlimited. */
    public long serializationNanos(int frameBytes) {
        if (frameBytes < 0 || frameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame length must be 0.." + MAX_FRAME_BYTES + " bytes, was " + frameBytes);
        }
        long rate = config.rateBitsPerSecond();
        return rate == 0 ? 0 : Math.ceilDiv(frameBytes * 8L * 1_000_000_000L, rate);
    }

    /** Frames of {@code direction} that have not yet departed at {@code now}, the one being serialized included. */
    public int queueLength(int direction, long now) {
        Transmitter tx = transmitters[direction];
        tx.releaseDeparted(now);
        return tx.waiting;
    }

    /**
     * Cuts the cable: later offers are dropped, and every frame already accepted (queued or
     * on the wire) is lost when its delivery comes, because the epoch moves on.
     */
    public void cut() {
        if (config.up()) {
            config = config.withUp(false);
        }
        cutFramesInFlight();
    }

    /** Reconnects the cable with empty transmitters. Frames cut earlier stay lost. */
    public void restore() {
        config = config.withUp(true);
    }

    /**
     * Changes the impairments from now on; frames already accepted keep their computed
     * arrival (as netem's qdisc change does). Taking the link down this way is a {@link #cut()}.
     */
    public void reconfigure(LinkConfig newConfig) {
        Objects.requireNonNull(newConfig, "newConfig");
        boolean wasUp = config.up();
        config = newConfig;
        if (wasUp && !newConfig.up()) {
            cutFramesInFlight();
        }
    }

    private void cutFramesInFlight() {
        epoch++;
        transmitters[A_TO_B].clear();
        transmitters[B_TO_A].clear();
    }

    /** One direction's FIFO transmitter: when it is free, and the departure instants still ahead. */
    private static final class Transmitter {
        long busyUntil;
        /** Departure instants of frames not yet departed, in FIFO (and so ascending) order: a ring. */
        long[] departures = new long[8];
        int head;
        int waiting;

        void releaseDeparted(long now) {
            while (waiting > 0 && departures[head] <= now) {
                head = (head + 1) & (departures.length - 1);
                waiting--;
            }
        }

        void enqueue(long departure) {
            if (waiting == departures.length) {
                long[] grown = new long[departures.length * 2];
                for (int i = 0; i < waiting; i++) {
                    grown[i] = departures[(head + i) & (departures.length - 1)];
                }
                departures = grown;
                head = 0;
            }
            departures[(head + waiting) & (departures.length - 1)] = departure;
            waiting++;
        }

        void clear() {
            busyUntil = 0;
            head = 0;
            waiting = 0;
        }
    }
}
