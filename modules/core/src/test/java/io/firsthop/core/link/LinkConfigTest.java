package io.firsthop.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinkConfigTest {
    @Test
    @DisplayName("the ideal link has no delay, no loss, no rate limit, and is up")
    void idealLink() {
        LinkConfig c = LinkConfig.IDEAL;
        assertEquals(0, c.latencyNanos());
        assertEquals(0, c.jitterNanos());
        assertEquals(0.0, c.lossProbability());
        assertFalse(c.rateLimited());
        assertEquals(0, c.queueLimitFrames());
        assertTrue(c.up());
    }

    @Test
    @DisplayName("withers change one field and keep the others")
    void withers() {
        LinkConfig c = LinkConfig.ofLatency(2_000_000).withJitter(100).withLoss(0.5).withRate(1_000_000_000).withQueueLimit(7);
        assertEquals(new LinkConfig(2_000_000, 100, 0.5, 1_000_000_000, 7, true), c);
        assertFalse(c.withUp(false).up());
        assertSame(c, c.withUp(true));
    }

    @Test
    @DisplayName("negative latency or jitter, and delays over one day, are rejected with the value in the message")
    void rejectsBadDelays() {
        var e = assertThrows(IllegalArgumentException.class, () -> LinkConfig.ofLatency(-1));
        assertTrue(e.getMessage().contains("latency") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.IDEAL.withJitter(-5));
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.ofLatency(LinkConfig.MAX_DELAY_NANOS + 1));
        assertEquals(LinkConfig.MAX_DELAY_NANOS, LinkConfig.ofLatency(LinkConfig.MAX_DELAY_NANOS).latencyNanos());
    }

    @Test
    @DisplayName("loss outside 0..1, or NaN, is rejected")
    void rejectsBadLoss() {
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.IDEAL.withLoss(-0.01));
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.IDEAL.withLoss(1.01));
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.IDEAL.withLoss(Double.NaN));
        assertEquals(1.0, LinkConfig.IDEAL.withLoss(1.0).lossProbability());
    }

    @Test
    @DisplayName("negative rate or queue limit is rejected; 0 means unlimited")
    void rejectsNegativeRateAndQueue() {
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.IDEAL.withRate(-1));
        assertThrows(IllegalArgumentException.class, () -> LinkConfig.IDEAL.withQueueLimit(-1));
        assertFalse(LinkConfig.IDEAL.withRate(0).rateLimited());
        assertTrue(LinkConfig.IDEAL.withRate(1).rateLimited());
    }
}
