package io.firsthop.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * How a link or a WAN path treats frames, in netlab's and netem's words.
 *
 * @param delay             one-way propagation delay
 * @param jitter            each frame's delay varies within {@code [delay - jitter, delay + jitter]}
 * @param loss              probability 0..1 that a frame is lost
 * @param rateBitsPerSecond transmitter rate; 0 means unlimited
 * @param queueFrames       frames that may wait per direction; 0 means unlimited (only matters with a rate)
 */
public record Impairment(Duration delay, Duration jitter, double loss, long rateBitsPerSecond, int queueFrames) {
    /** A perfect cable: the default when neither the link, the WAN nor {@code defaults.link} says otherwise. */
    public static final Impairment NONE = new Impairment(Duration.ZERO, Duration.ZERO, 0.0, 0, 0);

    public Impairment {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        if (delay.isNegative() || jitter.isNegative()) throw new IllegalArgumentException("delay and jitter must not be negative");
        if (!(loss >= 0.0 && loss <= 1.0)) throw new IllegalArgumentException("loss must be within 0..1, was " + loss);
        if (rateBitsPerSecond < 0) throw new IllegalArgumentException("rate must not be negative");
        if (queueFrames < 0) throw new IllegalArgumentException("queue must not be negative");
    }

    public static Impairment ofDelay(Duration delay) {
        return NONE.withDelay(delay);
    }

    public Impairment withDelay(Duration d) {
        return new Impairment(d, jitter, loss, rateBitsPerSecond, queueFrames);
    }

    public Impairment withJitter(Duration j) {
        return new Impairment(delay, j, loss, rateBitsPerSecond, queueFrames);
    }

    public Impairment withLoss(double l) {
        return new Impairment(delay, jitter, l, rateBitsPerSecond, queueFrames);
    }

    public Impairment withRate(long bitsPerSecond) {
        return new Impairment(delay, jitter, loss, bitsPerSecond, queueFrames);
    }

    public Impairment withQueue(int frames) {
        return new Impairment(delay, jitter, loss, rateBitsPerSecond, frames);
    }
}
