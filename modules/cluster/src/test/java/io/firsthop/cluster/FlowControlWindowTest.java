package io.firsthop.cluster;

import io.firsthop.wire.EthernetFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowControlWindowTest {
    private static Uplink.Send send(int i) {
        EthernetFrame f = FakeDevice.stamped(i, 0);
        return new Uplink.Send(3, 1000 + i, f);
    }

    private static List<Downlink.Frame> drain(SendWindow w) {
        List<Downlink.Frame> out = new ArrayList<>();
        Downlink.Frame f;
        while ((f = w.next()) != null) out.add(f);
        return out;
    }

    @Nested
    @DisplayName("sender")
    class Sender {
        @Test
        @DisplayName("numbers frames 1, 2, 3... and keeps at most `window` unacknowledged")
        void windowBoundsFramesInFlight() {
            SendWindow w = new SendWindow(4, 100);
            for (int i = 0; i < 10; i++) assertTrue(w.offer(send(i)));
            List<Downlink.Frame> first = drain(w);
            assertEquals(List.of(1L, 2L, 3L, 4L), first.stream().map(Downlink.Frame::seq).toList());
            assertEquals(1000, first.get(0).due());
            assertEquals(6, w.waiting());
            w.acked(2);
            assertEquals(List.of(5L, 6L), drain(w).stream().map(Downlink.Frame::seq).toList());
            assertEquals(4, w.inFlight());
        }

        @Test
        @DisplayName("refuses a frame once `capacity` frames wait (the caller reports QUEUE_FULL)")
        void boundedQueue() {
            SendWindow w = new SendWindow(1, 2);
            assertTrue(w.offer(send(0)));
            drain(w);
            assertTrue(w.offer(send(1)));
            assertTrue(w.offer(send(2)));
            assertFalse(w.offer(send(3)));
            assertEquals(2, w.waiting());
        }

        @Test
        @DisplayName("hands over exactly the frames the receiver reports missing; earlier ones count as arrived")
        void lostRange() {
            SendWindow w = new SendWindow(10, 10);
            for (int i = 0; i < 6; i++) w.offer(send(i));
            drain(w);
            List<Long> lost = new ArrayList<>();
            w.lost(3, 5, f -> lost.add(f.seq()));
            assertEquals(List.of(3L, 4L), lost);
            assertEquals(2, w.inFlight(), "5 and 6 are still unacknowledged");
        }

        @Test
        @DisplayName("abandons every frame in flight and waiting when the far site leaves, then numbers afresh")
        void abandonAll() {
            SendWindow w = new SendWindow(2, 10);
            for (int i = 0; i < 5; i++) w.offer(send(i));
            drain(w);
            List<Long> inFlight = new ArrayList<>();
            List<Long> waiting = new ArrayList<>();
            w.abandonAll(f -> inFlight.add(f.seq()), s -> waiting.add(s.due()));
            assertEquals(List.of(1L, 2L), inFlight);
            assertEquals(List.of(1002L, 1003L, 1004L), waiting);
            w.offer(send(9));
            assertEquals(1L, w.next().seq());
        }

        @Test
        @DisplayName("cannot restart numbering with frames still in flight")
        void restartNeedsEmptyFlight() {
            SendWindow w = new SendWindow(2, 10);
            w.offer(send(0));
            drain(w);
            assertThrows(IllegalStateException.class, w::restartNumbering);
        }
    }

    @Nested
    @DisplayName("receiver")
    class Receiver {
        @Test
        @DisplayName("accepts frames in order and acknowledges every `ackEvery`")
        void acknowledgesInSteps() {
            ReceiveWindow r = new ReceiveWindow(3);
            assertEquals(ReceiveWindow.IN_ORDER, r.accept(1));
            assertEquals(ReceiveWindow.IN_ORDER, r.accept(2));
            assertFalse(r.ackDue());
            assertTrue(r.unacknowledged());
            assertEquals(ReceiveWindow.IN_ORDER, r.accept(3));
            assertTrue(r.ackDue());
            assertEquals(3, r.acknowledge());
            assertFalse(r.unacknowledged());
        }

        @Test
        @DisplayName("reports the first missing number when frames are skipped, and ignores old ones")
        void gapsAndDuplicates() {
            ReceiveWindow r = new ReceiveWindow(100);
            r.accept(1);
            assertEquals(2, r.accept(5));
            assertEquals(ReceiveWindow.DUPLICATE, r.accept(3));
            assertEquals(ReceiveWindow.DUPLICATE, r.accept(5));
            assertEquals(ReceiveWindow.IN_ORDER, r.accept(6));
        }
    }
}
