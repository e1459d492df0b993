package io.firsthop.core.link;

/**
 * How a link (a cable, or a WAN circuit) treats the frames it carries, the same in both
 * directions. The names follow netem and netlab: delay, jitter, loss, rate, queue limit.
 *
 * @param latencyNanos      one-way propagation delay, 0..{@value #MAX_DELAY_NANOS} ns
 * @param jitterNanos       each frame's delay varies uniformly in {@code [-jitter, +jitter]}
 *                          around the latency, never arriving before it left (see {@link LinkModel})
 * @param lossProbability   the probability, 0..1, that the wire loses a frame (Bernoulli, independent)
 * @param rateBitsPerSecond transmitter rate; 0 means unlimited (no serialization delay)
 * @param queueLimitFrames  frames that may wait for (or be in) the transmitter per direction;
 *                          0 means unlimited. Only matters with a rate.
 * @param up                whether the cable is connected; a down link drops every frame
 */
public record LinkConfig(long latencyNanos, long jitterNanos, double lossProbability, long rateBitsPerSecond,
                         int queueLimitFrames, boolean up) {
    /** One day: longer delays are surely a unit mistake, and the bound keeps arrival times far from overflow. */
    public static final long MAX_DELAY_NANOS = 86_400_000_000_000L;

    /** A perfect cable: no delay, no loss, unlimited rate, up. */
    public static final LinkConfig IDEAL = new LinkConfig(0, 0, 0.0, 0, 0, true);

    public LinkConfig {
        if (latencyNanos < 0 || latencyNanos > MAX_DELAY_NANOS) {
            throw new IllegalArgumentException("link latency must be 0.." + MAX_DELAY_NANOS + " ns, was " + latencyNanos);
        }
        if (jitterNanos < 0 || jitterNanos > MAX_DELAY_NANOS) {
            throw new IllegalArgumentException("link jitter must be 0.." + MAX_DELAY_NANOS + " ns, was " + jitterNanos);
        }
        // written so that NaN fails too
        if (!(lossProbability >= 0.0 && lossProbability <= 1.0)) {
            throw new IllegalArgumentException("link loss probability must be within 0..1, was " + lossProbability);
        }
        if (rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("link rate must be >= 0 bit/s (0 = unlimited), was " + rateBitsPerSecond);
        }
        if (queueLimitFrames < 0) {
            throw new IllegalArgumentException("link queue limit must be >= 0 frames (0 = unlimited), was " + queueLimitFrames);
        }
    }

    /** An ideal link with only a propagation delay. */
    public static LinkConfig ofLatency(long latencyNanos) {
        return IDEAL.withLatency(latencyNanos);
    }

    public LinkConfig withLatency(long nanos) {
        return new LinkConfig(nanos, jitterNanos, lossProbability, rateBitsPerSecond, queueLimitFrames, up);
    }

    public LinkConfig withJitter(long nanos) {
        return new LinkConfig(latencyNanos, nanos, lossProbability, rateBitsPerSecond, queueLimitFrames, up);
    }

    public LinkConfig withLoss(double probability) {
        return new LinkConfig(latencyNanos, jitterNanos, probability, rateBitsPerSecond, queueLimitFrames, up);
    }

    public LinkConfig withRate(long bitsPerSecond) {
        return new LinkConfig(latencyNanos, jitterNanos, lossProbability, bitsPerSecond, queueLimitFrames, up);
    }

    public LinkConfig withQueueLimit(int frames) {
        return new LinkConfig(latencyNanos, jitterNanos, lossProbability, rateBitsPerSecond, frames, up);
    }

    public LinkConfig withUp(boolean isUp) {
        return isUp == up ? this : new LinkConfig(latencyNanos, jitterNanos, lossProbability, rateBitsPerSecond, queueLimitFrames, isUp);
    }

    /** Whether the transmitter has a finite rate, so frame lengths matter. */
    public boolean rateLimited() {
        return rateBitsPerSecond > 0;
    }
}
