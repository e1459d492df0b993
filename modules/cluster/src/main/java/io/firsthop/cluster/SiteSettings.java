package io.firsthop.cluster;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * A site's runtime settings, read once from {@code firsthop.site} (conf/firsthop-cluster.conf);
 * actors get this record, never the Config.
 *
 * @param delivery          how the delivery thread waits for deadlines (spin, longest spin, timer slack)
 * @param window            cross-site frames in flight (unacknowledged) per remote site
 * @param queueCapacity     cross-site frames waiting for the window per remote site, beyond which QUEUE_FULL
 * @param idleAckInterval   how often a receiver acknowledges when fewer than window/4 frames came
 * @param helloInterval     how often an uplink repeats its handshake until the remote site answers
 */
public record SiteSettings(PreciseDelivery.Tuning delivery, int window, int queueCapacity, Duration idleAckInterval,
                           Duration helloInterval) {
    public SiteSettings {
        java.util.Objects.requireNonNull(delivery, "delivery");
        if (window < 4) throw new IllegalArgumentException("cross-site window must be >= 4, was " + window);
        if (queueCapacity < 0) throw new IllegalArgumentException("cross-site queue capacity must be >= 0");
        if (idleAckInterval.isNegative() || idleAckInterval.isZero()) throw new IllegalArgumentException("idle-ack-interval must be > 0");
        if (helloInterval.isNegative() || helloInterval.isZero()) throw new IllegalArgumentException("hello-interval must be > 0");
    }

    /** Reads {@code firsthop.site} from {@code config}. */
    public static SiteSettings fromConfig(Config config) {
        Config c = config.getConfig("firsthop.site");
        return new SiteSettings(
                new PreciseDelivery.Tuning(c.getDuration("delivery.spin").toNanos(),
                        c.getDuration("delivery.max-spin").toNanos(), c.getDuration("delivery.timer-slack").toNanos()),
                c.getInt("cross-site.window"),
                c.getInt("cross-site.queue-capacity"),
                c.getDuration("cross-site.idle-ack-interval"),
                c.getDuration("cross-site.hello-interval"));
    }

    /** The same settings with another window and queue capacity. */
    public SiteSettings withFlowControl(int window, int queueCapacity) {
        return new SiteSettings(delivery, window, queueCapacity, idleAckInterval, helloInterval);
    }

    Uplink.Settings uplink() {
        return new Uplink.Settings(window, queueCapacity, helloInterval);
    }

    /** The receiver acknowledges every quarter window, so the sender never stalls a full round trip. */
    int ackEvery() {
        return Math.max(1, window / 4);
    }
}
