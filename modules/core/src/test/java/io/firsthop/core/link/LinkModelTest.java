package io.firsthop.core.link;

import static io.firsthop.core.link.LinkModel.A_TO_B;
import static io.firsthop.core.link.LinkModel.B_TO_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.DropReason;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinkModelTest {
    private static final long GBPS = 1_000_000_000L;
    /** A stream that fails the test if the model draws from it when it must not. */
    private static final RandomGenerator NO_DRAWS = () -> {
        throw new AssertionError("the link drew a random number");
    };

    @Nested
    class Delay {
        @Test
        @DisplayName("an ideal link delivers at the instant of sending, without drawing randomness")
        void idealDeliversNow() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL);
            assertEquals(1234, link.offer(A_TO_B, 100, 1234, NO_DRAWS));
        }

        @Test
        @DisplayName("arrival = now + latency, exactly, in both directions")
        void exactLatency() {
            LinkModel link = new LinkModel(LinkConfig.ofLatency(2_000_000));
            assertEquals(2_001_000, link.offer(A_TO_B, 64, 1_000, NO_DRAWS));
            assertEquals(2_001_000, link.offer(B_TO_A, 64, 1_000, NO_DRAWS));
            assertEquals(2_001_000, link.offer(A_TO_B, 64, 1_000, NO_DRAWS), "no rate: frames do not wait for each other");
        }

        @Test
        @DisplayName("a latency change applies to frames offered after it only")
        void reconfigureAppliesToNewFrames() {
            LinkModel link = new LinkModel(LinkConfig.ofLatency(1_000));
            long first = link.offer(A_TO_B, 64, 0, NO_DRAWS);
            link.reconfigure(LinkConfig.ofLatency(5_000));
            assertEquals(1_000, first);
            assertEquals(5_010, link.offer(A_TO_B, 64, 10, NO_DRAWS));
            assertEquals(0, link.epoch(), "an impairment change is not a cut");
        }
    }

    @Nested
    class RateAndQueue {
        @Test
        @DisplayName("serialization = bytes * 8 / rate: 1500 bytes at 1 Gbit/s take 12 us")
        void serializationTime() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS));
            assertEquals(12_000, link.serializationNanos(1500));
            assertEquals(512, link.serializationNanos(64));
            assertEquals(12_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
        }

        @Test
        @DisplayName("serialization rounds up to the next nanosecond")
        void serializationRoundsUp() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(3));
            assertEquals(2_666_666_667L, link.serializationNanos(1));
        }

        @Test
        @DisplayName("the transmitter is FIFO: back-to-back frames depart one serialization apart, then add latency")
        void fifoTransmitter() {
            LinkModel link = new LinkModel(LinkConfig.ofLatency(100_000).withRate(GBPS));
            assertEquals(112_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
            assertEquals(124_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
            assertEquals(136_000, link.offer(A_TO_B, 1500, 5_000, NO_DRAWS), "waits for the transmitter, busy until 24 us");
            assertEquals(100_000 + 50_000 + 12_000, link.offer(A_TO_B, 1500, 50_000, NO_DRAWS), "an idle transmitter starts at once");
        }

        @Test
        @DisplayName("each direction has its own transmitter")
        void directionsIndependent() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS));
            assertEquals(12_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
            assertEquals(12_000, link.offer(B_TO_A, 1500, 0, NO_DRAWS));
            assertEquals(1, link.queueLength(A_TO_B, 0));
            assertEquals(1, link.queueLength(B_TO_A, 0));
        }

        @Test
        @DisplayName("queue length counts frames not yet departed, the one on the transmitter included")
        void queueLength() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS));
            for (int i = 0; i < 3; i++) link.offer(A_TO_B, 1500, 0, NO_DRAWS);
            assertEquals(3, link.queueLength(A_TO_B, 0));
            assertEquals(3, link.queueLength(A_TO_B, 11_999));
            assertEquals(2, link.queueLength(A_TO_B, 12_000), "the first departed at 12 us");
            assertEquals(0, link.queueLength(A_TO_B, 36_000));
        }

        @Test
        @DisplayName("tail drop: with the queue full the frame is dropped QUEUE_FULL and takes no transmitter time")
        void tailDrop() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS).withQueueLimit(2));
            assertEquals(12_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
            assertEquals(24_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
            long dropped = link.offer(A_TO_B, 1500, 0, NO_DRAWS);
            assertTrue(LinkModel.isDropped(dropped));
            assertEquals(DropReason.QUEUE_FULL, LinkModel.dropReason(dropped));
            assertEquals(36_000, link.offer(A_TO_B, 1500, 12_000, NO_DRAWS), "room again once the first departed");
            assertTrue(LinkModel.isDropped(link.offer(A_TO_B, 1500, 12_000, NO_DRAWS)));
            assertEquals(2, link.queueLength(A_TO_B, 12_000));
        }

        @Test
        @DisplayName("the transmit ring grows past its initial capacity without losing order")
        void unlimitedQueueGrows() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS));
            for (int i = 1; i <= 100; i++) {
                assertEquals(i * 512L, link.offer(A_TO_B, 64, 0, NO_DRAWS));
            }
            assertEquals(100, link.queueLength(A_TO_B, 0));
            assertEquals(50, link.queueLength(A_TO_B, 50 * 512));
            for (int i = 101; i <= 120; i++) {
                assertEquals(i * 512L, link.offer(A_TO_B, 64, 50 * 512, NO_DRAWS));
            }
            assertEquals(70, link.queueLength(A_TO_B, 50 * 512));
        }

        @Test
        @DisplayName("frame lengths outside 0..16 MiB are rejected")
        void rejectsAbsurdLengths() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS));
            assertThrows(IllegalArgumentException.class, () -> link.offer(A_TO_B, -1, 0, NO_DRAWS));
            assertThrows(IllegalArgumentException.class, () -> link.offer(A_TO_B, LinkModel.MAX_FRAME_BYTES + 1, 0, NO_DRAWS));
        }

        @Test
        @DisplayName("a direction other than 0 or 1 is rejected")
        void rejectsBadDirection() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL);
            assertThrows(IllegalArgumentException.class, () -> link.offer(2, 64, 0, NO_DRAWS));
        }
    }

    @Nested
    class Loss {
        @Test
        @DisplayName("Bernoulli loss p = 0.25 over 100 000 frames (seed 42) stays within 1 point of 25 %")
        void lossRateWithinBounds() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withLoss(0.25));
            RandomGenerator rng = new SplittableRandom(42);
            int lost = 0;
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                long r = link.offer(A_TO_B, 64, i, rng);
                if (LinkModel.isDropped(r)) {
                    assertEquals(DropReason.LINK_LOSS, LinkModel.dropReason(r));
                    lost++;
                } else {
                    assertEquals(i, r);
                }
            }
            // sigma = sqrt(n p (1-p)) ~ 137 frames; the bound is about 7 sigma
            assertTrue(Math.abs(lost - n / 4) < 1_000, "lost " + lost + " of " + n);
        }

        @Test
        @DisplayName("loss 1 drops every frame and loss 0 none, neither drawing randomness")
        void certainLossAndNoLoss() {
            LinkModel always = new LinkModel(LinkConfig.IDEAL.withLoss(1.0));
            LinkModel never = new LinkModel(LinkConfig.IDEAL);
            for (int i = 0; i < 100; i++) {
                assertEquals(LinkModel.DROPPED_LINK_LOSS, always.offer(A_TO_B, 64, i, NO_DRAWS));
                assertEquals(i, never.offer(A_TO_B, 64, i, NO_DRAWS));
            }
        }

        @Test
        @DisplayName("a frame lost on the wire still occupied the transmitter")
        void lostFrameUsesTransmitter() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS).withLoss(1.0));
            assertEquals(LinkModel.DROPPED_LINK_LOSS, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
            link.reconfigure(link.config().withLoss(0.0));
            assertEquals(24_000, link.offer(A_TO_B, 1500, 0, NO_DRAWS));
        }
    }

    @Nested
    class Jitter {
        @Test
        @DisplayName("jitter keeps arrivals within latency +- jitter, reaching near both bounds, centred on the latency")
        void jitterBounds() {
            long latency = 1_000_000;
            long jitter = 500_000;
            LinkModel link = new LinkModel(LinkConfig.ofLatency(latency).withJitter(jitter));
            RandomGenerator rng = new SplittableRandom(7);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                long delay = link.offer(A_TO_B, 64, 10_000, rng) - 10_000;
                assertTrue(delay >= latency - jitter && delay <= latency + jitter, "delay " + delay);
                min = Math.min(min, delay);
                max = Math.max(max, delay);
                sum += delay;
            }
            assertTrue(min < latency - jitter + 1_000, "min " + min);
            assertTrue(max > latency + jitter - 1_000, "max " + max);
            assertEquals(latency, sum / n, 10_000);
        }

        @Test
        @DisplayName("jitter larger than the latency is clamped: a frame never arrives before it departed")
        void jitterClampedAtDeparture() {
            LinkModel link = new LinkModel(LinkConfig.ofLatency(100_000).withJitter(1_000_000).withRate(GBPS));
            RandomGenerator rng = new SplittableRandom(3);
            int clamped = 0;
            for (int i = 0; i < 1_000; i++) {
                long now = i * 100_000L;
                long departure = now + 512;
                long arrival = link.offer(A_TO_B, 64, now, rng);
                assertTrue(arrival >= departure, "arrival " + arrival + " before departure " + departure);
                if (arrival == departure) clamped++;
            }
            assertTrue(clamped > 300, "about 45% should be clamped, was " + clamped);
        }

        @Test
        @DisplayName("as with netem, jitter can reorder: a later frame may arrive first")
        void jitterReorders() {
            LinkModel link = new LinkModel(LinkConfig.ofLatency(1_000_000).withJitter(500_000));
            RandomGenerator rng = new SplittableRandom(11);
            long previous = link.offer(A_TO_B, 64, 0, rng);
            boolean reordered = false;
            for (int i = 1; i < 100 && !reordered; i++) {
                long arrival = link.offer(A_TO_B, 64, i * 1_000L, rng);
                reordered = arrival < previous;
                previous = arrival;
            }
            assertTrue(reordered);
        }

        @Test
        @DisplayName("the same seed gives the same arrivals")
        void seededIsReproducible() {
            LinkConfig c = LinkConfig.ofLatency(1_000_000).withJitter(300_000).withLoss(0.1);
            LinkModel a = new LinkModel(c);
            LinkModel b = new LinkModel(c);
            RandomGenerator ra = new SplittableRandom(99);
            RandomGenerator rb = new SplittableRandom(99);
            for (int i = 0; i < 1_000; i++) {
                assertEquals(a.offer(A_TO_B, 64, i, ra), b.offer(A_TO_B, 64, i, rb));
            }
        }
    }

    @Nested
    class CutAndRestore {
        @Test
        @DisplayName("a cut link drops offers LINK_DOWN and moves the epoch so frames in flight are lost")
        void cut() {
            LinkModel link = new LinkModel(LinkConfig.ofLatency(1_000));
            link.offer(A_TO_B, 64, 0, NO_DRAWS);
            int epochBefore = link.epoch();
            link.cut();
            assertFalse(link.up());
            assertEquals(epochBefore + 1, link.epoch());
            long r = link.offer(A_TO_B, 64, 10, NO_DRAWS);
            assertEquals(DropReason.LINK_DOWN, LinkModel.dropReason(r));
        }

        @Test
        @DisplayName("restore reconnects with empty transmitters; the epoch stays moved on")
        void restore() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL.withRate(GBPS));
            for (int i = 0; i < 5; i++) link.offer(A_TO_B, 1500, 0, NO_DRAWS);
            link.cut();
            link.restore();
            assertTrue(link.up());
            assertEquals(1, link.epoch());
            assertEquals(0, link.queueLength(A_TO_B, 1_000));
            assertEquals(1_000 + 12_000, link.offer(A_TO_B, 1500, 1_000, NO_DRAWS), "the queued frames were lost with the cut");
        }

        @Test
        @DisplayName("taking the link down by reconfiguration is a cut; bringing it up again is a restore")
        void reconfigureUpDown() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL);
            link.reconfigure(LinkConfig.IDEAL.withUp(false));
            assertEquals(1, link.epoch());
            assertFalse(link.up());
            link.reconfigure(LinkConfig.ofLatency(5));
            assertTrue(link.up());
            assertEquals(1, link.epoch());
            assertEquals(15, link.offer(B_TO_A, 64, 10, NO_DRAWS));
        }

        @Test
        @DisplayName("cutting an already cut link still moves the epoch, and dropReason rejects non-drop codes")
        void cutTwice() {
            LinkModel link = new LinkModel(LinkConfig.IDEAL);
            link.cut();
            link.cut();
            assertEquals(2, link.epoch());
            assertThrows(IllegalArgumentException.class, () -> LinkModel.dropReason(5));
        }
    }
}
